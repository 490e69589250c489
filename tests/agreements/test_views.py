"""The agreement pages through the test client: what each page shows and does."""

import datetime

import pytest
from django.urls import reverse

from agreements import drafting, services
from agreements.models import Agreement, Signature
from projects import services as project_services
from tests.agreements.helpers import agreed, blank_agreement, in_an_hour, person_for, write_text
from tests.factories import PASSWORD

pytestmark = pytest.mark.usefixtures("postgres")


def test_directors_list_shows_their_agreements_with_missing_steps(world, client_for):
    agreement = blank_agreement(world)
    response = client_for(world.users["director"]).get(reverse("agreements:mine"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.agreement for row in rows] == [agreement]
    assert "signatur fra Våler kommune" in rows[0].missing
    assert "politisk godkjenning fra Grue kommune" in rows[0].missing
    # Bodø is no party: its director-to-be sees nothing.
    response = client_for(world.users["outsider"]).get(reverse("agreements:mine"))
    assert response.context["rows"] == []


def test_directors_list_offers_the_signed_pdf(world, client_for, settings, tmp_path):
    from django.core.files.base import ContentFile

    from tests.agreements.helpers import SMALL_PDF

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    agreement = services.agreement_complete_with_scan(
        agreement=agreed(world), upload=ContentFile(SMALL_PDF, name="s.pdf"), by=None
    )
    client = client_for(world.users["director"])
    page = client.get(reverse("agreements:mine")).content.decode()
    pdf_url = reverse("agreements:signed_pdf", args=[agreement.pk])
    assert pdf_url in page
    response = client.get(pdf_url)
    assert b"".join(response.streaming_content) == SMALL_PDF


def test_create_from_the_template_through_the_form(world, client_for):
    nav = project_services.organisation_create(name="NAV Innlandet", kind="nav_county")
    person_for(world.users["director"], title="kommunedirektør")
    client = client_for(world.users["project_admin"])
    url = reverse("agreements:create", args=[world.project.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "template": "partnerskapsavtale",
            "kind": "partnership",
            "title": "Partnerskapsavtale NAV Solør",
            "parties": [world.valer.pk, nav.pk],
            "host_municipality": world.valer.pk,
        },
    )
    agreement = Agreement.objects.get(title="Partnerskapsavtale NAV Solør")
    assert response.status_code == 302
    # The director of Våler is chosen to sign, with the title on their person record.
    valer_party = agreement.parties.get(organisation=world.valer)
    assert valer_party.signatory.user == world.users["director"]
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "NAV-kontor" in page  # listed among the open fill-ins


def test_a_blank_agreement_keeps_its_validity_and_revision_interval(world, client_for):
    client = client_for(world.users["project_admin"])
    response = client.post(
        reverse("agreements:create", args=[world.project.slug]),
        {
            "template": "",
            "kind": "cooperation",
            "title": "Samarbeid om IKT-drift",
            "parties": [world.grue.pk, world.asnes.pk],
            "valid_from": "2027-01-01",
            "valid_until": "2030-12-31",
            "revision_interval_months": "24",
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get(title="Samarbeid om IKT-drift")
    assert agreement.valid_from == datetime.date(2027, 1, 1)
    assert agreement.valid_until == datetime.date(2030, 12, 31)
    assert agreement.revision_interval_months == 24


def test_host_municipality_must_be_a_party(world, client_for):
    client = client_for(world.users["project_admin"])
    response = client.post(
        reverse("agreements:create", args=[world.project.slug]),
        {
            "template": "",
            "kind": "cooperation",
            "title": "Samarbeid",
            "parties": [world.grue.pk, world.asnes.pk],
            "host_municipality": world.valer.pk,
        },
    )
    assert response.status_code == 200
    assert not Agreement.objects.exists()


def test_fill_in_form_answers_every_place(world, client_for):
    agreement = blank_agreement(world)
    write_text(agreement, "NAV [[NAV-kontor]] ligger i [[NAV-kontor]].")
    client = client_for(world.users["project_admin"])
    url = reverse("agreements:fill_in", args=[agreement.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"seen_version": 2, "fill_0": "Solør"})
    assert response.status_code == 302
    assert drafting.current_version(agreement).sections[0]["text"] == "NAV Solør ligger i Solør."


def test_text_edit_saves_a_new_version_and_the_diff_shows_it(world, client_for):
    agreement = blank_agreement(world)
    client = client_for(world.users["project_admin"])
    url = reverse("agreements:text_edit", args=[agreement.pk])
    response = client.post(
        url, {"seen_version": 1, "title_0": "Parter", "text_0": "Våler og Grue.", "note": "Ny"}
    )
    assert response.status_code == 302
    diff = client_for(world.users["reader"]).get(reverse("agreements:diff", args=[agreement.pk]))
    assert "<ins>Våler og Grue.</ins>" in diff.content.decode()
    # A second editor still holding version 1 is refused, not silently overwriting.
    client = client_for(world.users["project_admin"])
    stale = client.post(url, {"seen_version": 1, "title_0": "Parter", "text_0": "Annet."})
    assert stale.status_code == 200
    assert agreement.versions.count() == 2


def test_comment_through_the_page(world, client_for):
    agreement = blank_agreement(world)
    write_text(agreement)
    services.consultation_open(
        agreement=agreement, title="Høring", deadline=in_an_hour(), invited=[world.grue], by=None
    )
    url = reverse("agreements:comment", args=[agreement.pk])
    response = client_for(world.users["reader"]).post(
        url, {"section_number": "1.0", "text": "Grue er enig."}
    )
    assert response.status_code == 302
    page = client_for(world.users["director"]).get(agreement.get_absolute_url())
    assert "Grue er enig." in page.content.decode()
    # Våler is a party but not invited to this round.
    assert (
        client_for(world.users["director"]).post(url, {"section_number": "1.0"}).status_code == 404
    )


def test_signing_page_asks_for_the_password_again(world, client_for):
    agreement = agreed(world)
    party = agreement.parties.get(organisation=world.valer)
    client = client_for(world.users["director"])
    url = reverse("agreements:sign", args=[agreement.pk, party.pk])
    wrong = client.post(url, {"version": 2, "password": "feil"})
    assert wrong.status_code == 200
    assert "Passordet er feil." in wrong.content.decode()
    assert not Signature.objects.exists()
    right = client.post(url, {"version": 2, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7")
    assert right.status_code == 302
    signature = Signature.objects.get()
    assert signature.ip_address == "198.51.100.7"
    assert signature.user == world.users["director"]


def test_a_published_agreement_is_seen_by_readers_of_the_project(world, client_for):
    agreement = blank_agreement(world)
    url = agreement.get_absolute_url()
    assert client_for(world.users["secretary"]).get(url).status_code == 404
    agreement.published = True
    agreement.save()
    assert client_for(world.users["secretary"]).get(url).status_code == 200
    assert client_for(world.users["outsider"]).get(url).status_code == 404
