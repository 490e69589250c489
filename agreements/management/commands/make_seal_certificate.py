"""``manage.py make_seal_certificate``: a self-signed seal certificate for the demo, if missing.

Production mounts a certificate issued to the organisation running the portal
(AGREEMENT_SEAL_CERT, AGREEMENT_SEAL_KEY); this one only proves the mechanics.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from agreements import seal


class Command(BaseCommand):
    help = "Make a self-signed seal certificate and key where the settings point, if missing."

    def handle(self, *args, **options):
        cert, key = settings.AGREEMENT_SEAL_CERT, settings.AGREEMENT_SEAL_KEY
        if cert.exists() and key.exists():
            self.stdout.write(f"Seal certificate exists: {cert}")
            return
        seal.make_self_signed(cert, key, common_name="Samarbeid demo (selvsignert)")
        self.stdout.write(self.style.SUCCESS(f"Made a self-signed seal certificate: {cert}"))
