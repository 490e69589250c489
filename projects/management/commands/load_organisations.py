"""``manage.py load_organisations``: the municipalities and counties of Norway (projects/data)."""

from django.core.management.base import BaseCommand

from projects.organisation_register import register_load


class Command(BaseCommand):
    help = "Load or update the register of Norwegian municipalities and counties; safe to rerun."

    def handle(self, *args, **options):
        report = register_load()
        for warning in report.warnings:
            self.stderr.write(warning)
        self.stdout.write(
            f"Organisation register: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged."
        )
