"""Publication dates: coercion to aware UTC datetimes and the dateline of a plain text."""

import re
from datetime import UTC, date, datetime, time, timedelta

import dateparser
from dateparser.search import search_dates

# A dateline sits at the top ("MINSK, March 5, 2024 —", "Published: 2024-03-05"); dates
# further down are events the article talks about, not its publication.
DATELINE_LINES = 5
DATELINE_CHARS = 500
DATELINE_HEAD_CHARS = 80
_MAX_PREFIX_WORDS = 6
_PREFIX_WORD = re.compile(r"[^\W\d_]+")
_DATELINE_LABELS = frozenset({
    "published", "posted", "updated", "date", "dated", "on", "at", "by", "first",
    "опубликовано", "обновлено", "дата", "от", "опубліковано", "оновлено", "від",
})
_EARLIEST_YEAR = 1900
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Dotted numeric dates are day-first wherever they are used (Europe, Russia, Ukraine);
# dateparser would read "05.03.2024" month-first in English text.
_DOTTED_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b")
_DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["year", "month"],
}


def to_utc(moment: datetime) -> datetime:
    """Aware UTC datetime; a naive one is taken to be UTC already."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def is_plausible_publication_date(moment: datetime) -> bool:
    """Not before 1900 and not in the future (a day of clock and time-zone slack allowed)."""
    return moment.year >= _EARLIEST_YEAR and moment <= datetime.now(UTC) + timedelta(days=1)


def coerce_datetime(value: datetime | date | str) -> datetime:
    """Caller-given date (form field, JSONL/CSV cell) -> aware UTC datetime.

    Strings may be ISO 8601 or anything dateparser reads ("5 March 2024", "5 марта 2024").
    Raises ``ValueError`` when the value is not a date.
    """
    if isinstance(value, datetime):
        return to_utc(value)
    if isinstance(value, date):
        return datetime.combine(value, time.min, tzinfo=UTC)
    text = value.strip()
    try:
        return to_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    dotted = _DOTTED_DATE.fullmatch(text)
    if dotted:
        return _dotted_to_datetime(dotted)
    parsed = dateparser.parse(text, settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        raise ValueError(f"not a date: {value!r}")
    return to_utc(parsed)


def find_dateline(body: str, language: str = "") -> datetime | None:
    """The publication date written as a dateline in the first lines of a plain text, if any.

    A dateline date opens its line, preceded at most by a place or agency in capitals or a
    label: "MINSK, March 5, 2024 —", "Published: 2024-03-05", "МОСКВА, 5 марта 2024 года".
    Dates inside sentences ("will induct two fighters in October 2025") are events, not the
    publication date, and dates without a year ("Tuesday", "now") are never datelines.
    """
    first_lines = [line.strip() for line in body[: DATELINE_CHARS * 4].split("\n") if line.strip()]
    for line in first_lines[:DATELINE_LINES]:
        head = line[:DATELINE_HEAD_CHARS]
        if not _YEAR.search(head):
            continue
        for surface, moment in _dates_in(head, language):
            position = head.find(surface)
            if position < 0 or not _is_dateline_prefix(head[:position]):
                continue
            if is_plausible_publication_date(moment):
                return moment
    return None


def _dates_in(text: str, language: str) -> list[tuple[str, datetime]]:
    found: list[tuple[str, datetime]] = []
    for dotted in _DOTTED_DATE.finditer(text):
        try:
            found.append((dotted.group(0), _dotted_to_datetime(dotted)))
        except ValueError:
            continue
    languages = list(dict.fromkeys([language, "en"])) if language else None
    try:
        searched = search_dates(text, languages=languages, settings=_DATEPARSER_SETTINGS) or []
    except ValueError:
        # dateparser does not know every language py3langid can detect.
        searched = search_dates(text, languages=["en"], settings=_DATEPARSER_SETTINGS) or []
    found.extend((surface, to_utc(moment)) for surface, moment in searched if _YEAR.search(surface))
    return found


def _is_dateline_prefix(prefix: str) -> bool:
    words = _PREFIX_WORD.findall(prefix)
    return len(words) <= _MAX_PREFIX_WORDS and all(
        word[0].isupper() or word.casefold() in _DATELINE_LABELS for word in words
    )


def _dotted_to_datetime(match: re.Match[str]) -> datetime:
    day, month, year = (int(part) for part in match.groups())
    return datetime(year, month, day, tzinfo=UTC)
