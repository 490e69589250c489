"""Importing Word minutes (issue 15): upload, preview beside the original, correct, import.

The .docx files are built in the tests with python-docx (tests/meetings/word_fixtures.py) from
the seed layouts, and posted through the pages as the secretary's browser sends them.
"""

import datetime
import io
import os
import threading
import time
import zipfile

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings import imports, services, tasks, word_import
from meetings.models import ActionItem, Attachment, Case, Meeting, Participant
from projects import services as project_services
from projects.models import Person
from tests.meetings import word_fixtures

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def as_role(world, client_for):
    def _client(role):
        client = client_for(world.users[role])
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _client


def upload(client, group, content, name="Referat.docx"):
    return client.post(
        reverse("meetings:word_import", args=[group.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def browser_data(form, **changes) -> dict:
    """The import form as a browser posts it: every field's shown value, ticked boxes as "on"."""
    data = {}
    for field in form:
        value = field.value()
        if field.widget_type == "checkbox":
            if value:
                data[field.html_name] = "on"
        elif isinstance(value, datetime.date):
            data[field.html_name] = value.isoformat()
        elif value is not None:
            data[field.html_name] = value
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def preview(client, group, content, name="Referat.docx"):
    response = upload(client, group, content, name)
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(response["Location"])
    assert page.status_code == 200
    return response["Location"], page


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def file_error(response) -> str:
    assert response.status_code == 200
    form = response.context["form"]
    return " ".join(form.errors.get("file", []) + form.non_field_errors())


# --- The NAV layout: numbered cases, decisions, the action table ---------------------------


def test_secretary_imports_nav_minutes_with_their_numbers_decisions_and_action_table(
    world, as_role, media, django_capture_on_commit_callbacks
):
    group = world.steering_group
    merete = project_services.person_create(name="Merete Troli", organisation=world.valer)
    project_services.group_membership_add(group=group, person=merete, role="member")
    client = as_role("secretary")
    content = word_fixtures.nav_minutes()
    url, page = preview(client, group, content, "Referat 29.11.18.docx")
    html = page.content.decode()
    assert "Referat fra møte i styringsgruppen NAV i Nordland i en ny tid" in html
    assert "Sjekke endringer i kommuneloven" in html
    assert "(member)" in html  # Merete Troli matched to the group's member
    assert "(as written)" in html  # Knut Erik Dahlmo is not a member: kept as text
    form = page.context["form"]
    assert [form[f"case_{i}_number"].value() for i in range(4)] == ["1/18", "2/18", "3/18", "4/18"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, browser_data(form))
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.imported_from == "Referat 29.11.18.docx"
    assert meeting.status == Meeting.Status.HELD
    assert meeting.minutes_status == Meeting.MinutesStatus.DRAFT
    local = timezone.localtime(meeting.starts_at)
    assert (local.date(), local.time()) == (datetime.date(2018, 11, 29), datetime.time(11, 0))
    assert timezone.localtime(meeting.ends_at).time() == datetime.time(14, 30)
    assert meeting.room == "NAV Nordland, møterom Suliskongen"
    assert meeting.secretary.name == "Knut Erik Dahlmo"
    assert meeting.numbers_settled
    cases = list(meeting.cases.order_by("position"))
    assert [(c.number, c.year, c.title) for c in cases] == [
        (1, 2018, "Referat 14.9.18"),
        (2, 2018, "Status piloter"),
        (3, 2018, "Samarbeidsforum"),
        (4, 2018, "Eventuelt"),
    ]
    assert cases[1].presenter == "prosjektleder"
    assert cases[3].kind == Case.Kind.ANY_OTHER_BUSINESS
    assert cases[0].decision == "<p>Godkjent uten kommentarer.</p>"
    assert cases[1].decision == "<p>Styringsgruppa tar orienteringen til etterretning.</p>"
    assert cases[2].notes.startswith("<p>Fylkesmannen ber")
    items = list(ActionItem.objects.filter(case=cases[2]).order_by("id"))
    assert [(i.deadline, i.deadline_as_written) for i in items] == [
        (datetime.date(2018, 12, 7), "07.12.2018"),
        (datetime.date(2018, 12, 21), "uke 51"),  # Friday of week 51
        (datetime.date(2018, 12, 21), "uke 51"),  # the merged cell counts for both rows
        (None, ""),
    ]
    assert items[0].responsible_note == "Knut Erik Dahlmo"
    assert list(items[1].responsible_people.all()) == [merete]
    assert items[3].responsible_group == group  # "Alle"
    attendance = {p.person.name: p for p in meeting.participants.select_related("person")}
    assert attendance["Espen Strøm"].role == "hovedtillitsvalgt"
    assert attendance["Åshild Nordnes"].attendance == Participant.Attendance.SUBSTITUTE
    assert attendance["Åshild Nordnes"].substitute_for.name == "Amund Eriksen"
    assert attendance["Mona Halsbakk"].attendance == Participant.Attendance.ABSENT
    assert attendance["Merete Troli"].person == merete  # the member, not a new person
    assert "Knut Erik Dahlmo" not in attendance  # the secretary is named as such
    assert "Imported from Word" in client.get(meeting.get_absolute_url()).content.decode()
    attachment = Attachment.objects.get()
    assert (attachment.meeting, attachment.original_name) == (meeting, "Referat 29.11.18.docx")
    assert attachment.file.read() == content
    # The waiting copy is gone once imported: only the attachment is stored.
    assert len(stored_files(media)) == 1
    # The preview cannot import twice: it leads to the meeting it became.
    again = client.get(url)
    assert (again.status_code, again["Location"]) == (302, meeting.get_absolute_url())


def test_the_secretary_corrects_numbers_titles_and_drops_what_is_no_case(world, as_role):
    client = as_role("secretary")
    url, page = preview(client, world.steering_group, word_fixtures.nav_minutes())
    data = browser_data(
        page.context["form"],
        title="Styringsgruppemøte 29.11.18",
        case_0_number="7/18",
        case_1_title="Status i pilotene",
        case_2_exempt="on",
        case_3_include=None,
    )
    response = client.post(url, data)
    assert response.context["form"].errors["case_2_legal_basis"] == [
        "Give the legal basis for exempting the case, e.g. offl. § 14."
    ]
    assert not Meeting.objects.exists()
    assert client.post(url, {**data, "case_2_legal_basis": "offl. § 14"}).status_code == 302
    meeting = Meeting.objects.get()
    exempt = meeting.cases.get(number=3)
    assert (exempt.exempt_from_public, exempt.legal_basis) == (True, "offl. § 14")
    assert not meeting.cases.get(number=2).exempt_from_public
    assert meeting.title == "Styringsgruppemøte 29.11.18"
    assert list(meeting.cases.order_by("position").values_list("number", "title")) == [
        (7, "Referat 14.9.18"),
        (2, "Status i pilotene"),
        (3, "Samarbeidsforum"),
    ]


def test_a_number_already_taken_is_refused_and_nothing_is_imported(world, as_role):
    taken = services.meeting_plan(
        group=world.steering_group,
        title="Tidligere møte",
        starts_at=timezone.make_aware(datetime.datetime(2018, 9, 14, 11)),
        standing_cases=False,
    )
    services.case_add(meeting=taken, title="Budsjett")  # 1/18
    client = as_role("secretary")
    url, page = preview(client, world.steering_group, word_fixtures.nav_minutes())
    response = client.post(url, browser_data(page.context["form"]))
    assert response.status_code == 200
    assert "Case 1/18 already exists in the group." in response.content.decode()
    assert Meeting.objects.count() == 1
    assert not Attachment.objects.exists()
    # Left without a number, it takes the next after those written: the others keep theirs.
    data = browser_data(response.context["form"], case_0_number="")
    assert client.post(url, data).status_code == 302
    imported = Meeting.objects.exclude(pk=taken.pk).get()
    assert list(imported.cases.order_by("position").values_list("number", flat=True)) == [
        5,
        2,
        3,
        4,
    ]


# --- The VÅG layout: prose, the agenda's items as headings ---------------------------------


def test_secretary_imports_the_vag_minutes_in_prose(world, as_role):
    client = as_role("secretary")
    url, page = preview(client, world.steering_group, word_fixtures.vag_minutes())
    html = page.content.decode()
    assert "The heading names an agenda item with other words around it." in html
    assert "Read from a sentence, not a table." in html
    assert client.post(url, browser_data(page.context["form"])).status_code == 302
    meeting = Meeting.objects.get()
    assert timezone.localtime(meeting.starts_at).date() == datetime.date(2022, 6, 28)
    assert meeting.date_only
    assert meeting.room == "Teams"
    titles = set(meeting.cases.values_list("title", flat=True))
    assert titles == {
        "Revidert mandat arbeidsgruppe ergo, fysio, friskliv",
        "Leder arbeidsgruppe økonomi",
        "Eventuelt",
        "HR Prosjekt – tilbakemelding fra arbeidsgruppene",
    }
    assert meeting.participants.filter(attendance="present").count() == 6
    guest = meeting.participants.get(attendance="guest")
    assert (guest.person.name, guest.note) == ("Silje Randby Trane", "fra HR Prosjekt")
    leader = meeting.cases.get(title="Leder arbeidsgruppe økonomi")
    assert "<strong>Ole Frode tar ansvar" in leader.notes
    assert set(leader.action_items.values_list("responsible_note", flat=True)) == {
        "Grue",
        "Ole Frode",
    }


def test_importer_sent_twice_makes_one_meeting(world, as_role):
    client = as_role("secretary")
    url, page = preview(client, world.steering_group, word_fixtures.vag_minutes())
    data = browser_data(page.context["form"])
    first = client.post(url, data)
    assert first.status_code == 302
    again = client.post(url, data, follow=True)
    meeting = Meeting.objects.get()
    assert again.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert "These minutes were imported already" in again.content.decode()
    assert meeting.cases.count() == 4
    assert Attachment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_tabs_importing_the_same_preview_at_once_make_one_meeting(
    world, postgres, client_for, monkeypatch
):
    """Both requests reach the meeting's insert together; the unique key lets one through."""
    secretary = world.users["secretary"]
    client = client_for(secretary)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    url, page = preview(client, world.steering_group, word_fixtures.vag_minutes())
    data = browser_data(page.context["form"])
    both_ready = threading.Barrier(2, timeout=20)
    real_plan = imports.services.meeting_plan

    def wait_then_plan(**kwargs):
        both_ready.wait()
        return real_plan(**kwargs)

    monkeypatch.setattr(imports.services, "meeting_plan", wait_then_plan)
    answers = []

    def send():
        tab = Client()
        tab.cookies = client.cookies
        try:
            answers.append(tab.post(url, data))
        finally:
            connection.close()

    tabs = [threading.Thread(target=send) for _ in range(2)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join(60)
    meeting = Meeting.objects.get()
    assert sorted(answer.status_code for answer in answers) == [302, 302]
    assert {answer["Location"] for answer in answers} == {meeting.get_absolute_url()}
    assert meeting.cases.count() == 4
    assert Attachment.objects.count() == 1


def test_a_header_laid_out_as_a_table_is_read(world, as_role):
    client = as_role("secretary")
    url, page = preview(client, world.steering_group, word_fixtures.table_header_minutes())
    assert "Elin Gundersen – Present, hovedtillitsvalgt" in page.content.decode()
    assert client.post(url, browser_data(page.context["form"])).status_code == 302
    meeting = Meeting.objects.get()
    local = timezone.localtime(meeting.starts_at)
    assert (local.date(), local.time()) == (datetime.date(2019, 3, 1), datetime.time(11, 0))
    assert timezone.localtime(meeting.ends_at).time() == datetime.time(14, 0)
    assert meeting.room == "NAV Nordland, møterom Suliskongen"
    assert meeting.secretary.name == "Knut Erik Dahlmo"
    attendance = {
        p.person.name: (p.attendance, p.role) for p in meeting.participants.select_related("person")
    }
    assert attendance == {
        "Elin Gundersen": ("present", "hovedtillitsvalgt"),
        "Cato Rødsand": ("present", "NAV Lurøy"),
        "Amund Eriksen": ("absent", "rådmann Hemnes kommune"),
    }
    assert list(meeting.cases.values_list("number", "year", "title")) == [
        (1, 2019, "Referat 29.11.18"),
        (2, 2019, "Status piloter"),
    ]


# --- Missing header -----------------------------------------------------------------------


def test_minutes_without_a_header_need_the_date_before_they_are_imported(world, as_role):
    client = as_role("secretary")
    url, page = preview(client, world.steering_group, word_fixtures.headerless_minutes())
    assert "No date found in the header." in page.content.decode()
    form = page.context["form"]
    response = client.post(url, browser_data(form))
    assert response.status_code == 200
    assert response.context["form"].errors["day"]
    assert not Meeting.objects.exists()
    data = browser_data(form, day="2019-02-01", title="Styringsgruppemøte")
    assert client.post(url, data).status_code == 302
    meeting = Meeting.objects.get()
    assert timezone.localtime(meeting.starts_at).date() == datetime.date(2019, 2, 1)
    assert list(meeting.cases.values_list("number", "year")) == [(5, 2019), (6, 2019)]
    assert meeting.cases.get(number=5).decision == "<p>Budsjettet tas til orientering.</p>"
    assert set(meeting.participants.values_list("person__name", flat=True)) == {
        "Kari Nordmann",
        "Ola Hansen",
    }


# --- Who may ------------------------------------------------------------------------------


def test_a_member_who_is_not_the_secretary_may_not_import(world, as_role):
    group = world.steering_group
    member = as_role("member")
    assert member.get(reverse("meetings:word_import", args=[group.pk])).status_code == 404
    assert upload(member, group, word_fixtures.nav_minutes()).status_code == 404
    assert not Meeting.objects.exists()


def test_nobody_else_reaches_the_secretarys_waiting_file(world, as_role):
    group = world.steering_group
    url, _page = preview(as_role("secretary"), group, word_fixtures.nav_minutes())
    assert as_role("project_admin").get(url).status_code == 404
    assert (
        as_role("project_admin").post(url, {"title": "x", "day": "2018-11-29"}).status_code == 404
    )
    forged = reverse("meetings:word_import_preview", args=[group.pk, "0" * 32])
    assert as_role("secretary").get(forged).status_code == 404
    assert not Meeting.objects.exists()


def test_at_most_five_previews_wait_and_the_oldest_makes_way(world, as_role, media):
    client = as_role("secretary")
    urls = [preview(client, world.steering_group, word_fixtures.nav_minutes())[0] for _ in range(6)]
    assert len(stored_files(media)) == 5
    assert client.get(urls[0]).status_code == 404
    assert client.get(urls[-1]).status_code == 200


def test_the_hourly_sweep_deletes_only_files_left_waiting_over_a_day(world, as_role, media):
    client = as_role("secretary")
    abandoned, _page = preview(client, world.steering_group, word_fixtures.nav_minutes())
    fresh, page = preview(client, world.steering_group, word_fixtures.vag_minutes())
    old_file, new_file = sorted(stored_files(media), key=lambda path: path.stat().st_mtime)
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(old_file, (two_days_ago, two_days_ago))

    assert tasks.word_import_sweep() == 1
    assert stored_files(media) == [new_file]
    # The abandoned preview says it is gone; the fresh one still imports.
    assert client.get(abandoned).status_code == 404
    assert client.post(fresh, browser_data(page.context["form"])).status_code == 302
    assert tasks.word_import_sweep() == 0


def test_the_sweep_is_on_beats_schedule(settings):
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "meetings.tasks.word_import_sweep" in tasks_scheduled


# --- Bad input ----------------------------------------------------------------------------


def _ole(*streams: str) -> bytes:
    """An OLE compound file's signature and directory names: what .doc and encrypted files are."""
    names = b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in streams)
    return word_import.OLE_SIGNATURE + b"\x00" * 504 + names + b"\x00" * 1024


def _repacked(extra: dict[str, bytes], *, content_types: bytes | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(word_fixtures.nav_minutes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if content_types is not None and member.filename == "[Content_Types].xml":
                data = content_types
            target.writestr(member.filename, data)
        for name, data in extra.items():
            target.writestr(name, data)
    return buffer.getvalue()


def _macro_types() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(word_fixtures.nav_minutes()))
    return source.read("[Content_Types].xml").replace(
        b"document.main+xml", b"document.macroEnabled.main+xml"
    )


BAD_FILES = [
    ("Referat.doc", lambda: _ole("WordDocument", "1Table"), "This is the old Word format (.doc)."),
    ("Referat.docm", word_fixtures.nav_minutes, "Documents with macros (.docm) are not imported."),
    (
        "Referat.docx",
        lambda: _repacked({"word/vbaProject.bin": b"\x00" * 64}, content_types=_macro_types()),
        "Documents with macros (.docm) are not imported.",
    ),
    (
        "Referat.docx",
        lambda: _ole("EncryptionInfo", "EncryptedPackage"),
        "The file is password-protected.",
    ),
    (
        "Referat.docx",
        lambda: _repacked({"word/media/image1.png": b"\x00" * (20 * 1024 * 1024)}),
        "The file is packed suspiciously tightly (a zip bomb?)",
    ),
    ("Referat.docx", word_fixtures.not_minutes, "No cases were found in the document."),
    ("Referat.docx", word_fixtures.empty_document, "No cases were found in the document."),
    ("Referat.pdf", lambda: b"%PDF-1.4\n%%EOF\n", "Choose a Word document (.docx)."),
]


@pytest.mark.parametrize(("name", "build", "message"), BAD_FILES)
def test_bad_files_get_their_reason_and_nothing_is_created(
    world, as_role, media, name, build, message
):
    response = upload(as_role("secretary"), world.steering_group, build(), name)
    assert message in file_error(response)
    assert not Meeting.objects.exists()
    assert stored_files(media) == []


def test_a_member_too_large_to_unpack_is_refused(world, as_role, media, monkeypatch):
    monkeypatch.setattr(word_import, "MAX_MEMBER_BYTES", 1024 * 1024)
    noise = bytes(range(256)) * (8 * 1024)  # 2 MB that does not compress away: no bomb
    content = _repacked({"word/media/image1.bin": noise})
    response = upload(as_role("secretary"), world.steering_group, content)
    assert "The document unpacks to more than 1 MB" in file_error(response)
    assert not Meeting.objects.exists()


def test_the_reasons_are_in_norwegian(world, client_for):
    client = client_for(world.users["secretary"])
    response = upload(client, world.steering_group, _ole("WordDocument"), "Referat.doc")
    assert "Dette er det gamle Word-formatet (.doc)." in file_error(response)


# --- Nothing half-imported ----------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_import_failing_halfway_leaves_nothing(world, as_role, media, postgres, monkeypatch):
    client = as_role("secretary")
    url, page = preview(client, world.steering_group, word_fixtures.nav_minutes())
    people_before = Person.objects.count()
    real_add = services.action_item_add
    calls = []

    def fail_on_the_third(**kwargs):
        calls.append(kwargs)
        if len(calls) == 3:
            from django.core.exceptions import ValidationError

            raise ValidationError("Lagringen feilet midt i importen.")
        return real_add(**kwargs)

    monkeypatch.setattr(imports.services, "action_item_add", fail_on_the_third)
    response = client.post(url, browser_data(page.context["form"]))
    assert response.status_code == 200
    assert "Lagringen feilet midt i importen." in response.content.decode()
    assert len(calls) == 3
    assert not Meeting.objects.exists()
    assert not Case.objects.exists()
    assert not ActionItem.objects.exists()
    assert not Attachment.objects.exists()
    assert Person.objects.count() == people_before
    # Only the waiting copy is stored: the secretary can try again.
    assert len(stored_files(media)) == 1
    monkeypatch.setattr(imports.services, "action_item_add", real_add)
    assert client.post(url, browser_data(page.context["form"])).status_code == 302
    assert ActionItem.objects.count() == 4
