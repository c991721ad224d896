"""The interface every search backend implements, and the SQL both database backends share.

A backend answers ``search`` with ranked ``(article_id, score, marked snippet)`` hits, the total
number of matches and facet counts; the selector loads the articles and keeps the hits' order.
The two database backends differ only in how a query matches and ranks (``_query_parameter``,
``_match``, ``_hits_sql``) and how a row's entity ids are tested and listed (``_entity_filter``,
``_entity_ids_table``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence

from django.db import connection, transaction

from archive.models import Article
from archive.search.kinds import KIND_BITS
from archive.search.query import ParsedQuery
from archive.search.types import BackendResult, FacetValue, RankedHit, SearchFilters, Sort

DOCUMENTS = "archive_searchdocument"
FACET_SIZE = 20
COUNT_LIMIT = 10_000
COUNT_ONLY_LIMIT = 1_000
REBUILD_BATCH = 1000


class SearchBackend(ABC):
    """Index, remove, search and rebuild; every method runs in the caller's transaction."""

    vendor: str = ""

    @abstractmethod
    def index(self, article_ids: Sequence[int]) -> None:
        """Bring these articles' index entries up to date; ids of deleted articles are ignored."""

    @abstractmethod
    def remove(self, article_ids: Sequence[int]) -> None:
        """Drop these articles from the index."""

    @abstractmethod
    def search(
        self,
        query: ParsedQuery,
        filters: SearchFilters,
        *,
        sort: Sort,
        offset: int,
        limit: int,
        facets: bool = True,
    ) -> BackendResult:
        """One page of hits, the number of matches and (when asked) the facet counts."""

    def rebuild(
        self, *, batch_size: int = REBUILD_BATCH, progress: Callable[[int], None] | None = None
    ) -> int:
        """Index every article again, in batches; returns how many were indexed."""
        self.prune()
        done = 0
        last = 0
        while True:
            ids = list(
                Article.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch_size]
            )
            if not ids:
                return done
            # One transaction per batch: searches keep working and an interrupted run keeps its progress.
            with transaction.atomic():
                self.index(ids)
            done += len(ids)
            last = ids[-1]
            if progress:
                progress(len(ids))

    def prune(self) -> None:  # noqa: B027 - a hook: most backends have nothing to prune
        """Remove index entries that no longer belong to an article (nothing to do by default)."""


class SqlSearchBackend(SearchBackend):
    """Filters, paging and facets in SQL that PostgreSQL and SQLite both run."""

    # Relevance ranks at most this many of the newest matches (more when paging deeper).
    pool_size = 500
    # Matches are counted, and faceted, up to this many; past it the count is a lower bound and
    # the facets describe the first ``count_limit`` matches found. Deep pages stop there too.
    count_limit = COUNT_LIMIT
    # Without facets a search counts only this far: each match counted is a heap page read, and a
    # caller that wants no facets wants the page fast (the feed, API clients paging through hits).
    count_only_limit = COUNT_ONLY_LIMIT

    @abstractmethod
    def _match(self, query: ParsedQuery, *, with_entity: bool = False) -> tuple[str, str]:
        """(extra FROM clause, WHERE condition) restricting ``d`` to documents matching ``%(q)s``
        (and carrying the entity ``%(entity)s`` when ``with_entity`` and the backend tests both
        in one index lookup)."""

    @abstractmethod
    def _query_parameter(self, query: ParsedQuery) -> str:
        """The query as this backend's engine reads it, passed as ``%(q)s``."""

    @abstractmethod
    def _hits_sql(self, query: ParsedQuery, scope: str, sort: Sort) -> str:
        """SQL returning (article_id, score, marked snippet) rows of the page, best first.

        ``scope`` is ``FROM ... WHERE ...`` of the matching documents ``d``; the page is
        ``%(limit)s`` rows from ``%(offset)s``, and ``%(pool)s`` bounds a ranked candidate set.
        """

    @abstractmethod
    def _entity_ids_table(self) -> str:
        """A subquery ``ids``: one row per id in the ``entity_ids`` of the CTE ``m``, in ``value``."""

    @abstractmethod
    def _entity_filter(self, query: ParsedQuery) -> str:
        """A WHERE condition on ``d``, true when the document carries the entity ``%(entity)s``;
        empty when ``_match`` tests the entity together with the words of a non-empty query."""

    def _scope(self, query: ParsedQuery, filters: SearchFilters) -> tuple[str, dict]:
        """``FROM ... WHERE ...`` of the matching documents ``d``, and its parameters."""
        tables, conditions, params = f"{DOCUMENTS} d", [], {}
        if filters.entity_id is not None:
            if entity_condition := self._entity_filter(query):
                conditions.append(entity_condition)
            params["entity"] = filters.entity_id
        if filters.kind:
            conditions.append("(d.kinds & %(kind_bit)s) <> 0")
            params["kind_bit"] = KIND_BITS[filters.kind]
        if filters.source_id is not None:
            conditions.append("d.source_id = %(source)s")
            params["source"] = filters.source_id
        if filters.language:
            conditions.append("d.language = %(language)s")
            params["language"] = filters.language
        if filters.date_from is not None:
            conditions.append("d.published_at >= %(date_from)s")
            params["date_from"] = connection.ops.adapt_datetimefield_value(filters.date_from)
        if filters.date_before is not None:
            conditions.append("d.published_at < %(date_before)s")
            params["date_before"] = connection.ops.adapt_datetimefield_value(filters.date_before)
        # The text match comes last: PostgreSQL tests conditions of equal cost in the order written,
        # and the match must read the vector back from TOAST, while the filters read the row itself.
        if not query.is_empty:
            match_from, match_where = self._match(query, with_entity=filters.entity_id is not None)
            tables += match_from
            conditions.append(match_where)
            params["q"] = self._query_parameter(query)
        return f"FROM {tables} WHERE {' AND '.join(conditions) or '1 = 1'}", params

    def search(
        self,
        query: ParsedQuery,
        filters: SearchFilters,
        *,
        sort: Sort,
        offset: int,
        limit: int,
        facets: bool = True,
    ) -> BackendResult:
        scope, params = self._scope(query, filters)
        page = {**params, "limit": limit, "offset": offset, "pool": max(self.pool_size, offset + limit)}
        with connection.cursor() as cursor:
            cursor.execute(self._hits_sql(query, scope, sort), page)
            hits = [
                RankedHit(article_id=row[0], score=float(row[1] or 0.0), marked_snippet=row[2] or "")
                for row in cursor.fetchall()
            ]
            counted_to = self._counted_to(facets)
            total, facet_values = self._count(cursor, scope, params, facets=facets, limit=counted_to)
        exact = total <= counted_to
        return BackendResult(total=min(total, counted_to), exact=exact, hits=hits, facets=facet_values)

    def _counted_to(self, facets: bool) -> int:
        """How far a search counts its matches: further when it also counts facets."""
        return self.count_limit if facets else min(self.count_limit, self.count_only_limit)

    def _count(self, cursor, scope: str, params: dict, *, facets: bool, limit: int) -> tuple[int, dict]:
        """Matches counted up to ``limit + 1``, with the facet values when asked."""
        bounded = f"{scope} LIMIT {limit + 1}"
        if facets:
            cursor.execute(self._facets_sql(bounded), params)
            return self._read_facets(cursor.fetchall())
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 {bounded}) matches", params)  # noqa: S608
        return cursor.fetchone()[0], {}

    def _facets_sql(self, bounded_scope: str) -> str:
        top = f"ORDER BY count(*) DESC, 1 LIMIT {FACET_SIZE}"
        # One pass over the matches counts every kind; one row per kind comes out of it.
        kind_sums = ", ".join(
            f"sum(CASE WHEN (m.kinds & {bit}) <> 0 THEN 1 ELSE 0 END) AS {kind}"
            for kind, bit in KIND_BITS.items()
        )
        kind_rows = " UNION ALL ".join(
            f"SELECT 'kind', '{kind}', '', '{kind}', '', {kind} FROM kind_counts"  # noqa: S608 - constants
            for kind in KIND_BITS
        )
        # Every facet reads the matching rows from a CTE, not the table again, and counts by id
        # before names are joined to the few values shown.
        return f"""
            WITH matched AS (SELECT d.source_id, d.language, d.kinds, d.entity_ids {bounded_scope}),
                 m AS (SELECT * FROM matched LIMIT {self.count_limit}),
                 kind_counts AS (SELECT {kind_sums} FROM m)
            SELECT 'total', '', '', '', '', count(*) FROM matched
            UNION ALL
            {kind_rows}
            UNION ALL
            SELECT 'source', CAST(s.id AS TEXT), s.name, '', '', top.n
            FROM (SELECT m.source_id, count(*) AS n FROM m WHERE m.source_id IS NOT NULL
                  GROUP BY m.source_id {top}) top JOIN archive_source s ON s.id = top.source_id
            UNION ALL
            SELECT 'language', top.language, top.language, '', '', top.n
            FROM (SELECT m.language, count(*) AS n FROM m WHERE m.language <> ''
                  GROUP BY m.language {top}) top
            UNION ALL
            SELECT 'entity', CAST(e.id AS TEXT), e.name, e.kind, e.slug, top.n
            FROM (SELECT ids.value AS entity_id, count(*) AS n FROM {self._entity_ids_table()}
                  GROUP BY ids.value {top}) top JOIN archive_entity e ON e.id = top.entity_id
        """  # noqa: S608 - only constants and validated numbers are formatted in

    @staticmethod
    def _read_facets(rows) -> tuple[int, dict[str, list[FacetValue]]]:
        total = 0
        facets: dict[str, list[FacetValue]] = {"kind": [], "entity": [], "source": [], "language": []}
        for facet, value, label, kind, slug, count in rows:
            if facet == "total":
                total = count
            elif count:
                facets[facet].append(FacetValue(value=value, label=label, count=count, kind=kind, slug=slug))
        for values in facets.values():
            values.sort(key=lambda item: (-item.count, item.label.lower()))
        return total, facets


def get_backend() -> SearchBackend:
    """The backend named by ``ARCHIVE_SEARCH_BACKEND``, else the one for the database in use."""
    from django.conf import settings

    from .postgres import PostgresBackend
    from .sqlite import SqliteBackend

    backends: dict[str, type[SearchBackend]] = {"postgresql": PostgresBackend, "sqlite": SqliteBackend}
    name = (getattr(settings, "ARCHIVE_SEARCH_BACKEND", "") or connection.vendor).lower()
    name = {"postgres": "postgresql", "sqlite3": "sqlite"}.get(name, name)
    if name not in backends:
        raise ValueError(f"Unknown search backend {name!r}: use 'postgresql' or 'sqlite'.")
    if backends[name].vendor != connection.vendor:
        raise ValueError(f"The {name} search backend cannot run on a {connection.vendor} database.")
    return backends[name]()
