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

from collections.abc import Sequence

from django.db import connection, transaction

from archive.search.documents import entity_data
from archive.search.query import ParsedQuery
from archive.search.types import BackendResult, SearchFilters, Sort

from .base import DOCUMENTS, SqlSearchBackend

CONFIG = "english"
# Text past this point is not indexed: it keeps a vector under PostgreSQL's 1 MB limit.
MAX_INDEXED_CHARS = 500_000
# Snippets are cut from the opening of long bodies: ts_headline parses all the text it is given.
HEADLINE_CHARS = 20_000
HEADLINE_OPTIONS = (
    "'StartSel=' || chr(2) || ', StopSel=' || chr(3) || "
    "', MaxWords=32, MinWords=14, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \"'"
)
TSQUERY = f"websearch_to_tsquery('{CONFIG}', %(q)s)"
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

    def search(self, query: ParsedQuery, filters: SearchFilters, *, sort: Sort, offset: int, limit: int,
               facets: bool = True) -> BackendResult:
        # A sequential scan must evaluate ``@@`` on every row, reading each vector back from TOAST:
        # seconds on a large archive. Without it the planner takes the GIN bitmap (which needs no
        # vector for a plain word) or walks the newest-first index until enough rows matched.
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            return super().search(query, filters, sort=sort, offset=offset, limit=limit, facets=facets)

    def remove(self, article_ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {DOCUMENTS} WHERE article_id = ANY(%s::bigint[])",  # noqa: S608
                [sorted(set(article_ids))],
            )

    def _query_parameter(self, query: ParsedQuery) -> str:
        return query.websearch()

    def _match(self, query: ParsedQuery) -> tuple[str, str]:
        # The tsquery is written inline (not joined from a function) so the planner sees it as a
        # constant and uses its statistics of lexemes to choose between the GIN and date indexes.
        return "", f"d.vector @@ {TSQUERY}"

    def _entity_filter(self) -> str:
        return "d.entity_ids @> ARRAY[%(entity)s]::bigint[]"

    def _entity_ids_table(self) -> str:
        # unnest in the select list (ProjectSet) is much faster than a lateral function scan per row.
        return "(SELECT unnest(m.entity_ids) AS value FROM m) ids"

    def _hits_sql(self, query: ParsedQuery, scope: str, sort: Sort) -> str:
        newest = "ORDER BY d.published_at DESC NULLS LAST, d.article_id DESC"
        if query.is_empty:
            return f"""
                SELECT p.article_id, 0.0, left(a.body, 400)
                FROM (SELECT d.article_id, d.published_at {scope} {newest}
                      LIMIT %(limit)s OFFSET %(offset)s) p
                JOIN archive_article a ON a.id = p.article_id
                ORDER BY p.published_at DESC NULLS LAST, p.article_id DESC
            """  # noqa: S608 - only constants and our own SQL are formatted in
        if sort == "date":
            page = f"""SELECT d.article_id, d.published_at, ts_rank(d.vector, {TSQUERY}) AS score
                       {scope} {newest} LIMIT %(limit)s OFFSET %(offset)s"""  # noqa: S608
            order = "p.published_at DESC NULLS LAST, p.article_id DESC"
        else:
            page = f"""SELECT c.article_id, c.published_at, ts_rank(c.vector, {TSQUERY}) AS score
                       FROM (SELECT d.article_id, d.published_at, d.vector {scope} {newest}
                             LIMIT %(pool)s) c
                       ORDER BY score DESC, c.published_at DESC NULLS LAST, c.article_id DESC
                       LIMIT %(limit)s OFFSET %(offset)s"""  # noqa: S608
            order = "p.score DESC, p.published_at DESC NULLS LAST, p.article_id DESC"
        return f"""
            SELECT p.article_id, p.score, ts_headline('{CONFIG}', {CLEAN_BODY}, {TSQUERY}, {HEADLINE_OPTIONS})
            FROM ({page}) p JOIN archive_article a ON a.id = p.article_id
            ORDER BY {order}
        """  # noqa: S608 - only constants and our own SQL are formatted in
