from django.core.management.base import BaseCommand

from samarbeid.outbox import services


class Command(BaseCommand):
    help = "Hand over again the side effects waiting in the outbox (beat does this every 30 s)."

    def handle(self, *args, **options):
        self.stdout.write(f"{services.sweep()} side effects handed over")
