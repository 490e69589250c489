"""Each published meeting as eInnsyn XML, valid against the eInnsyn meeting schema (issue 20).

Through the views: the secretary approves and publishes with the workflow's forms, the public
fetches ``offentlig/moter/<id>/einnsyn.xml`` logged out, and the answer is parsed back with lxml
and validated against the copy of the schema in tests/fixtures/einnsyn/.
"""

import datetime
import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from meetings import attachments, services
from tests.agreements.helpers import SMALL_PDF
from tests.conftest import ROLES
from tests.factories import PersonFactory
from tests.reliability.test_lost_updates import post_data

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "einnsyn"
NS = {"n": "http://www.arkivverket.no/standarder/noark5/arkivstruktur"}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
# Only in what the public must not read: the exempt case, a confidential file, the absent.
MARKERS = ("Hemmeligsen", "Xylofonsaken", "Zebrakonflikten", "Konfidensiellfil")
OPEN_TITLE = 'Budsjett <2019> & "Våler"\x0c'  # markup, quotes and a form feed from a paste
DECISION = "<p>Styringsgruppen vedtar <strong>budsjettet</strong> for Grue &amp; Åsnes.</p>"
AFTER_PUBLISHING = "Denne setningen kom etter publiseringen."

pytestmark = pytest.mark.usefixtures("quiet_minutes_tasks")


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(FIXTURES / "arkivstruktur.xsd")))


@pytest.fixture
def meeting(world, media):
    secretary = world.steering_group.memberships.get(person__user=world.users["secretary"]).person
    chair = world.steering_group.memberships.get(person__user=world.users["member"]).person
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2019, 4, 9, 10)),
        room="Kommunestyresalen",
        address="Storgata 1, Flisa",
        secretary=secretary,
        chair=chair,
    )
    absent = PersonFactory(name="Fraværende Hemmeligsen")
    services.participant_set(meeting=meeting, person=absent, attendance="absent")
    open_case = services.case_add(
        meeting=meeting, title=OPEN_TITLE, decision=DECISION, presenter="Kari Nordmann"
    )
    exempt = services.case_add(
        meeting=meeting,
        title="Personalsak Hemmeligsen",
        notes="<p>Xylofonsaken ble drøftet.</p>",
        decision="<p>Zebrakonflikten løses internt.</p>",
        exempt_from_public=True,
        legal_basis="offl. § 13",
    )
    services.action_item_add(case=exempt, description="Ringe Hemmeligsen", responsible_note="Leder")
    by = world.users["secretary"]
    for title, confidential in (("Budsjettforslag", False), ("Konfidensiellfil", True)):
        upload = ContentFile(SMALL_PDF, name=f"{title}.pdf")
        attachments.attachment_add(
            meeting=meeting,
            case=open_case,
            upload=upload,
            title=title,
            confidential=confidential,
            by=by,
        )
    return meeting


def step(client, meeting, name, reason=""):
    response = client.post(
        reverse("meetings:minutes_step", args=[meeting.pk, name]), {"reason": reason}
    )
    # Done, back on the meeting page (not sent to the login page: the client is shared).
    assert (response.status_code, response.url) == (302, meeting.get_absolute_url())


def einnsyn_url(meeting):
    return reverse("meetings:public_meeting_einnsyn", args=[meeting.pk])


def fetch(client, meeting):
    response = client.get(einnsyn_url(meeting))
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/xml")
    return response


def valid_document(schema, content: bytes):
    document = etree.fromstring(content)
    assert schema.validate(document), [e.message for e in schema.error_log]
    return document


def field(element, path) -> str | None:
    return element.findtext(path, namespaces=NS)


def registrations(folder, kind):
    return [r for r in folder.findall("n:registrering", NS) if r.get(XSI_TYPE) == kind]


def case_of(document, number):
    cases = registrations(document.find("n:arkivdel/n:mappe", NS), "moetesaksregistrering")
    return next(c for c in cases if field(c, "n:registreringsID") == number)


# --- The schema itself is strict ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("example", "line"), [("moetemappe2-ny-modell.xml", 167), ("fremtidigmoete1-ny-modell.xml", 48)]
)
def test_the_examples_fail_exactly_where_the_readme_says(schema, example, line):
    assert not schema.validate(etree.parse(str(FIXTURES / example)))
    errors = list(schema.error_log)
    assert len(errors) == 1, [e.message for e in errors]
    assert errors[0].line == line
    assert "referanseTilSak': This element is not expected" in errors[0].message
    assert "moetesaksaar" in errors[0].message


# --- A published meeting -------------------------------------------------------------------


@pytest.mark.parametrize("approve", [True, False], ids=["approved", "not-approved"])
def test_published_meeting_is_valid_einnsyn_xml(world, client_for, meeting, schema, approve):
    secretary = client_for(world.users["secretary"])
    if approve:
        step(secretary, meeting, "godkjenn")
    step(secretary, meeting, "publiser")
    document = valid_document(schema, fetch(client_for(None), meeting).content)

    folder = document.find("n:arkivdel/n:mappe", NS)
    assert folder.get(XSI_TYPE) == "moetemappe"
    system_ids = [e.text for e in document.findall(".//n:systemID", NS)]
    assert len(system_ids) == len(set(system_ids))  # each archive unit named once
    assert field(folder, "n:tittel") == "Styringsgruppemøte"
    assert field(folder, "n:utvalg") == "Styringsgruppe"
    assert field(folder, "n:moetedato") == "2019-04-09T10:00:00+02:00"
    assert field(folder, "n:moetested") == "Kommunestyresalen, Storgata 1, Flisa"
    assert (field(folder, "n:beskrivelse") == "Ikke godkjent") is not approve
    people = {
        field(p, "n:moetedeltakerNavn"): field(p, "n:moetedeltakerFunksjon")
        for p in folder.findall("n:moetedeltaker", NS)
    }
    secretary_name = world.users["secretary"].get_full_name()
    assert people[secretary_name] == "Referent"
    assert people[world.users["member"].get_full_name()].startswith("Møteleder")
    assert "Fraværende Hemmeligsen" not in people  # absent: not a participant

    number = meeting.cases.get(title__startswith="Budsjett").number
    case = case_of(document, f"{number}/19")
    assert case.get(XSI_TYPE) == "moetesaksregistrering"
    # Text stays text: escaped in the file, the same words read back, the form feed dropped.
    assert field(case, "n:tittel") == 'Budsjett <2019> & "Våler"'
    assert field(case, "n:offentligTittel") == 'Budsjett <2019> & "Våler"'
    assert field(case, "n:moetesakstype") == "Politisk sak"
    assert field(case, "n:saksbehandler") == "Kari Nordmann"
    assert field(case, "n:moetesaksaar") == "2019"
    assert field(case, "n:moetesakssekvensnummer") == str(number)
    decision = field(case, "n:beskrivelse")
    assert decision == "Vedtak: Styringsgruppen vedtar budsjettet for Grue & Åsnes."
    # One registration per case on the agenda, the standing ones too.
    assert len(registrations(folder, "moetesaksregistrering")) == meeting.cases.count()

    # The open attachment is listed with its checksum and public address, the confidential not.
    attachment = meeting.attachments.get(confidential=False)
    [file] = case.findall("n:dokumentbeskrivelse/n:dokumentobjekt", NS)
    assert field(file, "n:sjekksum") == hashlib.sha256(SMALL_PDF).hexdigest()
    address = reverse("meetings:public_attachment_download", args=[meeting.pk, attachment.pk])
    assert field(file, "n:referanseDokumentfil") == f"{settings.PORTAL_URL}{address}"

    # The minutes document points at the public PDF, which is there.
    [minutes] = [
        r
        for r in registrations(folder, "moetedokumentregistrering")
        if field(r, "n:moetedokumentregistreringstype") == "Protokoll"
    ]
    pdf_address = field(minutes, ".//n:referanseDokumentfil")
    assert pdf_address == settings.PORTAL_URL + reverse(
        "meetings:public_minutes_pdf", args=[meeting.pk]
    )
    assert field(minutes, ".//n:variantformat") == ("Dokument hvor deler av innholdet er skjermet")
    pdf = client_for(None).get(pdf_address.removeprefix(settings.PORTAL_URL))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    if approve:
        # Once filed, the archive copy the public PDF serves is named by its checksum.
        again = valid_document(schema, fetch(client_for(None), meeting).content)
        checksum = again.find(".//n:registrering/n:dokumentbeskrivelse/n:dokumentobjekt", NS)
        assert field(checksum, "n:sjekksum") == hashlib.sha256(pdf.content).hexdigest()
        assert field(checksum, "n:filstoerrelse") == str(len(pdf.content))


@pytest.mark.parametrize("role", ROLES)
def test_exempt_case_is_its_number_public_title_and_legal_basis(
    world, client_for, meeting, schema, role
):
    secretary = client_for(world.users["secretary"])
    step(secretary, meeting, "godkjenn")
    step(secretary, meeting, "publiser")
    response = fetch(client_for(world.users[role]), meeting)
    text = response.content.decode()
    assert not [marker for marker in MARKERS if marker in text]
    document = valid_document(schema, response.content)
    exempt = meeting.cases.get(exempt_from_public=True)
    case = case_of(document, f"{exempt.number}/19")
    assert field(case, "n:skjerming/n:skjermingshjemmel") == "offl. § 13"
    assert field(case, "n:skjerming/n:skjermingMetadata")
    assert field(case, "n:tittel") == "Unntatt offentlighet"
    assert field(case, "n:offentligTittel") == "Unntatt offentlighet"
    assert case.find("n:beskrivelse", NS) is None
    assert field(case, "n:moetesakstype") == "Annet"


def test_a_change_after_publishing_stays_out(world, client_for, meeting, schema):
    secretary = client_for(world.users["secretary"])
    step(secretary, meeting, "godkjenn")
    step(secretary, meeting, "publiser")
    step(secretary, meeting, "gjenapne", "Rettelse")
    open_case = meeting.cases.get(title__startswith="Budsjett")
    url = reverse("meetings:case_edit", args=[meeting.pk, open_case.pk])
    data = post_data(secretary.get(url).context["form"])
    response = secretary.post(url, data | {"decision": f"<p>{AFTER_PUBLISHING}</p>"})
    assert response.status_code == 302
    open_case.refresh_from_db()
    assert AFTER_PUBLISHING in open_case.decision
    exempt = meeting.cases.get(exempt_from_public=True)
    url = reverse("meetings:case_edit", args=[meeting.pk, exempt.pk])
    data = post_data(secretary.get(url).context["form"])
    del data["exempt_from_public"]  # unticked: the browser sends nothing
    assert secretary.post(url, data).status_code == 302

    first = fetch(client_for(None), meeting).content
    text = first.decode()
    assert AFTER_PUBLISHING not in text
    assert "budsjettet for Grue &amp; Åsnes" in text  # still the published decision …
    assert not [marker for marker in MARKERS if marker in text]  # … and still exempt

    secretary = client_for(world.users["secretary"])  # the test client was logged out above
    step(secretary, meeting, "godkjenn")
    step(secretary, meeting, "publiser")
    document = valid_document(schema, fetch(client_for(None), meeting).content)
    text = etree.tostring(document, encoding="unicode")
    assert AFTER_PUBLISHING in text and "Xylofonsaken" not in text  # notes are not exported
    assert "Zebrakonflikten" in text  # no longer exempt: its decision is public now
    # The same meeting for the receiver: it updates the one it has, not adds a second.
    folder_id = "n:arkivdel/n:mappe/n:systemID"
    assert field(document, folder_id) == field(etree.fromstring(first), folder_id)


def test_unpublished_or_missing_meeting_is_404(world, client_for, meeting):
    anonymous = client_for(None)
    assert anonymous.get(einnsyn_url(meeting)).status_code == 404
    assert (
        anonymous.get(reverse("meetings:public_meeting_einnsyn", args=[987654])).status_code == 404
    )
    step(client_for(world.users["secretary"]), meeting, "godkjenn")  # approved, not published
    assert client_for(None).get(einnsyn_url(meeting)).status_code == 404


def test_taken_down_version_answers_as_the_public_page(world, client_for, meeting):
    secretary = client_for(world.users["secretary"])
    step(secretary, meeting, "publiser")
    step(secretary, meeting, "avpubliser", "Feil deltakerliste, rettes")
    anonymous = client_for(None)
    page = anonymous.get(reverse("meetings:public_meeting", args=[meeting.pk]))
    xml = anonymous.get(einnsyn_url(meeting))
    assert xml.status_code == page.status_code == 410
    assert xml["Content-Type"] == page["Content-Type"]
    for response in (page, xml):
        assert "Feil deltakerliste, rettes" in response.content.decode()
        assert "budsjettet" not in response.content.decode()


def test_public_page_links_the_xml_which_is_revalidated(world, client_for, meeting):
    step(client_for(world.users["secretary"]), meeting, "publiser")
    anonymous = client_for(None)
    page = anonymous.get(reverse("meetings:public_meeting", args=[meeting.pk])).content.decode()
    assert f'href="{einnsyn_url(meeting)}"' in page

    first = fetch(anonymous, meeting)
    assert first["Cache-Control"] == "no-cache"
    again = anonymous.get(einnsyn_url(meeting), HTTP_IF_NONE_MATCH=first["ETag"])
    assert (again.status_code, again.content) == (304, b"")
    step(client_for(world.users["secretary"]), meeting, "avpubliser", "Tatt ned")
    gone = client_for(None).get(einnsyn_url(meeting), HTTP_IF_NONE_MATCH=first["ETag"])
    assert gone.status_code == 410
