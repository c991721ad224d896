"""Turning what a reader or API client sent into validated search parameters (ValueError if not)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from .kinds import KIND_BITS
from .query import MAX_QUERY_CHARS

SORTS = ("relevance", "date")
MAX_PAGE_SIZE = 100
# Deep pages cost more to rank; nobody reads page 500 of a search.
MAX_PAGE = 500


def reject_nul(value: str, name: str) -> str:
    """PostgreSQL cannot store or compare text holding NUL characters; refuse them up front."""
    if "\x00" in value:
        raise ValueError(f"{name} must not contain NUL characters.")
    return value


def clean_query(query: str | None) -> str:
    query = reject_nul((query or "").strip(), "The query")
    if len(query) > MAX_QUERY_CHARS:
        raise ValueError(f"The query is longer than {MAX_QUERY_CHARS} characters.")
    return query


def clean_date(value: date | str | None, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{name} must be a date written YYYY-MM-DD, got {value!r}.") from None


def date_range(date_from: date | None, date_to: date | None) -> tuple[datetime | None, datetime | None]:
    """Start of ``date_from`` and the start of the day after ``date_to`` (both days included), in UTC."""
    if date_from and date_to and date_from > date_to:
        raise ValueError(f"date_from ({date_from}) is after date_to ({date_to}).")
    start = datetime.combine(date_from, time.min, tzinfo=UTC) if date_from else None
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=UTC) if date_to else None
    return start, end


def clean_kind(kind: str | None) -> str | None:
    if not kind:
        return None
    if kind not in KIND_BITS:
        raise ValueError(f"Unknown kind {kind!r}: use one of {', '.join(KIND_BITS)}.")
    return kind


def clean_int(
    value: int | str | None, name: str, *, minimum: int = 1, maximum: int | None = None
) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a whole number, got {value!r}.") from None
    if number < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {number}.")
    if maximum is not None and number > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {number}.")
    return number


def clean_language(language: str | None) -> str | None:
    language = (language or "").strip().lower()
    if not language:
        return None
    if len(language) > 8 or not language.replace("-", "").isalnum():
        raise ValueError(f"Unknown language code {language!r}: use a code such as en, ru or uk.")
    return language


def clean_sort(sort: str | None) -> str:
    sort = sort or "relevance"
    if sort not in SORTS:
        raise ValueError(f"Unknown sort {sort!r}: use relevance or date.")
    return sort
