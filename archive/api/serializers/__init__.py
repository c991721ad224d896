"""Serializers of the API: representation only; writes are validated here and done by services."""

from .articles import ArticleCreateSerializer as ArticleCreateSerializer
from .articles import ArticleDetailSerializer as ArticleDetailSerializer
from .articles import ArticleListSerializer as ArticleListSerializer
from .articles import ArticleUpdateSerializer as ArticleUpdateSerializer
from .articles import CreatedArticleSerializer as CreatedArticleSerializer
from .articles import DuplicateSerializer as DuplicateSerializer
from .articles import ExtractionQueuedSerializer as ExtractionQueuedSerializer
from .common import EntityRefSerializer as EntityRefSerializer
from .common import ErrorSerializer as ErrorSerializer
from .common import StrictSerializer as StrictSerializer
from .entities import EntityDetailSerializer as EntityDetailSerializer
from .entities import EntityListSerializer as EntityListSerializer
from .entities import EntityMergeResultSerializer as EntityMergeResultSerializer
from .entities import EntityMergeSerializer as EntityMergeSerializer
from .entities import EntityWriteSerializer as EntityWriteSerializer
from .mentions import MentionCreateSerializer as MentionCreateSerializer
from .mentions import MentionReviewSerializer as MentionReviewSerializer
from .mentions import MentionSerializer as MentionSerializer
from .tags import TagChangeSerializer as TagChangeSerializer
from .tags import TagSerializer as TagSerializer
