"""Article intake: files and pasted text -> plain text, metadata and duplicate fingerprints.

Pure Python (no Django), so the upload form, the ``import_articles`` command and benchmarks all
share it. Every refusal is an ``IngestError`` whose message names the file and the reason.
"""

from .bulk import BULK_EXTENSIONS as BULK_EXTENSIONS
from .bulk import BulkItem as BulkItem
from .bulk import count_bulk as count_bulk
from .bulk import iter_bulk as iter_bulk
from .document import ParsedDocument as ParsedDocument
from .errors import IngestError as IngestError
from .errors import describe_size as describe_size
from .fingerprint import NEAR_DUPLICATE_THRESHOLD as NEAR_DUPLICATE_THRESHOLD
from .fingerprint import Fingerprint as Fingerprint
from .fingerprint import fingerprint as fingerprint
from .fingerprint import is_near_duplicate as is_near_duplicate
from .fingerprint import similarity as similarity
from .parse import DEFAULT_MAX_BYTES as DEFAULT_MAX_BYTES
from .parse import SUPPORTED_EXTENSIONS as SUPPORTED_EXTENSIONS
from .parse import parse_file as parse_file
from .parse import parse_text as parse_text
