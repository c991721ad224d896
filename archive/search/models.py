"""The search index: one row per article with what filters and facets read.

The full text lives beside it, per database: a weighted ``tsvector`` column of this table on
PostgreSQL, an FTS5 table keyed by article id on SQLite. Both are created by migration 0003 and
written only by ``archive.search`` (see ``docs/search.md``).
"""

from django.db import models

from .fields import IdListField


class SearchDocument(models.Model):
    """Copies of the article's filter fields, so search never joins the large article table."""

    article = models.OneToOneField(
        "archive.Article", primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    source = models.ForeignKey(
        "archive.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=8, blank=True)
    # One bit per entity kind the article is tagged with (see archive.search.kinds).
    kinds = models.PositiveSmallIntegerField(default=0)
    # Tagged entities and all their ancestors: filtering on a family finds its variants.
    entity_ids = IdListField()
    indexed_at = models.DateTimeField(auto_now=True)

    # The newest-first index is created per database by migration 0003: PostgreSQL needs
    # NULLS LAST spelled out to match the queries' order, which SQLite's index syntax lacks.

    def __str__(self) -> str:
        return f"search document {self.article_id}"
