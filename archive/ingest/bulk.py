"""Bulk import: files, folders, JSONL and CSV exports -> one ``BulkItem`` per article.

One bad record never stops an import: it becomes an item with an ``error`` naming the file
(and the JSONL line or CSV row) and the reason, and the walk goes on.
"""

import codecs
import csv
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .decoding import detect_legacy_encoding
from .document import ParsedDocument
from .errors import IngestError
from .parse import DEFAULT_MAX_BYTES, check_size, check_supported, parse_file, parse_text

BULK_EXTENSIONS = frozenset({".jsonl", ".csv"})
_ENCODING_SNIFF_BYTES = 64 * 1024
# Record field -> ParsedDocument metadata field.
_METADATA_FIELDS = {"url": "url", "author": "author", "source": "source_name", "published_at": "published_at"}
_BODY_FIELDS = ("body", "text")


@dataclass(frozen=True)
class BulkItem:
    """One article of a bulk import: ``document`` on success, else ``error`` (a full message)."""

    location: str
    document: ParsedDocument | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.document is not None


@dataclass(frozen=True)
class _Unit:
    # What one item will be made from: a document file, a JSONL line, a CSV row or an error.
    location: str
    path: Path | None = None
    json_line: bytes | None = None
    row: dict[str, Any] | None = None
    error: str | None = None


def iter_bulk(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[BulkItem]:
    """Walk files and folders (recursively, sorted, hidden files skipped) and parse every article.

    Never raises for a bad item; each yields a ``BulkItem`` with ``error`` set instead.
    """
    for unit in _iter_units(paths):
        yield _to_item(unit, max_bytes)


def count_bulk(paths: Iterable[str | Path]) -> int:
    """How many items ``iter_bulk`` will yield for ``paths`` (for a progress bar)."""
    return sum(1 for _unit in _iter_units(paths))


def _to_item(unit: _Unit, max_bytes: int) -> BulkItem:
    if unit.error is not None:
        return BulkItem(unit.location, error=unit.error)
    try:
        if unit.path is not None:
            check_size(unit.path.stat().st_size, unit.location, max_bytes)
            document = parse_file(unit.location, unit.path.read_bytes(), max_bytes=max_bytes)
        elif unit.json_line is not None:
            document = _record_document(_json_record(unit.json_line, unit.location), unit.location, max_bytes)
        else:
            document = _record_document(unit.row or {}, unit.location, max_bytes)
    except IngestError as error:
        return BulkItem(unit.location, error=str(error))
    except OSError as error:
        return BulkItem(unit.location, error=str(_unreadable(unit.location, error)))
    return BulkItem(unit.location, document=document)


def _json_record(line: bytes, location: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise IngestError(location, f"invalid JSON ({error.msg} at column {error.colno})") from None
    except UnicodeDecodeError:
        raise IngestError(location, "the line is not valid UTF-8") from None
    if not isinstance(record, dict):
        raise IngestError(location, "the line is not a JSON object")
    return record


def _record_document(record: dict[str, Any], location: str, max_bytes: int) -> ParsedDocument:
    bodies = (record.get(name) for name in _BODY_FIELDS)
    body = next((value for value in bodies if isinstance(value, str) and value.strip()), None)
    if body is None:
        raise IngestError(location, "no text: the record has no non-empty 'body' or 'text'")
    title = record.get("title")
    title = title if isinstance(title, str) else ""
    document = parse_text(body, filename=location, title=title, max_bytes=max_bytes)
    overrides = {target: record.get(name) for name, target in _METADATA_FIELDS.items()}
    overrides["language"] = record.get("language") or record.get("lang")
    for name, value in overrides.items():
        if value is not None and not isinstance(value, str):
            raise IngestError(location, f"'{name}' must be a string")
    try:
        return document.with_overrides(**overrides)
    except ValueError as error:
        raise IngestError(location, str(error)) from None


def _iter_units(paths: Iterable[str | Path]) -> Iterator[_Unit]:
    for path in _iter_files(paths):
        if isinstance(path, str):
            yield _Unit(path, error=f"{path}: no such file or folder")
            continue
        location = str(path)
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from _jsonl_units(path)
        elif suffix == ".csv":
            yield from _csv_units(path)
        else:
            try:
                check_supported(location)
            except IngestError as error:
                yield _Unit(location, error=str(error))
                continue
            yield _Unit(location, path=path)


def _iter_files(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Files in order; a path that does not exist comes back as its string."""
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not _is_hidden(path.relative_to(root)):
                    yield path
        elif root.is_file():
            yield root
        else:
            yield str(given)


def _is_hidden(relative: Path) -> bool:
    # Dot files and folders (.git, .DS_Store) and Office lock files (~$report.docx) are not articles.
    return any(part.startswith((".", "~$")) for part in relative.parts)


def _jsonl_units(path: Path) -> Iterator[_Unit]:
    try:
        with path.open("rb") as stream:
            for number, line in enumerate(stream, start=1):
                if number == 1:
                    line = line.removeprefix(codecs.BOM_UTF8)
                if line.strip():
                    yield _Unit(f"{path} line {number}", json_line=line)
    except OSError as error:
        yield _Unit(str(path), error=str(_unreadable(str(path), error)))


def _csv_units(path: Path) -> Iterator[_Unit]:
    # Article bodies easily exceed the csv module's default 128 KB field limit; the size limit
    # that matters is applied per article by parse_text.
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 2**31 - 1)))
    try:
        encoding = _csv_encoding(path)
        if encoding is None:
            yield _Unit(str(path), error=f"{path}: the CSV file is in no readable text encoding")
            return
        with path.open(encoding=encoding, newline="") as stream:
            reader = csv.DictReader(stream)
            header = [name.strip().lower() for name in reader.fieldnames or []]
            if not any(name in header for name in _BODY_FIELDS):
                yield _Unit(str(path), error=f"{path}: the CSV header has no 'body' or 'text' column")
                return
            reader.fieldnames = header
            # Row numbers as a spreadsheet shows them: the header is row 1.
            for number, row in enumerate(reader, start=2):
                yield _Unit(f"{path} row {number}", row={key: value for key, value in row.items() if key})
    except UnicodeDecodeError:
        yield _Unit(str(path), error=f"{path}: the CSV text encoding changes part-way; the rest was skipped")
    except csv.Error as error:
        yield _Unit(str(path), error=f"{path}: the CSV file is malformed ({error}); the rest was skipped")
    except OSError as error:
        yield _Unit(str(path), error=str(_unreadable(str(path), error)))


def _unreadable(location: str, error: OSError) -> IngestError:
    return IngestError(location, f"the file could not be read ({error.strerror or error})")


def _csv_encoding(path: Path) -> str | None:
    with path.open("rb") as stream:
        head = stream.read(_ENCODING_SNIFF_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return detect_legacy_encoding(head)
