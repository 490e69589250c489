from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Rewrite the search index from the projects, meetings, cases and agreements."

    def handle(self, *args, **options):
        counts = rebuild()
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
