"""What the intake produces: a parsed document with its metadata."""

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .dates import coerce_datetime
from .language import normalise_language_code
from .textnorm import clip_title

# Fields an editor (or a JSONL/CSV record) may set over what was detected in the file.
OVERRIDABLE_FIELDS = frozenset({"title", "author", "url", "source_name", "published_at", "language"})


@dataclass(frozen=True)
class ParsedDocument:
    """One article's text and metadata, ready for ``article_create``.

    ``body`` is normalised plain text (see ``textnorm.normalise_body``); mention offsets refer
    to it. ``published_at`` is an aware UTC datetime or ``None``; ``language`` an ISO 639-1
    code or ``""`` when unknown. ``warnings`` tell the editor what was guessed or repaired.
    """

    title: str
    body: str
    author: str = ""
    url: str = ""
    source_name: str = ""
    published_at: datetime | None = None
    language: str = ""
    filename: str = ""
    warnings: tuple[str, ...] = ()

    def with_overrides(self, **fields: Any) -> "ParsedDocument":
        """Copy with caller-given metadata winning over detected metadata.

        Empty values (``None``, ``""``, whitespace) are ignored, so a form can pass every field
        it has. ``published_at`` accepts a datetime, a date or a date string; ``language`` a
        code or name. Raises ``ValueError`` for an unusable date or language and ``TypeError``
        for a field that is not metadata.
        """
        unknown = set(fields) - OVERRIDABLE_FIELDS
        if unknown:
            raise TypeError(f"not overridable metadata: {', '.join(sorted(unknown))}")
        changes: dict[str, Any] = {}
        for name, value in fields.items():
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            changes[name] = _clean_override(name, value)
        return dataclasses.replace(self, **changes) if changes else self


def _clean_override(name: str, value: str | datetime | date) -> str | datetime:
    if name == "published_at":
        return coerce_datetime(value)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    if name == "language":
        return normalise_language_code(value)
    if name == "title":
        return clip_title(value)
    return " ".join(value.split())


@dataclass
class ExtractedText:
    """What a format reader found in a file, before normalisation and detection."""

    text: str
    title: str = ""
    author: str = ""
    url: str = ""
    source_name: str = ""
    published_at: datetime | None = None
    # True when the reader emits one block per line (HTML extraction, Word paragraphs).
    paragraph_per_line: bool | None = None
    warnings: list[str] = field(default_factory=list)
