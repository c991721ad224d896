"""Entry points: a file (name + bytes) or pasted text -> ``ParsedDocument``."""

from collections.abc import Callable
from pathlib import PurePath

from .dates import find_dateline
from .decoding import decode_text
from .document import ExtractedText, ParsedDocument
from .errors import IngestError, describe_size
from .html import read_html
from .language import detect_language
from .pdf import read_pdf
from .plaintext import read_markdown, read_plain_text
from .textnorm import clip_title, first_line_title, normalise_body
from .word import read_docx

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def _read_txt(data: bytes, filename: str) -> ExtractedText:
    text, warnings = decode_text(data, filename)
    _refuse_blank(text, filename)
    extracted = read_plain_text(text)
    extracted.warnings.extend(warnings)
    return extracted


def _read_md(data: bytes, filename: str) -> ExtractedText:
    text, warnings = decode_text(data, filename)
    _refuse_blank(text, filename)
    extracted = read_markdown(text)
    extracted.warnings[:0] = warnings
    return extracted


_READERS: dict[str, Callable[[bytes, str], ExtractedText]] = {
    ".txt": _read_txt,
    ".text": _read_txt,
    ".md": _read_md,
    ".markdown": _read_md,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(_READERS)


def parse_file(filename: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument:
    """Extract text and metadata from an uploaded file.

    Raises ``IngestError(filename, reason)`` for anything that cannot become an article.
    """
    reader = _reader_for(filename)
    check_size(len(data), filename, max_bytes)
    if not data:
        raise IngestError(filename, "the file is empty")
    return _finish(reader(data, filename), filename)


def parse_text(
    text: str, *, filename: str = "pasted text", title: str = "", max_bytes: int = DEFAULT_MAX_BYTES
) -> ParsedDocument:
    """Build a document from text an editor pasted (or a JSONL/CSV body)."""
    check_size(len(text.encode("utf-8", "surrogatepass")), filename, max_bytes)
    _refuse_blank(text, filename)
    extracted = read_plain_text(text)
    extracted.title = title
    return _finish(extracted, filename)


def check_supported(filename: str) -> None:
    """Raise ``IngestError`` unless the file's extension is one ``parse_file`` reads."""
    _reader_for(filename)


def _reader_for(filename: str) -> Callable[[bytes, str], ExtractedText]:
    extension = PurePath(filename).suffix.lower()
    reader = _READERS.get(extension)
    if reader is None:
        shown = f"'{extension}'" if extension else "without an extension"
        supported = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        raise IngestError(filename, f"unsupported file type {shown} (supported: {supported})")
    return reader


def check_size(num_bytes: int, filename: str, max_bytes: int) -> None:
    if num_bytes > max_bytes:
        size, limit = describe_size(num_bytes), describe_size(max_bytes)
        raise IngestError(filename, f"the file is {size}, over the {limit} limit")


def _refuse_blank(text: str, filename: str) -> None:
    if not text.strip():
        raise IngestError(filename, "the text is empty (only whitespace)" if text else "the text is empty")


def _finish(extracted: ExtractedText, filename: str) -> ParsedDocument:
    body = normalise_body(extracted.text, paragraph_per_line=extracted.paragraph_per_line)
    if not body:
        raise IngestError(filename, "no text could be extracted from the file")
    warnings = list(extracted.warnings)
    language = detect_language(body)
    if not language:
        warnings.append("the language could not be detected")
    published_at = extracted.published_at
    if published_at is None:
        published_at = find_dateline(body, language)
        if published_at is not None:
            warnings.append("the publication date was read from the dateline; please check it")
    return ParsedDocument(
        title=clip_title(extracted.title) or first_line_title(body),
        body=body,
        author=" ".join(extracted.author.split()),
        url=extracted.url.strip(),
        source_name=" ".join(extracted.source_name.split()),
        published_at=published_at,
        language=language,
        filename=filename,
        warnings=tuple(warnings),
    )
