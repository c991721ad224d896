"""PostgreSQL search tests an entity as a lexeme of the document's vector ("entity 42").

Existing documents get their entities' lexemes here, so entity filters keep working without a
rebuild, and the GIN index on ``entity_ids`` (no longer read by any filter) is dropped. SQLite
and the migration state are unchanged.
"""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS search_doc_entities",
    "UPDATE archive_searchdocument SET vector = vector || "
    "array_to_tsvector(ARRAY(SELECT 'entity ' || id FROM unnest(entity_ids) AS id)) "
    "WHERE cardinality(entity_ids) > 0",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS search_doc_entities ON archive_searchdocument USING gin (entity_ids)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0007_entity_kb_managed"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
