"""The sealed agreement as the archive gets it, and the public verify page that finds it.

Signed through the form a browser sends, as each party's signatory, after the portal admin
recorded the host-municipality councils' approvals; the PDF is read back with pypdf. In
autocommit on PostgreSQL (``transaction=True``): signing locks the agreement's row.
"""

import hashlib
import re

import pytest
from django.urls import reverse

from agreements import final_pdf, seal
from agreements.models import Agreement
from tests.agreements.helpers import agreed, person_for
from tests.agreements.test_council_approval import record_approval, sign_post
from tests.conftest import build_world
from tests.pdf.helpers import pdf_text, pdfa_2u_problems

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres")]

TITLE = "Vertskommuneavtale barnevern VÅG"


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
    settings.PORTAL_URL = "https://samarbeid.example"
    seal.make_self_signed(
        settings.AGREEMENT_SEAL_CERT, settings.AGREEMENT_SEAL_KEY, common_name="Samarbeid test"
    )


@pytest.fixture
def sealed(media_and_cert, client_for):
    """A host-municipality agreement approved by both councils, signed by both, sealed."""
    world = build_world()
    person_for(world.users["member"])
    agreement = agreed(world, kind="host_municipality", host_municipality=world.valer, title=TITLE)
    admin = client_for(world.users["portal_admin"])
    for party in agreement.parties.all():
        assert record_approval(admin, agreement, party).status_code == 302
    for user in (world.users["director"], world.users["member"]):
        party = agreement.parties.get(signatory__user=user)
        assert sign_post(client_for(user), agreement, party, 2).status_code == 302
    # The task function the worker runs after the commit (tasks.agreement_make_final_pdf).
    final_pdf.agreement_make_final_pdf(agreement_id=agreement.pk)
    agreement.refresh_from_db()
    response = client_for(world.users["director"]).get(
        reverse("agreements:signed_pdf", args=[agreement.pk])
    )
    assert response.status_code == 200
    return world, agreement, b"".join(response.streaming_content)


def test_the_sealed_pdf_is_the_pdf_a_2u_it_claims(sealed):
    _world, agreement, data = sealed
    assert hashlib.sha256(data).hexdigest() == agreement.signed_pdf_sha256
    assert seal.check_seal(data).valid
    # Header 1.7, no catalog /Version 2.0, pdfaid 2/U, output intent, fonts embedded, and the
    # Info dictionary saying what the XMP says (pyHanko's producer no longer differs).
    assert pdfa_2u_problems(data) == []


def test_the_signature_page_carries_the_number_the_address_and_the_full_hash(sealed):
    _world, agreement, data = sealed
    assert re.fullmatch(r"SA-\d{4}-[2-9A-HJ-NP-Z]{8}", agreement.document_number)
    text = pdf_text(data)
    signature_page = text[text.index("Signaturer") :]
    flat = re.sub(r"\s", "", signature_page)
    assert agreement.document_number in flat
    assert "https://samarbeid.example/avtaler/kontroller/" in flat
    version = agreement.versions.latest()
    assert version.sha256 in flat  # whole, not cut to 17 characters
    assert "k-sak 042/26" in signature_page


def test_anyone_finds_the_sealed_agreement_by_its_number(sealed, client):
    _world, agreement, _data = sealed
    url = reverse("agreements:verify")
    page = client.get(url, {"q": agreement.document_number.lower()}).content.decode()
    assert "Funnet" in page
    assert agreement.signed_pdf_sha256 in page
    # No more than the sealed PDF itself says: not the title, parties or project.
    assert TITLE not in page and "Grue" not in page


def test_anyone_finds_it_by_the_pasted_sha_256(sealed, client):
    _world, agreement, _data = sealed
    digest = agreement.signed_pdf_sha256.upper()
    pasted = " ".join(digest[i : i + 2] for i in range(0, 64, 2))  # as some tools print it
    page = client.get(reverse("agreements:verify"), {"q": pasted}).content.decode()
    assert "Funnet" in page
    assert agreement.document_number in page


def test_an_unknown_number_or_checksum_is_not_found(sealed, client):
    _world, agreement, _data = sealed
    url = reverse("agreements:verify")
    for unknown in ("SA-2026-ZZZZZZZZ", hashlib.sha256(b"en annen fil").hexdigest()):
        response = client.get(url, {"q": unknown})
        assert response.status_code == 200
        page = response.content.decode()
        assert "Ikke funnet" in page
        assert agreement.signed_pdf_sha256 not in page


@pytest.mark.parametrize("typed", ["", "avtale 12", "SA-2026-0000000O", "abc" * 30, "x" * 500])
def test_bad_input_gets_a_norwegian_message(typed, client):
    build_world()
    response = client.get(reverse("agreements:verify"), {"q": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ikke funnet" not in page and "Funnet" not in page
    assert response.context["lookup"].errors
    assert "Skriv dokumentnummeret" in page or "for langt for et dokumentnummer" in page


def test_a_scanned_agreement_is_not_offered_as_sealed(media_and_cert, client):
    from django.core.files.base import ContentFile

    from agreements import services
    from tests.agreements.helpers import SMALL_PDF

    world = build_world()
    done = services.agreement_complete_with_scan(
        agreement=agreed(world), upload=ContentFile(SMALL_PDF, name="a.pdf"), by=None
    )
    assert done.completion == Agreement.Completion.SCANNED
    page = client.get(reverse("agreements:verify"), {"q": done.signed_pdf_sha256}).content
    assert "Ikke funnet" in page.decode()
