"""SQLite: an FTS5 table (title, entity names, body) keyed by article id, ranked by ``bm25``.

The FTS5 table keeps its own copy of the text, which ``snippet`` needs. A trigger created with
the table removes an article's row when its search document goes (an article deleted, or
``remove``), so the two never drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

from archive.models import Article
from archive.search.documents import EntityData, entity_data
from archive.search.models import SearchDocument
from archive.search.query import ParsedQuery
from archive.search.types import Sort

from .base import DOCUMENTS, SqlSearchBackend

FTS = "archive_search_fts"
# bm25 weights of the FTS columns (title, entities, body): title above entity names above body.
BM25 = f"bm25({FTS}, 10.0, 4.0, 1.0)"
SNIPPET = f"snippet({FTS}, 2, char(2), char(3), ' … ', 28)"
WITH_ARTICLE = "JOIN archive_article a ON a.id = d.article_id"
_MARKERS = str.maketrans("", "", "\x02\x03")


class SqliteBackend(SqlSearchBackend):
    vendor = "sqlite"

    def index(self, article_ids: Sequence[int]) -> None:
        ids = sorted(set(article_ids))
        if not ids:
            return
        articles = list(
            Article.objects.filter(pk__in=ids).values_list(
                "pk", "title", "body", "published_at", "source_id", "language"
            )
        )
        data = entity_data([row[0] for row in articles])
        SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    article_id=pk,
                    published_at=published_at,
                    source_id=source_id,
                    language=language,
                    kinds=data.get(pk, EntityData()).kinds,
                    entity_ids=list(data.get(pk, EntityData()).entity_ids),
                )
                for pk, _, _, published_at, source_id, language in articles
            ],
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=["published_at", "source", "language", "kinds", "entity_ids", "indexed_at"],
        )
        found = {row[0] for row in articles}
        with connection.cursor() as cursor:
            placeholders = ",".join(["%s"] * len(ids))
            cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({placeholders})", ids)  # noqa: S608
            cursor.executemany(
                f"INSERT INTO {FTS} (rowid, title, entities, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [
                    (pk, title.translate(_MARKERS), data.get(pk, EntityData()).text, body.translate(_MARKERS))
                    for pk, title, body, *_ in articles
                ],
            )
        gone = [pk for pk in ids if pk not in found]
        if gone:
            self.remove(gone)

    def remove(self, article_ids: Sequence[int]) -> None:
        SearchDocument.objects.filter(article_id__in=list(article_ids)).delete()

    def prune(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS} WHERE rowid NOT IN (SELECT article_id FROM {DOCUMENTS})")  # noqa: S608

    def _query_parameter(self, query: ParsedQuery) -> str:
        return query.fts5()

    def _match(self, query: ParsedQuery, *, with_entity: bool = False) -> tuple[str, str]:
        return f" JOIN {FTS} ON {FTS}.rowid = d.article_id", f"{FTS} MATCH %(q)s"

    def _entity_filter(self, query: ParsedQuery) -> str:
        return "EXISTS (SELECT 1 FROM json_each(d.entity_ids) WHERE json_each.value = %(entity)s)"

    def _entity_ids_table(self) -> str:
        return "(SELECT j.value AS value FROM m, json_each(m.entity_ids) j) ids"

    def _hits_sql(self, query: ParsedQuery, scope: str, sort: Sort) -> str:
        newest = "d.published_at DESC NULLS LAST, d.article_id DESC"
        if query.is_empty:
            return f"""
                SELECT d.article_id, 0.0, substr(a.body, 1, 400)
                {scope.replace(f"FROM {DOCUMENTS} d", f"FROM {DOCUMENTS} d {WITH_ARTICLE}", 1)}
                ORDER BY {newest} LIMIT %(limit)s OFFSET %(offset)s
            """  # noqa: S608 - only constants and our own SQL are formatted in
        order = newest if sort == "date" else f"score DESC, {newest}"
        return f"""
            SELECT d.article_id, -{BM25} AS score, {SNIPPET} {scope}
            ORDER BY {order} LIMIT %(limit)s OFFSET %(offset)s
        """  # noqa: S608 - only constants and our own SQL are formatted in
