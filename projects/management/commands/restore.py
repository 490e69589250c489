"""manage.py restore FOLDER: a backup into an empty database and media folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samarbeid.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty database and media folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        try:
            count = restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored from {folder}: {count} files, each matching its SHA-256.")
