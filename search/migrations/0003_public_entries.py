"""Entries for the public search: the published versions' text, one set per version.

On SQLite, changing the unique constraint remakes the table, which drops the FTS5 triggers
of 0002; they are made again at the end and the FTS5 table rebuilt from the rows.
"""

import django.db.models.deletion
from django.db import migrations, models

from search.backends import SQLITE_DDL


def restore_sqlite_fts(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in SQLITE_DDL:
        schema_editor.execute(statement)
    schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0012_action_item_responsible_role"),
        ("projects", "0008_project_closed_archived"),
        ("search", "0002_vendor_indexes"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="searchentry",
            name="unique_search_entry",
        ),
        migrations.AddField(
            model_name="searchentry",
            name="published_version",
            field=models.ForeignKey(
                blank=True,
                help_text="For the public kinds: the version whose text this is.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="meetings.publishedminutes",
                verbose_name="published version",
            ),
        ),
        migrations.AlterField(
            model_name="searchentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("project", "Project"),
                    ("group", "Group"),
                    ("meeting", "Meeting"),
                    ("case", "Case"),
                    ("action_item", "Action item"),
                    ("agreement", "Agreement"),
                    ("public_meeting", "Published meeting"),
                    ("public_case", "Published case"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="searchentry",
            constraint=models.UniqueConstraint(
                condition=models.Q(("published_version__isnull", True)),
                fields=("kind", "object_id"),
                name="unique_search_entry",
            ),
        ),
        migrations.AddConstraint(
            model_name="searchentry",
            constraint=models.UniqueConstraint(
                condition=models.Q(("published_version__isnull", False)),
                fields=("published_version", "kind", "object_id"),
                name="unique_public_search_entry",
            ),
        ),
        migrations.RunPython(restore_sqlite_fts, migrations.RunPython.noop),
    ]
