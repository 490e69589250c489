"""Sort names the Norwegian way on PostgreSQL: Æ, Ø and Å come after Z.

The server's default collation puts Åsnes before Grue. Only the column's collation
changes, not the model, so SQLite (the embedded default, which has no ICU) is left
alone and no later makemigrations sees a difference.
"""

from django.db import migrations

COLUMNS = [
    ("projects_organisation", "name", 200),
    ("projects_person", "name", 200),
    ("projects_project", "name", 200),
    ("projects_projectgroup", "name", 200),
]


def _alter(collation):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column, length in COLUMNS:
            schema_editor.execute(
                f'ALTER TABLE "{table}" ALTER COLUMN "{column}" '
                f'TYPE varchar({length}) COLLATE "{collation}"'
            )

    return run


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [
        migrations.RunPython(_alter("nb-NO-x-icu"), _alter("default")),
    ]
