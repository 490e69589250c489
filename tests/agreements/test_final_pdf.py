"""The final PDF of an agreement signed in the portal: text, signature page, seal."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from agreements import final_pdf, seal
from agreements.models import Agreement
from tests.agreements.helpers import agreed, sign
from tests.pdf.helpers import xmp_text

pytestmark = pytest.mark.usefixtures("postgres")


@pytest.fixture
def media_and_cert(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    settings.AGREEMENT_SEAL_CERT = tmp_path / "cert.pem"
    settings.AGREEMENT_SEAL_KEY = tmp_path / "key.pem"
    seal.make_self_signed(
        settings.AGREEMENT_SEAL_CERT, settings.AGREEMENT_SEAL_KEY, common_name="Samarbeid test"
    )


def test_the_signed_agreement_becomes_a_sealed_pdf(world, media_and_cert):
    agreement = agreed(world)
    sign(agreement, world.users["director"])
    sign(agreement, world.users["member"])
    assert final_pdf.agreement_make_final_pdf(agreement_id=agreement.pk)
    agreement.refresh_from_db()
    with agreement.signed_pdf.open("rb") as stored:
        data = stored.read()
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    assert "Samarbeidsavtale VÅG" in text
    assert "Partene samarbeider om økonomi." in text
    assert "Signaturer" in text
    assert "Våler kommune" in text and "Grue kommune" in text
    assert "kommunedirektør" in text
    result = seal.check_seal(data)
    assert result.valid, result.message
    # The seal keeps the file what it claims to be, PDF/A-2u: PDF 1.7, not 2.0.
    catalog = PdfReader(BytesIO(data)).trailer["/Root"]
    assert data.startswith(b"%PDF-1.7")
    assert catalog.get("/Version") in (None, "/1.7")
    assert "/ESIC" in catalog["/Extensions"]
    assert re.search(r"pdfaid:part[>=\"]+2", xmp_text(data))
    # Made once: a retried task keeps the sealed file it made.
    assert not final_pdf.agreement_make_final_pdf(agreement_id=agreement.pk)
    agreement.refresh_from_db()
    with agreement.signed_pdf.open("rb") as stored:
        assert stored.read() == data


def test_no_pdf_before_every_party_has_signed(world, media_and_cert):
    agreement = agreed(world)
    sign(agreement, world.users["director"])
    assert not final_pdf.agreement_make_final_pdf(agreement_id=agreement.pk)
    assert not Agreement.objects.get(pk=agreement.pk).signed_pdf
