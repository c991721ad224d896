from .article import Article as Article
from .article import ArticleStatus as ArticleStatus
from .article import FingerprintBand as FingerprintBand
from .entity import Alias as Alias
from .entity import Entity as Entity
from .entity import EntityKind as EntityKind
from .job import JobStatus as JobStatus
from .job import ReextractionJob as ReextractionJob
from .mention import Mention as Mention
from .mention import MentionOrigin as MentionOrigin
from .mention import MentionStatus as MentionStatus
from .mention import Tag as Tag
from .mention import TagChange as TagChange
from .mention import TagChangeAction as TagChangeAction
from .source import Source as Source

# isort: split
# Models of sub-packages, imported after the core models they refer to.
from archive.api.models import ApiToken as ApiToken
from archive.api.models import EntityMerge as EntityMerge
from archive.search.models import SearchDocument as SearchDocument
