"""The search index: a table of filter fields plus, per database, the full text.

PostgreSQL: a weighted ``tsvector`` column with a GIN index, a GIN index on the entity ids and
a newest-first index. SQLite: an FTS5 table keyed by article id, kept in step with the
documents table by a delete trigger. The migration state is the same on both databases.
"""

import django.db.models.deletion
from django.db import migrations, models

import archive.search.fields

POSTGRES_FORWARD = [
    "ALTER TABLE archive_searchdocument ADD COLUMN vector tsvector NOT NULL DEFAULT ''::tsvector",
    # Keep rows narrow: vectors go to TOAST, so counting and faceting read small heap pages.
    "ALTER TABLE archive_searchdocument SET (toast_tuple_target = 128)",
    "CREATE INDEX search_doc_vector ON archive_searchdocument USING gin (vector)",
    "CREATE INDEX search_doc_entities ON archive_searchdocument USING gin (entity_ids)",
    "CREATE INDEX search_doc_newest ON archive_searchdocument "
    "(published_at DESC NULLS LAST, article_id DESC)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_newest",
    "DROP INDEX IF EXISTS search_doc_entities",
    "DROP INDEX IF EXISTS search_doc_vector",
    "ALTER TABLE archive_searchdocument DROP COLUMN IF EXISTS vector",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE archive_search_fts USING fts5("
    "title, entities, body, tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER archive_search_fts_delete AFTER DELETE ON archive_searchdocument "
    "BEGIN DELETE FROM archive_search_fts WHERE rowid = old.article_id; END",
    "CREATE INDEX search_doc_newest ON archive_searchdocument (published_at DESC, article_id DESC)",
]
SQLITE_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_newest",
    "DROP TRIGGER IF EXISTS archive_search_fts_delete",
    "DROP TABLE IF EXISTS archive_search_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0002_tag_changes"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="archive.article",
                    ),
                ),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                ("language", models.CharField(blank=True, max_length=8)),
                ("kinds", models.PositiveSmallIntegerField(default=0)),
                ("entity_ids", archive.search.fields.IdListField(blank=True, default=list)),
                ("indexed_at", models.DateTimeField(auto_now=True)),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="archive.source",
                    ),
                ),
            ],
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
