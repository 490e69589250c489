"""The minutes as PDF, read back with pypdf: content, versions, draft mark, archive, access."""

import datetime
import hashlib

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from meetings import minutes_pdf, services
from meetings.models import Case, MinutesArchive, Participant
from meetings.tasks import minutes_archive as archive_task
from projects import services as project_services
from tests import outbox_helpers
from tests.pdf.helpers import counting_http_server, pdf_text, pdfa_2u_problems, read_pdf

# Words that appear only in the exempt case: none may reach a public PDF.
SECRET_WORDS = ("Hemmeligsen", "Xylofonsaken", "Zebrakonflikten", "Kvasirsen", "Sjokkrapport")


@pytest.fixture(autouse=True)
def empty_cache():
    # The cache is Redis when REDIS_URL is set, and outlives the test database.
    cache.clear()


@pytest.fixture
def queued(monkeypatch):
    """Stands in for the broker: records what was queued and runs nothing."""
    return outbox_helpers.hold(monkeypatch, "meetings.tasks.minutes_archive")


@pytest.fixture
def meeting(world, media, queued):
    group = world.steering_group
    meeting = services.meeting_plan(
        group=group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2018, 9, 14, 11)),
        ends_at=timezone.make_aware(datetime.datetime(2018, 9, 14, 14, 30)),
        room="Kommunestyresalen",
        address="Våler rådhus",
    )
    for name, attendance, note in (
        ("Ørjan Ødegård", Participant.Attendance.PRESENT, ""),
        ("Åse Æsheim", Participant.Attendance.ABSENT, ""),
        ("Gøril Gjest", Participant.Attendance.GUEST, "sak 5 og 6"),
    ):
        person = project_services.person_create(name=name, organisation=world.asnes)
        services.participant_set(meeting=meeting, person=person, attendance=attendance, note=note)
    case = services.case_add(
        meeting=meeting,
        title="Økonomiplan for Åsnes",
        presenter="Gudrun H. Grindaker",
        notes="<p>Blåbærsyltetøy og tyttebær i Ærøy kommune.</p>",
        decision="<p>Styringsgruppen tar økonomiplanen til orientering.</p>",
    )
    services.action_item_add(
        case=case,
        description="Utrede særavtale for Grue",
        responsible_note="Prosjektstab",
        deadline_as_written="uke 51",
    )
    exempt = services.case_add(
        meeting=meeting,
        title="Personalsak Hemmeligsen",
        notes="<p>Xylofonsaken ble drøftet.</p>",
        decision="<p>Zebrakonflikten løses internt.</p>",
        exempt_from_public=True,
        legal_basis="offl. § 13",
    )
    services.action_item_add(case=exempt, description="Ringe Kvasirsen", responsible_note="Leder")
    return meeting


def _approve(meeting, world):
    return services.minutes_approve(meeting=meeting, by=world.users["secretary"])


def _download(client, meeting, *, public=False):
    name = "meetings:public_minutes_pdf" if public else "meetings:minutes_pdf"
    response = client.get(reverse(name, args=[meeting.pk]))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return response.content


def _text(data: bytes) -> str:
    return " ".join(pdf_text(data).split())


def test_internal_pdf_has_the_facts_every_case_and_action_item(meeting):
    data = minutes_pdf.minutes_pdf(meeting, version=minutes_pdf.Version.INTERNAL)

    text = _text(data)
    for expected in (
        "Interkommunalt samarbeid Våler, Åsnes og Grue",
        "Styringsgruppe",
        "Sted Kommunestyresalen, Våler rådhus",
        "Møtedato 14. september 2018, kl. 11.00–14.30",
        "Referent",
        "Deltakere",
        "Ørjan Ødegård (Åsnes kommune)",
        "Forfall Åse Æsheim (Åsnes kommune)",
        "Gjester Gøril Gjest (Åsnes kommune) – sak 5 og 6",
        "Økonomiplan for Åsnes",
        "presentert av Gudrun H. Grindaker",
        "Blåbærsyltetøy og tyttebær i Ærøy kommune.",
        "Vedtak Styringsgruppen tar økonomiplanen til orientering.",
        "Oppfølgingspunkter Ansvar Frist Utrede særavtale for Grue Prosjektstab uke 51",
        "Personalsak Hemmeligsen",
        "Ringe Kvasirsen",
        "Neste møte",
    ):
        assert expected in text, expected
    for case in meeting.cases.all():
        assert f"{case.label} {case.title}" in text


def test_title_and_language_for_screen_readers(meeting):
    reader = read_pdf(minutes_pdf.minutes_pdf(meeting, version=minutes_pdf.Version.INTERNAL))

    assert reader.metadata.title == "Referat – Styringsgruppe – 14.09.2018"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nb"
    assert "/StructTreeRoot" in root


def test_a_long_action_item_table_repeats_its_header_row(meeting):
    case = meeting.cases.get(title="Økonomiplan for Åsnes")
    for number in range(90):
        services.action_item_add(
            case=case, description=f"Tiltak nummer {number} for Ørland", deadline_as_written="uke 3"
        )

    pages = read_pdf(minutes_pdf.minutes_pdf(meeting, version="internal")).pages

    assert len(pages) >= 3
    for page in pages[1:-1]:
        text = " ".join(page.extract_text().split())
        assert "Oppfølgingspunkter Ansvar Frist" in text


def test_minutes_are_norwegian_whatever_the_viewers_language(meeting):
    with translation.override("en"):
        text = _text(minutes_pdf.minutes_pdf(meeting, version="internal"))

    assert "Møtedato 14. september 2018" in text
    assert "Meeting date" not in text


def test_page_count_and_footer(meeting):
    data = minutes_pdf.minutes_pdf(meeting, version=minutes_pdf.Version.INTERNAL)

    pages = read_pdf(data).pages
    count = len(pages)
    assert count >= 1
    assert f"Side 1 av {count}" in pages[0].extract_text()
    assert f"Laget {timezone.localdate():%-d.%-m.%Y}" in pages[0].extract_text()


def test_a_long_agenda_runs_over_pages_with_the_right_count(meeting):
    for number in range(30):
        services.case_add(
            meeting=meeting,
            title=f"Tilleggssak {number} om æøå",
            notes="<p>" + "Lang tekst om samarbeid. " * 40 + "</p>",
        )

    pages = read_pdf(minutes_pdf.minutes_pdf(meeting, version="internal")).pages

    assert len(pages) > 5
    last = len(pages)
    assert f"Side {last} av {last}" in pages[-1].extract_text()


def test_public_pdf_contains_no_word_of_an_exempt_case(meeting, world):
    services.minutes_publish(meeting=meeting, by=world.users["secretary"])
    exempt = meeting.cases.get(exempt_from_public=True)

    text = _text(minutes_pdf.minutes_pdf(meeting, version=minutes_pdf.Version.PUBLIC))

    for word in SECRET_WORDS:
        assert word not in text
    assert f"{exempt.label} Unntatt offentlighet" in text
    assert "offl. § 13" in text
    assert "Økonomiplan for Åsnes" in text


def test_draft_mark_on_drafts_only(meeting, world):
    draft = _text(minutes_pdf.minutes_pdf(meeting, version="internal"))
    assert "UTKAST" in draft

    _approve(meeting, world)
    approved = _text(minutes_pdf.minutes_pdf(meeting, version="internal"))
    assert "UTKAST" not in approved
    assert "Økonomiplan for Åsnes" in approved


def test_approval_queues_the_archive_task_after_commit(
    meeting, world, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        _approve(meeting, world)
        assert queued == []
    for callback in callbacks:
        callback()
    # The meeting's id only: the task is JSON-serialised.
    assert queued == [(meeting.pk,)]


def test_archive_task_files_both_versions_as_pdf_a_once(meeting, world):
    _approve(meeting, world)

    first = archive_task.run(meeting.pk)
    again = archive_task.run(meeting.pk)

    assert first == again
    copies = MinutesArchive.objects.filter(meeting=meeting)
    assert {copy.version for copy in copies} == {"internal", "public"}
    for copy in copies:
        data = copy.file.read()
        assert hashlib.sha256(data).hexdigest() == copy.sha256
        assert copy.size == len(data)
        assert copy.variant == "pdf/a-2u"
        assert copy.minutes_version == 1
        # PDF 1.7, pdfaid 2/U, the output intent, every font embedded, Info as the XMP says.
        assert pdfa_2u_problems(data) == []
    public = copies.get(version="public").file.open("rb").read()
    for word in SECRET_WORDS:
        assert word not in _text(public)


def test_approved_minutes_download_as_the_same_bytes(meeting, world, client_for):
    _approve(meeting, world)
    client = client_for(world.users["member"])

    first = _download(client, meeting)
    cache.clear()
    second = _download(client, meeting)

    assert first == second
    stored = MinutesArchive.objects.get(meeting=meeting, version="internal")
    assert hashlib.sha256(first).hexdigest() == stored.sha256
    # The task, running after the download, files nothing new.
    archive_task.run(meeting.pk)
    assert MinutesArchive.objects.filter(meeting=meeting).count() == 2
    assert _download(client, meeting) == first


def test_reopening_keeps_the_earlier_archive_copy(meeting, world, client_for):
    _approve(meeting, world)
    archive_task.run(meeting.pk)
    earlier = MinutesArchive.objects.get(meeting=meeting, version="internal")
    earlier_bytes = earlier.file.open("rb").read()

    services.minutes_reopen(meeting=meeting, by=world.users["secretary"], reason="Feil i sak 2")
    services.case_add(meeting=meeting, title="Rettelse etter gjenåpning")
    assert "UTKAST" in _text(minutes_pdf.minutes_pdf(meeting, version="internal"))
    _approve(meeting, world)
    archive_task.run(meeting.pk)

    copies = MinutesArchive.objects.filter(meeting=meeting, version="internal")
    assert [copy.minutes_version for copy in copies.order_by("id")] == [1, 2]
    newer = copies.order_by("id").last()
    assert "Rettelse etter gjenåpning" in _text(newer.file.open("rb").read())
    assert "Rettelse etter gjenåpning" not in _text(earlier_bytes)
    client = client_for(world.users["member"])
    assert _download(client, meeting) == newer.file.open("rb").read()
    old = client.get(reverse("meetings:minutes_archive_pdf", args=[meeting.pk, earlier.pk]))
    assert old.content == earlier_bytes
    assert MinutesArchive.history.filter(id=earlier.pk).count() == 1


def test_a_tampered_archive_copy_is_refused_with_the_error_page(meeting, world, client_for):
    _approve(meeting, world)
    archive_task.run(meeting.pk)
    copy = MinutesArchive.objects.get(meeting=meeting, version="internal")
    with open(copy.file.path, "ab") as file:
        file.write(b"%endret")

    response = client_for(world.users["member"]).get(
        reverse("meetings:minutes_pdf", args=[meeting.pk])
    )

    assert response.status_code == 503
    assert "PDF-en kunne ikke lages" in response.content.decode()


def test_unchanged_drafts_are_served_from_the_cache(meeting, world, client_for, caplog):
    client = client_for(world.users["secretary"])
    with caplog.at_level("INFO", logger="samarbeid.pdf.render"):
        first = _download(client, meeting)
        second = _download(client, meeting)
    assert first == second
    assert caplog.text.count("rendered in") == 1

    services.case_add(meeting=meeting, title="Ny sak gir ny PDF")
    with caplog.at_level("INFO", logger="samarbeid.pdf.render"):
        third = _download(client, meeting)
    assert caplog.text.count("rendered in") == 2
    assert "Ny sak gir ny PDF" in _text(third)


def test_a_failed_rendering_shows_the_norwegian_error_page(
    meeting, world, client_for, settings, caplog
):
    settings.PDF_RENDER_TIME_LIMIT = 0.001
    with caplog.at_level("ERROR", logger="samarbeid.pdf.render"):
        response = client_for(world.users["secretary"]).get(
            reverse("meetings:minutes_pdf", args=[meeting.pk])
        )

    assert response.status_code == 503
    content = response.content.decode()
    assert "PDF-en kunne ikke lages" in content
    assert "tok for lang tid" in content
    assert "stopped after the time limit" in caplog.text


def test_hostile_html_in_notes_fetches_nothing(meeting, world, client_for):
    case = meeting.cases.get(title="Økonomiplan for Åsnes")
    with counting_http_server() as (origin, requests):
        # As if something got past the sanitiser (meetings.richtext): the fetcher must hold.
        Case.objects.filter(pk=case.pk).update(
            notes=(
                f'<p>Før</p><img src="{origin}/sporing.png">'
                '<a rel="attachment" href="file:///etc/passwd">passord</a>'
                f'<link rel="stylesheet" href="{origin}/stil.css">'
                f"<style>@import url({origin}/import.css);</style><p>Etter</p>"
            )
        )
        data = _download(client_for(world.users["secretary"]), meeting)

    assert requests == []
    text = _text(data)
    assert "Før" in text
    assert "Etter" in text
    assert "root:" not in text
    assert "/EmbeddedFiles" not in read_pdf(data).trailer["/Root"].get("/Names", {})


# --- Who may download which version ------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("portal_admin", 200),
        ("project_admin", 200),
        ("secretary", 200),
        ("member", 200),
        ("reader", 404),
        ("director", 404),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_draft_minutes_only_for_the_group(meeting, world, client_for, role, status):
    response = client_for(world.users[role]).get(reverse("meetings:minutes_pdf", args=[meeting.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "sees_exempt"),
    [("secretary", True), ("member", True), ("reader", False), ("director", False)],
)
def test_approved_minutes_give_each_viewer_their_version(
    meeting, world, client_for, role, sees_exempt
):
    _approve(meeting, world)

    text = _text(_download(client_for(world.users[role]), meeting))

    assert ("Personalsak Hemmeligsen" in text) is sees_exempt
    assert ("Xylofonsaken" in text) is sees_exempt
    assert "Økonomiplan for Åsnes" in text


def test_outsider_gets_404_for_approved_minutes(meeting, world, client_for):
    _approve(meeting, world)
    response = client_for(world.users["outsider"]).get(
        reverse("meetings:minutes_pdf", args=[meeting.pk])
    )
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["reader", "outsider", "anonymous"])
def test_archive_copies_are_for_the_group_only(meeting, world, client_for, role):
    _approve(meeting, world)
    archive_task.run(meeting.pk)
    for copy in MinutesArchive.objects.filter(meeting=meeting):
        url = reverse("meetings:minutes_archive_pdf", args=[meeting.pk, copy.pk])
        assert client_for(world.users[role]).get(url).status_code in (302, 404)


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member"])
def test_public_pdf_only_once_published_and_never_exempt(meeting, world, client_for, role):
    client = client_for(world.users[role])
    url = reverse("meetings:public_minutes_pdf", args=[meeting.pk])
    assert client.get(url).status_code == 404

    services.minutes_publish(meeting=meeting, by=world.users["secretary"])
    data = _download(client, meeting, public=True)

    text = _text(data)
    assert "UTKAST" in text
    for word in SECRET_WORDS:
        assert word not in text


def test_public_pdf_of_approved_minutes_is_the_public_archive_copy(meeting, world, client_for):
    _approve(meeting, world)
    services.minutes_publish(meeting=meeting, by=world.users["secretary"])

    data = _download(client_for(None), meeting, public=True)

    copy = MinutesArchive.objects.get(meeting=meeting, version="public")
    assert hashlib.sha256(data).hexdigest() == copy.sha256
    assert "UTKAST" not in _text(data)
