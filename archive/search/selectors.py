"""``search_articles``: the one read path for searching, shared by the search page, its feed and the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pycountry

from archive.models import Article, Entity, Tag

from .backends import get_backend
from .kinds import KIND_LABELS
from .query import parse_query
from .snippets import HIT_START, lead_snippet, render_snippet
from .types import FACET_NAMES, FacetValue, SearchFilters
from .validation import (
    MAX_PAGE,
    MAX_PAGE_SIZE,
    clean_date,
    clean_int,
    clean_kind,
    clean_language,
    clean_query,
    clean_sort,
    date_range,
    reject_nul,
)


@dataclass(frozen=True)
class Hit:
    """One result. ``snippet`` is safe HTML: escaped text with the hits in ``<mark>``."""

    article_id: int
    title: str
    snippet: str
    score: float
    published_at: datetime | None
    source_name: str
    tags: list[dict] = field(default_factory=list)  # {entity_id, name, kind, slug}, most salient first


@dataclass(frozen=True)
class SearchPage:
    """``count`` is exact when ``count_exact``; otherwise more than ``count`` articles match, and the
    facets count the first ``count`` matches found (see docs/search.md)."""

    count: int
    results: list[Hit]
    facets: dict[str, list[FacetValue]]
    page: int
    page_size: int
    count_exact: bool = True

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.page_size))

    @property
    def has_next(self) -> bool:
        if self.page >= MAX_PAGE:
            return False
        # Past a lower-bound count, a full page says there may be more.
        return self.page < self.num_pages or (not self.count_exact and len(self.results) == self.page_size)

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _entity_id(entity: int | str | None) -> int | None:
    """An entity id, or a slug looked up (one query); unknown entities are an error."""
    if entity is None or entity == "":
        return None
    if isinstance(entity, int) or str(entity).isdigit():
        return clean_int(entity, "entity")
    found = Entity.objects.filter(slug=reject_nul(str(entity), "entity")).values_list("pk", flat=True).first()
    if found is None:
        raise ValueError(f"Unknown entity {entity!r}.")
    return found


def _language_label(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    return language.name if language else code


def search_articles(
    *,
    query: str | None = "",
    entity: int | str | None = None,
    kind: str | None = None,
    source: int | str | None = None,
    language: str | None = None,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    sort: str | None = "relevance",
    page: int | str | None = 1,
    page_size: int | str | None = 20,
    facets: bool = True,
) -> SearchPage:
    """Search the archive; raises ``ValueError`` with a reader-facing message on bad input.

    Runs a fixed number of queries whatever the page size: the backend's hits and facets (or
    count), then the hits' articles and their tags, plus one lookup when ``entity`` is a slug.
    """
    text = clean_query(query)
    page_number = clean_int(page, "page", maximum=MAX_PAGE) or 1
    size = clean_int(page_size, "page_size", maximum=MAX_PAGE_SIZE) or 20
    start, before = date_range(clean_date(date_from, "date_from"), clean_date(date_to, "date_to"))
    filters = SearchFilters(
        entity_id=_entity_id(entity),
        kind=clean_kind(kind),
        source_id=clean_int(source, "source"),
        language=clean_language(language),
        date_from=start,
        date_before=before,
    )
    sort_by = clean_sort(sort)
    parsed = parse_query(text)
    if text and parsed.is_empty:
        # Only exclusions or punctuation: nothing to look for.
        empty = {name: [] for name in FACET_NAMES} if facets else {}
        return SearchPage(count=0, results=[], facets=empty, page=page_number, page_size=size)

    found = get_backend().search(
        parsed, filters, sort=sort_by, offset=(page_number - 1) * size, limit=size, facets=facets
    )
    return SearchPage(
        count=found.total,
        results=_load_hits(found.hits),
        facets=_labelled(found.facets),
        page=page_number,
        page_size=size,
        count_exact=found.exact,
    )


def _load_hits(ranked) -> list[Hit]:
    ids = [hit.article_id for hit in ranked]
    if not ids:
        return []
    articles = {
        article.pk: article
        for article in Article.objects.filter(pk__in=ids)
        .select_related("source")
        .only("pk", "title", "published_at", "source__name")
    }
    # Tags and their entities in two lookups by key: joined, the planner hashes the whole
    # entity table for a page of twenty articles.
    rows = list(Tag.objects.filter(article_id__in=ids).values_list("article_id", "entity_id", "salience"))
    entities = {
        pk: {"entity_id": pk, "name": name, "kind": kind, "slug": slug}
        for pk, name, kind, slug in Entity.objects.filter(pk__in={row[1] for row in rows}).values_list(
            "pk", "name", "kind", "slug"
        )
    }
    known = [row for row in rows if row[1] in entities]  # an entity deleted meanwhile drops out
    tags: dict[int, list[dict]] = {}
    for article_id, entity_id, _ in sorted(known, key=lambda row: (-row[2], entities[row[1]]["name"])):
        tags.setdefault(article_id, []).append(dict(entities[entity_id]))
    hits = []
    for hit in ranked:
        article = articles.get(hit.article_id)
        if article is None:  # deleted between the two queries
            continue
        marked = hit.marked_snippet
        hits.append(
            Hit(
                article_id=article.pk,
                title=article.title,
                snippet=render_snippet(marked) if HIT_START in marked else lead_snippet(marked),
                score=hit.score,
                published_at=article.published_at,
                source_name=article.source.name if article.source else "",
                tags=tags.get(article.pk, []),
            )
        )
    return hits


def _labelled(facets: dict[str, list[FacetValue]]) -> dict[str, list[FacetValue]]:
    """Readable labels for kinds and languages (entity and source labels come from the database)."""
    if not facets:
        return facets
    relabel = {
        "kind": lambda value: KIND_LABELS.get(value.value, value.value),
        "language": lambda value: _language_label(value.value),
    }
    return {
        name: [
            FacetValue(
                value=v.value,
                label=relabel[name](v) if name in relabel else v.label,
                count=v.count,
                kind=v.kind,
                slug=v.slug,
            )
            for v in values
        ]
        for name, values in facets.items()
    }
