"""Word .docx files -> text (paragraphs and tables in document order) and core properties."""

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from lxml import etree

from .dates import is_plausible_publication_date, to_utc
from .document import ExtractedText
from .errors import IngestError
from .ziplimits import DEFAULT_ZIP_LIMITS, ZipLimits, check_zip_limits

_CORRUPT = "the Word document is corrupt or unreadable"
_HEADING_STYLES = ("Title", "Heading 1", "Heading")


def read_docx(data: bytes, filename: str, *, zip_limits: ZipLimits = DEFAULT_ZIP_LIMITS) -> ExtractedText:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise IngestError(filename, f"{_CORRUPT} (not a ZIP container)") from None
    with archive:
        check_zip_limits(archive, filename, "the Word document", zip_limits)
        if "word/document.xml" not in archive.namelist():
            raise IngestError(filename, f"{_CORRUPT} (no word/document.xml: not a Word document)")
    try:
        document = docx.Document(io.BytesIO(data))
        blocks, heading = _blocks_and_heading(document)
        properties = document.core_properties
        title, author, created = properties.title, properties.author, properties.created
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError, OSError):
        raise IngestError(filename, _CORRUPT) from None

    published_at = to_utc(created) if created else None
    if published_at and not is_plausible_publication_date(published_at):
        published_at = None
    return ExtractedText(
        text="\n".join(blocks),
        title=(title or "").strip() or heading,
        author=(author or "").strip(),
        published_at=published_at,
        paragraph_per_line=True,
    )


def _blocks_and_heading(document: "docx.document.Document") -> tuple[list[str], str]:
    blocks: list[str] = []
    heading = ""
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.extend(_table_rows(item))
            continue
        text = item.text
        blocks.append(text)
        style_name = item.style.name if item.style is not None else ""
        if not heading and text.strip() and style_name.startswith(_HEADING_STYLES):
            heading = text.strip()
    return blocks, heading


def _table_rows(table: Table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # Merged cells repeat the same cell object along the merge.
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows
