"""What flows between the selector and the backends: plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Sort = Literal["relevance", "date"]
FACET_NAMES = ("kind", "entity", "source", "language")


@dataclass(frozen=True)
class SearchFilters:
    """Validated filters. ``date_before`` is exclusive (the day after the reader's ``date_to``)."""

    entity_id: int | None = None
    kind: str | None = None
    source_id: int | None = None
    language: str | None = None
    date_from: datetime | None = None
    date_before: datetime | None = None


@dataclass(frozen=True)
class RankedHit:
    """A backend's answer for one article: its score and a snippet with raw hit markers."""

    article_id: int
    score: float
    marked_snippet: str


@dataclass(frozen=True)
class FacetValue:
    """One line of a facet: ``value`` is what the matching filter takes."""

    value: str
    label: str
    count: int
    kind: str = ""
    slug: str = ""


@dataclass(frozen=True)
class BackendResult:
    """``total`` is exact when ``exact``; otherwise it is the backend's count limit (a lower bound)."""

    total: int
    hits: list[RankedHit]
    exact: bool = True
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
