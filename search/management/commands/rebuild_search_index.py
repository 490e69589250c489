from django.core.management.base import BaseCommand
from django.db import transaction

from search import attachment_index, public_index
from search.indexing import rebuild
from search.models import SearchEntry


class Command(BaseCommand):
    help = (
        "Rewrite the search index: projects, meetings, cases, agreements, attachments "
        "(text read by the worker), published minutes."
    )

    def add_arguments(self, parser):
        # The deploy's migrate step runs it so: the first deploy with search fills the index,
        # later ones cost one query (the services keep it current from then on).
        parser.add_argument(
            "--if-empty", action="store_true", help="Only when the index holds nothing yet."
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and SearchEntry.objects.exists():
            # The first deploy with the public search has an index without its entries.
            filled = False
            if public_index.missing():
                count = public_index.rebuild()
                self.stdout.write(f"public_versions: {count}")
                filled = True
            # The first deploy with attachment search: the files are queued for the worker.
            if attachment_index.missing():
                with transaction.atomic():
                    count = attachment_index.rebuild()
                self.stdout.write(f"attachment: {count}")
                filled = True
            if filled:
                return
            self.stdout.write("The search index is in use; nothing rebuilt.")
            return
        counts = rebuild()
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
