"""PostgreSQL: a stored weighted ``tsvector`` with a GIN index, web-search syntax, ``ts_rank``
and ``ts_headline``.

The vector holds the title (weight A), the names and aliases of the article's entities and
their ancestors (B) and the body (D). ``ts_rank``'s default weights (A 1.0, B 0.4, D 0.1) and
its diminishing return for repeated words keep a title hit above any number of body hits.

Ranking every match of a common word is what makes PostgreSQL full-text search slow on a
large archive: each match's vector must be read back from TOAST. Relevance therefore ranks a
bounded candidate set: the newest ``pool_size`` matches (found through the GIN index and the
``(published_at, article_id)`` index), so its cost is fixed whatever the number of matches.
The trade-off: when a query matches more than ``pool_size`` articles, an older article that
would rank higher than all of the newest ones is not on the first page (it is still counted and
found by narrowing the query, a filter or a date range). Below that many matches the ranking
is exact.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Sequence

from django.db import connection, transaction

from archive.search.documents import entity_data
from archive.search.query import ParsedQuery
from archive.search.types import BackendResult, RankedHit, SearchFilters, Sort

from .base import DOCUMENTS, SqlSearchBackend

CONFIG = "english"
# A search with many matches first looks at the newest share of the archive expected to hold
# this many times the matches it needs (see _window_starts).
WINDOW_MARGIN = 1.5
HISTOGRAM_CACHE_SECONDS = 60
_HISTOGRAMS: dict[str, tuple[float, list]] = {}
# Text past this point is not indexed: it keeps a vector under PostgreSQL's 1 MB limit.
MAX_INDEXED_CHARS = 500_000
# Snippets are cut from the opening of long bodies: ts_headline parses all the text it is given.
HEADLINE_CHARS = 20_000
HEADLINE_OPTIONS = (
    "'StartSel=' || chr(2) || ', StopSel=' || chr(3) || "
    "', MaxWords=32, MinWords=14, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \"'"
)
TSQUERY = f"websearch_to_tsquery('{CONFIG}', %(q)s)"


def _phrase_operators_as(operator: str) -> str:
    """The query with each phrase operator (<->, <2>...) replaced by ``operator``."""
    return f"regexp_replace({TSQUERY}::text, '<[0-9-]+>', '{operator}', 'g')::tsquery"


# Phrases read as "and": without exclusions of phrases, every match of the query matches it, and
# the word index answers it without reading vectors.
UNORDERED_TSQUERY = _phrase_operators_as("&")
# Phrases read as "or": for estimates only.
LOOSE_TSQUERY = _phrase_operators_as("|")
# Each entity of a document (its tagged entities and their ancestors) is a lexeme of its vector,
# "entity 42": the text parser never yields a space inside a word, so no query text can match it.
ENTITY_LEXEME_PREFIX = "entity "
ENTITY_TSQUERY = f"quote_literal('{ENTITY_LEXEME_PREFIX}' || %(entity)s)::tsquery"
ENTITY_LEXEMES = (
    f"array_to_tsvector(ARRAY(SELECT '{ENTITY_LEXEME_PREFIX}' || id "  # noqa: S608 - constants only
    "FROM unnest(COALESCE(e.entity_ids, '{}')::bigint[]) id))"
)
# The body without the control characters that mark hits (see archive.search.snippets).
CLEAN_BODY = f"translate(left(a.body, {HEADLINE_CHARS}), chr(2) || chr(3), '')"

UPSERT = f"""
    INSERT INTO {DOCUMENTS} AS d (article_id, published_at, source_id, language, kinds, entity_ids,
                                 indexed_at, vector)
    SELECT a.id, a.published_at, a.source_id, a.language, COALESCE(e.kinds, 0),
           COALESCE(e.entity_ids, '{{}}')::bigint[], now(),
           setweight(to_tsvector('{CONFIG}', a.title), 'A')
           || setweight(to_tsvector('{CONFIG}', COALESCE(e.names, '')), 'B')
           || setweight(to_tsvector('{CONFIG}', left(a.body, {MAX_INDEXED_CHARS})), 'D')
           || {ENTITY_LEXEMES}
    FROM archive_article a
    LEFT JOIN unnest(%(tagged_ids)s::bigint[], %(kinds)s::integer[], %(entity_ids)s::text[],
                     %(names)s::text[]) AS e(article_id, kinds, entity_ids, names) ON e.article_id = a.id
    WHERE a.id = ANY(%(ids)s::bigint[])
    ON CONFLICT (article_id) DO UPDATE SET
        published_at = EXCLUDED.published_at, source_id = EXCLUDED.source_id, language = EXCLUDED.language,
        kinds = EXCLUDED.kinds, entity_ids = EXCLUDED.entity_ids, indexed_at = EXCLUDED.indexed_at,
        vector = EXCLUDED.vector
"""  # noqa: S608 - only constants are formatted in


class PostgresBackend(SqlSearchBackend):
    vendor = "postgresql"

    def index(self, article_ids: Sequence[int]) -> None:
        ids = sorted(set(article_ids))
        if not ids:
            return
        data = entity_data(ids)
        rows = [(pk, data[pk]) for pk in ids if pk in data]
        # unnest pairs the arrays by position: one entry per tagged article, in the same order.
        params = {
            "ids": ids,
            "tagged_ids": [pk for pk, _ in rows],
            "kinds": [entry.kinds for _, entry in rows],
            "entity_ids": ["{" + ",".join(map(str, entry.entity_ids)) + "}" for _, entry in rows],
            "names": [entry.text for _, entry in rows],
        }
        with connection.cursor() as cursor:
            cursor.execute(UPSERT, params)

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
        ranked = sort == "relevance" and not query.is_empty
        needed = max(self.pool_size, offset + limit) if ranked else offset + limit
        indexed = not query.is_empty or filters.entity_id is not None
        counted_to = self._counted_to(facets)
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            # A sequential scan must evaluate ``@@`` on every row, reading each vector back from
            # TOAST: seconds on a large archive. Without it the planner takes the GIN bitmap (which
            # needs no vector for a plain word) or walks the newest-first index.
            cursor.execute("SET LOCAL enable_seqscan = off")
            total, facet_values = None, {}
            # Without facets, a phrase is not counted here: confirming each match reads its
            # vector back, so its count comes from the ranked pool (see below).
            if facets or not query.is_positional:
                total, facet_values = self._count(cursor, scope, params, facets=facets, limit=counted_to)
            expected = total if total is not None and total <= counted_to else None
            if indexed and expected is None:
                expected = self._estimate(cursor, scope, params, positional=query.is_positional)
            starts = []
            if indexed and expected > self.count_limit:
                # Many matches: look through the newest windows first.
                starts = self._window_starts(cursor, filters, share=WINDOW_MARGIN * needed / expected)
            if indexed and not starts and expected <= self.count_limit:
                # Few matches: the GIN bitmaps find them all at once, and sorting them by date is
                # cheaper than walking the newest-first index past every article that does not match.
                cursor.execute("SET LOCAL enable_indexscan = off")
            # A phrase: sort the candidates (its words in any order) by date first and confirm
            # the word order newest first, only until the pool is full.
            in_order = query.is_positional and not query.excludes_positionally and indexed
            for start in [*starts, None]:
                windowed = scope + (" AND d.published_at >= %(window)s" if start is not None else "")
                page = {**params, "window": start, "pool": needed, "limit": limit, "offset": offset}
                cursor.execute(self._hits_sql(query, windowed, sort, confirm_in_date_order=in_order), page)
                rows = cursor.fetchall()
                found = rows[0][3] if rows else 0
                # The window holds the newest ``needed`` matches when it has that many: every
                # match outside it is older. Otherwise look further back.
                if found >= needed:
                    break
            exact = total is not None and total <= counted_to
            if total is None:  # a phrase without facets: counted by its pool
                if found >= needed:
                    total, exact = found, False  # at least this many
                elif rows or offset == 0:
                    total, exact = found, True  # the last, unbounded window held every match
                else:  # a page past the end: count for real
                    total, _ = self._count(cursor, scope, params, facets=False, limit=counted_to)
                    exact = total <= counted_to
        hits = [
            RankedHit(article_id=pk, score=float(score or 0.0), marked_snippet=snippet or "")
            for pk, score, snippet, _ in rows
        ]
        return BackendResult(total=min(total, counted_to), exact=exact, hits=hits, facets=facet_values)

    def _estimate(self, cursor, scope: str, params: dict, *, positional: bool) -> int:
        """The planner's estimate of the number of matches (its statistics, no scan).

        For a phrase the planner multiplies the words' frequencies as if they were independent,
        which is far too low for names ("Aegis Ashore": 25 estimated, 4,310 found); the words of
        the phrase as alternatives give an estimate on the high side, which costs at most one
        more, smaller window.
        """
        if positional:
            scope = scope.replace(TSQUERY, LOOSE_TSQUERY)
        cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 {scope}", params)  # noqa: S608 - our own SQL
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return max(1, int(plan[0]["Plan"]["Plan Rows"]))

    def _window_starts(self, cursor, filters: SearchFilters, share: float) -> list:
        """Publication dates above which the newest ``share`` of the archive lies, then eight
        times that share; none when the share is most of the archive.

        Read from the planner's histogram of ``published_at`` (no scan), cached for a minute.
        A search with many matches looks in the newest window first and widens it only when it
        holds fewer matches than it needs: a word in 3% of a million articles reads a few
        hundred rows, not the 20,000 it would take by walking the newest-first index.
        """
        now = time.monotonic()
        cached = _HISTOGRAMS.get(connection.alias)
        if cached is None or now - cached[0] > HISTOGRAM_CACHE_SECONDS:
            cursor.execute(
                "SELECT histogram_bounds::text::timestamptz[] FROM pg_stats "
                "WHERE tablename = %s AND attname = 'published_at'",
                [DOCUMENTS],
            )
            row = cursor.fetchone()
            cached = (now, list(row[0]) if row and row[0] else [])
            _HISTOGRAMS[connection.alias] = cached
        bounds = cached[1]
        starts = []
        for part in (share, share * 8):
            if len(bounds) < 10 or part >= 0.5:
                break
            starts.append(bounds[len(bounds) - 1 - math.ceil(part * (len(bounds) - 1))])
        if filters.date_before is not None:
            starts = [start for start in starts if start < filters.date_before]
        if filters.date_from is not None:
            starts = [start for start in starts if start > filters.date_from]
        return starts

    def remove(self, article_ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {DOCUMENTS} WHERE article_id = ANY(%s::bigint[])",  # noqa: S608
                [sorted(set(article_ids))],
            )

    def _query_parameter(self, query: ParsedQuery) -> str:
        return query.websearch()

    def _match(self, query: ParsedQuery, *, with_entity: bool = False) -> tuple[str, str]:
        # The tsquery is written inline (not joined from a function) so the planner sees it as a
        # constant and uses its statistics of lexemes to choose between the GIN and date indexes.
        # An entity is one more lexeme of the same query: GIN intersects the two posting lists
        # itself, skipping through the longer one, and needs no vector to confirm the match.
        if with_entity:
            return "", f"d.vector @@ ({TSQUERY} && {ENTITY_TSQUERY})"
        return "", f"d.vector @@ {TSQUERY}"

    def _entity_filter(self, query: ParsedQuery) -> str:
        return "" if not query.is_empty else f"d.vector @@ {ENTITY_TSQUERY}"

    def _entity_ids_table(self) -> str:
        # unnest in the select list (ProjectSet) is much faster than a lateral function scan per row.
        return "(SELECT unnest(m.entity_ids) AS value FROM m) ids"

    def _hits_sql(
        self, query: ParsedQuery, scope: str, sort: Sort, *, confirm_in_date_order: bool = False
    ) -> str:
        """(article_id, score, marked snippet, matches in the pool) of the page.

        The pool is the newest ``%(pool)s`` matches; relevance ranks it, and the window count
        tells the caller whether the scope held that many.
        """
        newest = "ORDER BY d.published_at DESC NULLS LAST, d.article_id DESC"
        order = ["published_at DESC NULLS LAST", "article_id DESC"]
        if sort == "relevance" and not query.is_empty:
            order.insert(0, "score DESC")
        if query.is_empty:
            score, snippet = "0.0", "left(a.body, 400)"
        else:
            score = f"ts_rank(c.vector, {TSQUERY})"
            snippet = f"ts_headline('{CONFIG}', {CLEAN_BODY}, {TSQUERY}, {HEADLINE_OPTIONS})"
        pool = f"SELECT d.article_id, d.published_at, d.vector {scope} {newest} LIMIT %(pool)s"
        if confirm_in_date_order:
            # OFFSET 0 keeps the word-order test out of the sorted subquery, so it runs on the
            # sorted candidates one by one and stops at the LIMIT.
            candidates = scope.replace(TSQUERY, UNORDERED_TSQUERY)
            pool = f"""SELECT o.article_id, o.published_at, o.vector
                       FROM (SELECT d.article_id, d.published_at, d.vector {candidates} {newest} OFFSET 0) o
                       WHERE o.vector @@ {TSQUERY} LIMIT %(pool)s"""  # noqa: S608 - our own SQL
        return f"""
            SELECT p.article_id, p.score, {snippet}, p.found
            FROM (SELECT c.article_id, c.published_at, {score} AS score, count(*) OVER () AS found
                  FROM ({pool}) c
                  ORDER BY {", ".join(order)} LIMIT %(limit)s OFFSET %(offset)s) p
            JOIN archive_article a ON a.id = p.article_id
            ORDER BY {", ".join(f"p.{column}" for column in order)}
        """  # noqa: S608 - only constants and our own SQL are formatted in
