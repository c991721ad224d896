"""Indexes for the reader pages (entity page, feeds, home).

- ``tag_entity_article``: the articles of an entity family, read straight from the index
  (entity, article, status) without touching the tag rows.
- ``article_published_desc``: newest-first lists with undated articles last, read in index
  order instead of sorting every matching article. PostgreSQL puts NULLs first in a descending
  index unless told otherwise; SQLite puts them last already and does not accept NULLS LAST in
  an index.

The indexes are not declared on the models, so the model state (and ``makemigrations --check``)
is unchanged; ``bench/pages.py --without-reader-indexes`` shows what they buy.
"""

from django.db import migrations

TAG_INDEX = "CREATE INDEX IF NOT EXISTS tag_entity_article ON archive_tag (entity_id, article_id, status)"
ARTICLE_INDEX = (
    "CREATE INDEX IF NOT EXISTS article_published_desc ON archive_article (published_at DESC{}, id DESC)"
)


def create_indexes(apps, schema_editor):
    nulls_last = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(TAG_INDEX)
    schema_editor.execute(ARTICLE_INDEX.format(nulls_last))


def drop_indexes(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS tag_entity_article")
    schema_editor.execute("DROP INDEX IF EXISTS article_published_desc")


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0005_merge_api_search"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
    ]
