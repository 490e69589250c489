"""The indexes search needs, as each database has them: GIN on PostgreSQL, FTS5 on SQLite."""

from django.db import migrations

from search.backends import POSTGRES_DDL, POSTGRES_UNDO, SQLITE_DDL, SQLITE_UNDO

STATEMENTS = {"postgresql": (POSTGRES_DDL, POSTGRES_UNDO), "sqlite": (SQLITE_DDL, SQLITE_UNDO)}


def _run(schema_editor, undo: bool) -> None:
    forward, backward = STATEMENTS.get(schema_editor.connection.vendor, ([], []))
    for statement in backward if undo else forward:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    _run(schema_editor, undo=False)


def backwards(apps, schema_editor):
    _run(schema_editor, undo=True)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
