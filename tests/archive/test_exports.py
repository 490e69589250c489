"""An archive package of a group's year for the host municipality (issue 16).

Through the views: the project admin asks for the year's package with the page's form, the
worker's task runs here (as the embedded default runs it), the page shows its progress and
what is missing, and the zip is downloaded and read back: arkivstruktur.xml is validated
against the project's copy of the Noark 5 schema (tests/fixtures/einnsyn/), every sjekksum
against the bytes of its file, and the manifest against the zip.
"""

import datetime
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from agreements import services as agreement_services
from archive.models import ArchiveExport
from meetings import minutes_pdf, services
from tests import outbox_helpers
from tests.agreements.helpers import SMALL_PDF, agreed
from tests.factories import PersonFactory
from tests.pdf.helpers import pdf_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "einnsyn"
NS = {"n": "http://www.arkivverket.no/standarder/noark5/arkivstruktur"}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
TASK = "archive.tasks.archive_export_build"
# Only in the exempt case: never in the XML.
MARKERS = ("Hemmeligsen", "Xylofonsaken", "Zebrakonflikten")

pytestmark = pytest.mark.usefixtures("quiet_minutes_tasks")


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(FIXTURES / "arkivstruktur.xsd")))


def this_year() -> int:
    return timezone.localdate().year


def plan(world, title, day, **kwargs):
    starts_at = timezone.make_aware(datetime.datetime(this_year(), 1, day, 10))
    return services.meeting_plan(
        group=world.steering_group, title=title, starts_at=starts_at, **kwargs
    )


@pytest.fixture
def filed_meeting(world, media):
    """Approved minutes with an open and an exempt case, and both archive copies filed."""
    secretary = world.steering_group.memberships.get(person__user=world.users["secretary"]).person
    meeting = plan(world, "Styringsgruppemøte", 15, room="Kommunestyresalen", secretary=secretary)
    services.participant_set(
        meeting=meeting, person=PersonFactory(name="Ola Deltaker"), attendance="present"
    )
    services.case_add(meeting=meeting, title="Budsjett 2019", decision="<p>Budsjettet vedtas.</p>")
    services.case_add(
        meeting=meeting,
        title="Personalsak Hemmeligsen",
        notes="<p>Xylofonsaken ble drøftet.</p>",
        decision="<p>Zebrakonflikten løses internt.</p>",
        exempt_from_public=True,
        legal_basis="offl. § 13",
    )
    services.minutes_approve(meeting=meeting, by=world.users["secretary"])
    assert len(minutes_pdf.minutes_archive_all(meeting_id=meeting.pk)) == 2
    return meeting


@pytest.fixture
def unfiled_meeting(world, filed_meeting):
    """Approved, but its archive copies are not filed yet."""
    meeting = plan(world, "Ekstraordinært møte", 20)
    services.minutes_approve(meeting=meeting, by=world.users["secretary"])
    return meeting


@pytest.fixture
def scanned_agreement(world, media):
    agreement = agreed(world)
    upload = ContentFile(SMALL_PDF, name="signert.pdf")
    return agreement_services.agreement_complete_with_scan(
        agreement=agreement, upload=upload, by=world.users["project_admin"]
    )


def exports_url(world):
    return reverse("archive:exports", args=[world.project.slug, world.steering_group.pk])


def request_package(client, world, year):
    return client.post(exports_url(world), {"year": str(year)})


def download(client, world, export):
    url = reverse("archive:download", args=[world.project.slug, world.steering_group.pk, export.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return b"".join(response.streaming_content)


def field(element, path):
    return element.findtext(path, namespaces=NS)


def test_project_admin_gets_a_valid_package(
    world,
    client_for,
    monkeypatch,
    schema,
    filed_meeting,
    unfiled_meeting,
    scanned_agreement,
    django_capture_on_commit_callbacks,
):
    held = outbox_helpers.hold(monkeypatch, TASK)
    admin = client_for(world.users["project_admin"])
    assert admin.get(exports_url(world)).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = request_package(admin, world, this_year())
    assert (response.status_code, response.url) == (302, exports_url(world))
    export = ArchiveExport.objects.get()
    assert (export.status, export.requested_by, export.year) == (
        "queued",
        world.users["project_admin"],
        this_year(),
    )
    assert held == [(export.pk,)]
    page = admin.get(exports_url(world)).content.decode()
    assert "I kø" in page and 'value="0"' in page

    assert outbox_helpers.deliver_waiting(TASK) == 1
    export.refresh_from_db()
    assert (export.status, export.progress, export.meetings_included) == ("done", 100, 1)
    # The meeting without archive copies is named on the page, not silently dropped.
    assert [m["id"] for m in export.missing] == [unfiled_meeting.pk]
    page = admin.get(exports_url(world)).content.decode()
    assert "uten arkivkopi" in page and "Ekstraordinært møte" in page
    # Who exported what when: the row, and its history with each step of the building
    # (a meeting and an agreement: half, then nine tenths, then done).
    steps = [(h.status, h.progress) for h in export.history.order_by("history_id")]
    assert steps == [("queued", 0), ("running", 0), ("running", 50), ("running", 90), ("done", 100)]
    assert export.history.earliest("history_id").history_user == world.users["project_admin"]

    data = download(admin, world, export)
    assert hashlib.sha256(data).hexdigest() == export.sha256
    package = zipfile.ZipFile(io.BytesIO(data))
    names = set(package.namelist())

    # The manifest lists every other file, each with the SHA-256 of its bytes.
    listing = package.read("sjekksummer.txt").decode().splitlines()
    manifest = {name: sha for sha, name in (line.split("  ", 1) for line in listing)}
    assert set(manifest) == names - {"sjekksummer.txt"}
    for name, sha in manifest.items():
        assert hashlib.sha256(package.read(name)).hexdigest() == sha, name

    xml = package.read("arkivstruktur.xml")
    document = etree.fromstring(xml)
    assert schema.validate(document), [e.message for e in schema.error_log]
    text = xml.decode()
    assert not [marker for marker in MARKERS if marker in text]

    # Every dokumentobjekt names a file of the package, with its checksum and size.
    objects = document.findall(".//n:dokumentobjekt", NS)
    assert len(objects) == 3  # the minutes, internal and public, and the agreement
    for item in objects:
        name = field(item, "n:referanseDokumentfil")
        content = package.read(name)
        assert field(item, "n:sjekksum") == hashlib.sha256(content).hexdigest()
        assert field(item, "n:sjekksumAlgoritme") == "SHA-256"
        assert field(item, "n:filstoerrelse") == str(len(content))
        assert field(item, "n:format") == "pdf"
        assert content.startswith(b"%PDF")

    [folder, agreement] = document.findall("n:arkivdel/n:mappe", NS)
    assert folder.get(XSI_TYPE) == "moetemappe"
    assert field(folder, "n:tittel") == "Styringsgruppemøte"
    assert field(folder, "n:utvalg") == "Styringsgruppe"
    assert field(folder, "n:moetested") == "Kommunestyresalen"
    assert field(folder, "n:moetedato").startswith(f"{this_year()}-01-15T10:00:00")
    people = [field(p, "n:moetedeltakerNavn") for p in folder.findall("n:moetedeltaker", NS)]
    assert "Ola Deltaker" in people
    variants = {
        field(item, "n:variantformat"): package.read(field(item, "n:referanseDokumentfil"))
        for item in folder.findall(".//n:dokumentobjekt", NS)
    }
    copies = {c.version: c for c in filed_meeting.archive_copies.all()}
    assert hashlib.sha256(variants["Arkivformat"]).hexdigest() == copies["internal"].sha256
    public = variants["Dokument hvor deler av innholdet er skjermet"]
    assert hashlib.sha256(public).hexdigest() == copies["public"].sha256
    # The archive keeps the whole record; the copy it may give out lacks the exempt case.
    assert "Zebrakonflikten" in pdf_text(variants["Arkivformat"])
    assert "Zebrakonflikten" not in pdf_text(public)

    cases = {
        field(r, "n:moetesakssekvensnummer"): r
        for r in folder.findall("n:registrering", NS)
        if r.get(XSI_TYPE) == "moetesaksregistrering"
    }
    open_case = filed_meeting.cases.get(title="Budsjett 2019")
    exempt = filed_meeting.cases.get(exempt_from_public=True)
    registration = cases[str(open_case.number)]
    assert field(registration, "n:tittel") == "Budsjett 2019"
    assert field(registration, "n:beskrivelse") == "Vedtak: Budsjettet vedtas."
    assert field(registration, "n:registreringsID") == f"{open_case.number}/{this_year() % 100}"
    screened = cases[str(exempt.number)]
    assert field(screened, "n:skjerming/n:skjermingshjemmel") == "offl. § 13"
    assert field(screened, "n:tittel") == "Unntatt offentlighet"
    assert screened.find("n:beskrivelse", NS) is None

    assert agreement.get(XSI_TYPE) == "saksmappe"
    assert field(agreement, "n:tittel") == scanned_agreement.title
    assert field(agreement, "n:saksstatus") == "Avsluttet"
    item = agreement.find(".//n:dokumentobjekt", NS)
    assert field(item, "n:sjekksum") == scanned_agreement.signed_pdf_sha256


@pytest.mark.parametrize("role", ["member", "secretary", "reader"])
def test_those_who_do_not_administer_the_project_are_refused(
    world, client_for, filed_meeting, role
):
    client = client_for(world.users[role])
    assert client.get(exports_url(world)).status_code == 403
    assert request_package(client, world, this_year()).status_code == 403
    assert not ArchiveExport.objects.exists()


def test_outsider_does_not_learn_the_group_exists(world, client_for, filed_meeting):
    assert client_for(world.users["outsider"]).get(exports_url(world)).status_code == 404


def test_member_cannot_download_a_package(world, client_for, monkeypatch, filed_meeting):
    outbox_helpers.hold(monkeypatch, TASK)
    request_package(client_for(world.users["project_admin"]), world, this_year())
    outbox_helpers.deliver_waiting(TASK)
    export = ArchiveExport.objects.get(status="done")
    url = reverse("archive:download", args=[world.project.slug, world.steering_group.pk, export.pk])
    assert client_for(world.users["member"]).get(url).status_code == 403


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("1999", "Velg et år fra 2000 til"),
        (str(datetime.date.today().year + 1), "Velg et år fra 2000 til"),
        ("i fjor", "Skriv inn et år, for eksempel 2019."),
        ("", "Feltet er påkrevet."),
        ("2005", "Gruppen har ingen godkjente referater fra 2005."),
    ],
)
def test_bad_year_gets_a_norwegian_message(world, client_for, filed_meeting, year, message):
    response = request_package(client_for(world.users["project_admin"]), world, year)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ArchiveExport.objects.exists()


def test_a_package_not_ready_is_not_served(world, client_for, monkeypatch, filed_meeting):
    outbox_helpers.hold(monkeypatch, TASK)
    request_package(client_for(world.users["project_admin"]), world, this_year())
    export = ArchiveExport.objects.get()
    url = reverse("archive:download", args=[world.project.slug, world.steering_group.pk, export.pk])
    assert client_for(world.users["project_admin"]).get(url).status_code == 404


def test_the_task_run_twice_builds_once(world, client_for, monkeypatch, filed_meeting):
    from archive import services as archive_services

    outbox_helpers.hold(monkeypatch, TASK)
    request_package(client_for(world.users["project_admin"]), world, this_year())
    export = ArchiveExport.objects.get()
    assert archive_services.archive_export_build(export_id=export.pk) is True
    first = ArchiveExport.objects.get().sha256
    assert archive_services.archive_export_build(export_id=export.pk) is False
    assert ArchiveExport.objects.get().sha256 == first


def test_group_page_links_the_archive_packages(world, client_for):
    url = reverse("projects:group_detail", args=[world.project.slug, world.steering_group.pk])
    assert exports_url(world) in client_for(world.users["project_admin"]).get(url).content.decode()
    assert exports_url(world) not in client_for(world.users["member"]).get(url).content.decode()


def test_the_list_costs_the_same_for_one_package_or_ten(world, client_for, filed_meeting):
    def count(client):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(exports_url(world)).status_code == 200
        return len(queries)

    admin = client_for(world.users["project_admin"])

    def add_export():
        ArchiveExport.objects.create(
            group=world.steering_group, year=this_year(), requested_by=world.users["member"]
        )

    add_export()
    one = count(admin)
    for _ in range(9):
        add_export()
    assert count(admin) == one
