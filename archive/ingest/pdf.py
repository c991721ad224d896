"""PDF files -> text (lines re-flowed into paragraphs) and Info/XMP metadata."""

import io
import zlib
from datetime import datetime

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, PyPdfError

from .dates import is_plausible_publication_date, to_utc
from .document import ExtractedText
from .errors import IngestError

_CORRUPT = "the PDF is corrupt or unreadable"
_ENCRYPTED = "the PDF is encrypted (password-protected); remove the protection and upload it again"
# Broken PDFs surface as any of these from deep inside pypdf.
_READ_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
                OSError, zlib.error)
# A line much shorter than the page's usual line ends its paragraph (or is a heading).
_SHORT_LINE_RATIO = 0.7


def read_pdf(data: bytes, filename: str) -> ExtractedText:
    if b"%PDF-" not in data[:1024]:
        raise IngestError(filename, f"{_CORRUPT} (no PDF header)")
    warnings: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                opened = PasswordType.NOT_DECRYPTED
            if opened == PasswordType.NOT_DECRYPTED:
                raise IngestError(filename, _ENCRYPTED)
            warnings.append("the PDF is encrypted without an opening password; its text was read")
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except _READ_ERRORS:
        raise IngestError(filename, _CORRUPT) from None
    if not any(page.strip() for page in pages):
        raise IngestError(filename, "the PDF has no text layer (a scanned PDF needs OCR first)")

    title, author, published_at = _metadata(reader)
    return ExtractedText(
        text="\n\n".join(reflow_lines(page) for page in pages),
        title=title,
        author=author,
        published_at=published_at,
        paragraph_per_line=False,
        warnings=warnings,
    )


def reflow_lines(page_text: str) -> str:
    """Join a page's layout lines into paragraphs (blank-line separated).

    PDF text comes as visual lines; a paragraph ends at a blank line or a line clearly shorter
    than the page's usual line. A line-end hyphen between lower-case letters is a word broken
    across lines ("defen-" "ce"); other hyphens ("Su-" "30SM2") are kept and joined tight.
    """
    lines = [line.strip() for line in page_text.split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return ""
    usual_length = lengths[int(0.9 * (len(lengths) - 1))]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if not current:
            current = line
        elif current.endswith("-") and len(current) > 1 and current[-2].islower() and line[0].islower():
            current = current[:-1] + line
        elif current.endswith("-"):
            current += line
        else:
            current += " " + line
        if len(line) < _SHORT_LINE_RATIO * usual_length:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _metadata(reader: PdfReader) -> tuple[str, str, datetime | None]:
    title = author = ""
    created: datetime | None = None
    try:
        info = reader.metadata
        if info is not None:
            title = str(info.title or "")
            author = str(info.author or "")
            created = info.creation_date
    except _READ_ERRORS:
        pass
    if not (title and author and created):
        try:
            xmp = reader.xmp_metadata
        except _READ_ERRORS:
            xmp = None
        if xmp is not None:
            try:
                title = title or next(iter((xmp.dc_title or {}).values()), "")
                author = author or ", ".join(xmp.dc_creator or [])
                created = created or xmp.xmp_create_date or next(iter(xmp.dc_date or []), None)
            except _READ_ERRORS:
                pass
    published_at = to_utc(created) if isinstance(created, datetime) else None
    if published_at and not is_plausible_publication_date(published_at):
        published_at = None
    return title.strip(), author.strip(), published_at
