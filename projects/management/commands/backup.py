"""manage.py backup FOLDER: the database and the stored files, consistent (samarbeid.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samarbeid.backup import BackupError, backup


class Command(BaseCommand):
    help = "Dump the database and copy the stored files it names into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup in {folder}: the database and {len(manifest['files'])} files.")
