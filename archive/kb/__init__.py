"""The curated defense knowledge base shipped with the app.

Pure Python (no Django): the extractor reads it directly, and the ``load_kb``
management command copies it into the database.
"""

from .schema import KINDS as KINDS
from .schema import KBEntry as KBEntry
from .schema import KBError as KBError
from .schema import KnowledgeBase as KnowledgeBase
from .schema import default_kb as default_kb
from .schema import load_kb as load_kb
