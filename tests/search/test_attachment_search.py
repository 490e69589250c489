"""Attachment text in the signed-in search: uploaded through the form, read by the outbox task
(run here, as the embedded default without a worker does), found by whoever may open the file
from the meeting page, and by no one else."""

import datetime
import io
import logging
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from meetings import attachment_text, attachments, services
from meetings.models import Attachment
from samarbeid.outbox import services as outbox
from samarbeid.outbox.models import OutboxMessage
from search import attachment_index
from search.models import SearchEntry
from tests.search.attachment_files import (
    DOCX_MARKER,
    DOCX_TABLE_MARKER,
    EXEMPT_FILE_MARKER,
    PDF_MARKER,
    XLSX_MARKER,
    broken_pdf_bytes,
    docx_bytes,
    encrypted_pdf_bytes,
    found_titles,
    pdf_bytes,
    upload,
    xlsx_bytes,
    zip_bomb_docx_bytes,
)
from tests.search.test_search_views import results

TASK = "meetings.tasks.extract_attachment_text"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": "/media/"},
        },
    }
    return root


@pytest.fixture(autouse=True)
def eager(settings):
    # As the embedded default (no Redis): the outbox delivers in this process after commit.
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def meeting(world):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte om skoleskyss",
        starts_at=timezone.make_aware(datetime.datetime(2024, 5, 6, 10)),
        standing_cases=False,
    )
    services.case_add(meeting=meeting, title="Skoleskyss")
    services.case_add(
        meeting=meeting, title="Personalsak", exempt_from_public=True, legal_basis="offl. § 13"
    )
    return meeting


@pytest.fixture
def uploaded(world, client_for, meeting, django_capture_on_commit_callbacks):
    """The secretary attaches four files through the form; each commit runs the task."""
    client = client_for(world.users["secretary"])
    open_case, exempt_case = meeting.cases.order_by("position")
    files = [
        ("Referat.pdf", pdf_bytes(PDF_MARKER), {"title": "Referat fra befaringen"}),
        (
            "Skyssnotat.docx",
            docx_bytes(DOCX_MARKER, cell=DOCX_TABLE_MARKER),
            {"confidential": "on", "case": open_case.pk},
        ),
        ("Budsjett.xlsx", xlsx_bytes(XLSX_MARKER), {"case": open_case.pk}),
        ("Forhandlinger.pdf", pdf_bytes(EXEMPT_FILE_MARKER), {"case": exempt_case.pk}),
    ]
    for name, content, data in files:
        with django_capture_on_commit_callbacks(execute=True):
            response = upload(client, meeting, name, content, **data)
        assert response.status_code == 302, response.content.decode()[:2000]
    assert OutboxMessage.objects.filter(task=TASK, state="done").count() == 4
    return {a.original_name: a for a in Attachment.objects.all()}


def approve(meeting):
    services.minutes_approve(meeting=meeting, by=None)


def test_the_groups_member_finds_the_text_of_every_file_with_a_snippet(world, client_for, uploaded):
    client = client_for(world.users["member"])
    assert found_titles(client, PDF_MARKER) == ["Referat fra befaringen"]
    assert found_titles(client, DOCX_MARKER) == ["Skyssnotat.docx"]
    assert found_titles(client, DOCX_TABLE_MARKER) == ["Skyssnotat.docx"]
    assert found_titles(client, XLSX_MARKER) == ["Budsjett.xlsx"]
    assert found_titles(client, EXEMPT_FILE_MARKER) == ["Forhandlinger.pdf"]
    # The file name is searched when a title is shown instead of it.
    assert found_titles(client, "referat.pdf") == ["Referat fra befaringen"]
    params = {"q": PDF_MARKER.lower(), "kind": "attachment"}
    response = client.get(reverse("search:results"), params)
    page = response.content.decode()
    assert f"<mark>{PDF_MARKER}</mark> i Våler og Åsnes" in page
    pdf = uploaded["Referat.pdf"]
    assert reverse("meetings:attachment_download", args=[pdf.meeting_id, pdf.pk]) in page
    assert '<option value="attachment" selected>Vedlegg</option>' in page
    assert "Vedlegg · " in page


def test_the_kind_filter_offers_attachments_and_keeps_other_kinds_out(world, client_for, uploaded):
    client = client_for(world.users["member"])
    assert found_titles(client, "skoleskyss", kind="attachment") == []
    assert found_titles(client, XLSX_MARKER, kind="case") == []
    assert found_titles(client, XLSX_MARKER, kind="attachment", year=2024) == ["Budsjett.xlsx"]
    assert found_titles(client, XLSX_MARKER, kind="attachment", year=2023) == []
    page = client.get(reverse("search:results")).content.decode()
    assert '<option value="attachment">Vedlegg</option>' in page


def test_a_moved_meeting_moves_its_files_in_the_year_filter(world, client_for, meeting, uploaded):
    moved = timezone.make_aware(datetime.datetime(2025, 1, 8, 10))
    services.meeting_update(
        meeting=meeting, changes={"starts_at": moved}, seen_updated_at=meeting.updated_at
    )
    client = client_for(world.users["member"])
    assert found_titles(client, XLSX_MARKER, year=2025) == ["Budsjett.xlsx"]
    assert found_titles(client, XLSX_MARKER, year=2024) == []
    entry = SearchEntry.objects.get(kind="attachment", object_id=uploaded["Budsjett.xlsx"].pk)
    assert entry.dated == moved and entry.body.endswith("125000")


def test_a_reader_from_another_municipality_gets_open_files_of_approved_minutes_only(
    world, client_for, meeting, uploaded
):
    client = client_for(world.users["reader"])
    # Draft minutes are the group's: nothing yet.
    for marker in (PDF_MARKER, DOCX_MARKER, XLSX_MARKER, EXEMPT_FILE_MARKER):
        assert found_titles(client, marker) == []
    approve(meeting)
    assert found_titles(client, PDF_MARKER) == ["Referat fra befaringen"]
    assert found_titles(client, XLSX_MARKER) == ["Budsjett.xlsx"]
    # Confidential, and on an exempt case: the group's insiders only, as on the meeting page.
    for marker in (DOCX_MARKER, DOCX_TABLE_MARKER, EXEMPT_FILE_MARKER):
        response = client.get(reverse("search:results"), {"q": marker})
        assert marker not in results(response)
        assert response.context["page"].paginator.count == 0
    # The same answer as the download: open for the one found, 404 for the others.
    for name, status in [("Referat.pdf", 200), ("Skyssnotat.docx", 404)]:
        attachment = uploaded[name]
        url = reverse("meetings:attachment_download", args=[meeting.pk, attachment.pk])
        response = client.get(url)
        assert response.status_code == status
        if status == 200:
            b"".join(response.streaming_content)


def test_the_insiders_still_find_the_confidential_file_after_approval(
    world, client_for, meeting, uploaded
):
    approve(meeting)
    for role in ("member", "secretary", "project_admin", "portal_admin"):
        client = client_for(world.users[role])
        assert found_titles(client, DOCX_MARKER) == ["Skyssnotat.docx"], role
        assert found_titles(client, EXEMPT_FILE_MARKER) == ["Forhandlinger.pdf"], role


def test_an_outsider_and_the_director_find_nothing_until_they_may(
    world, client_for, meeting, uploaded
):
    outsider = client_for(world.users["outsider"])
    for marker in (PDF_MARKER, DOCX_MARKER, XLSX_MARKER, EXEMPT_FILE_MARKER):
        assert found_titles(outsider, marker) == []
    approve(meeting)
    services.minutes_publish(meeting=meeting, by=world.users["secretary"])
    # Published, yet the outsider reads the published version: its public search has no files.
    for marker in (PDF_MARKER, DOCX_MARKER, XLSX_MARKER, EXEMPT_FILE_MARKER):
        assert found_titles(outsider, marker) == []
    public = client_for(None).get(reverse("meetings:public_search"), {"q": PDF_MARKER})
    assert public.status_code == 200
    assert public.context["page"].paginator.count == 0
    director = client_for(world.users["director"])
    assert found_titles(director, PDF_MARKER) == ["Referat fra befaringen"]
    assert found_titles(director, DOCX_MARKER) == []


def test_anonymous_is_sent_to_log_in(client_for, uploaded):
    response = client_for(None).get(reverse("search:results"), {"q": PDF_MARKER})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_removed_attachment_is_no_longer_found(world, client_for, meeting, uploaded):
    pdf = uploaded["Referat.pdf"]
    secretary = client_for(world.users["secretary"])
    url = reverse("meetings:attachment_remove", args=[meeting.pk, pdf.pk])
    assert secretary.post(url).status_code == 302
    assert not SearchEntry.objects.filter(kind="attachment", object_id=pdf.pk).exists()
    assert found_titles(client_for(world.users["member"]), PDF_MARKER) == []
    # A late delivery of its message finds the attachment gone and writes nothing.
    assert attachment_index.index_attachment(pdf.pk) is False
    assert not SearchEntry.objects.filter(kind="attachment", object_id=pdf.pk).exists()


def test_running_the_task_again_gives_one_entry(world, uploaded):
    pdf = uploaded["Referat.pdf"]
    message = OutboxMessage.objects.get(key=f"attachment-text:{pdf.pk}")
    # The outbox never runs a done message twice; the task itself may run again.
    assert outbox.deliver(message.pk) is False
    before = list(SearchEntry.objects.filter(kind="attachment").values_list("object_id", "body"))
    assert attachment_index.index_attachment(pdf.pk) is True
    assert attachment_index.index_attachment(pdf.pk) is True
    after = list(SearchEntry.objects.filter(kind="attachment").values_list("object_id", "body"))
    assert sorted(after) == sorted(before)
    assert SearchEntry.objects.filter(kind="attachment", object_id=pdf.pk).count() == 1


@pytest.mark.parametrize(
    ("name", "build", "reason"),
    [
        ("Ødelagt.pdf", broken_pdf_bytes, ""),
        ("Låst.pdf", lambda: encrypted_pdf_bytes(PDF_MARKER), "encrypted"),
        ("Bombe.docx", lambda: zip_bomb_docx_bytes(8 * 1024 * 1024), "packs"),
    ],
)
def test_a_file_that_cannot_be_read_is_found_by_name_and_the_task_completes(
    world, client_for, meeting, caplog, django_capture_on_commit_callbacks, name, build, reason
):
    secretary = client_for(world.users["secretary"])
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        response = upload(secretary, meeting, name, build())
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    message = OutboxMessage.objects.get(key=f"attachment-text:{attachment.pk}")
    assert message.state == "done" and message.attempts == 1
    warning = [r for r in caplog.records if r.name == "meetings.attachment_text"]
    assert warning and name in warning[0].getMessage() and reason in warning[0].getMessage()
    entry = SearchEntry.objects.get(kind="attachment", object_id=attachment.pk)
    assert entry.body == ""
    stem = name.split(".")[0].lower()
    assert found_titles(client_for(world.users["member"]), stem) == [name]


def test_the_text_is_capped(world, meeting, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(attachment_text, "MAX_CHARS", 40)
    monkeypatch.setattr(attachment_text, "MAX_XLSX_CELLS", 4)

    with django_capture_on_commit_callbacks(execute=True):
        attachment = attachments.attachment_add(
            meeting=meeting,
            upload=ContentFile(xlsx_bytes(XLSX_MARKER), name="Stort.xlsx"),
            by=world.users["secretary"],
        )
    body = SearchEntry.objects.get(kind="attachment", object_id=attachment.pk).body
    assert body == f"Budsjett 2025\nPost Beløp\n{XLSX_MARKER} 125000"[:40]
    text = attachment_text.extract_text(xlsx_bytes("x" * 100), attachments.XLSX)
    assert len(text) == 40


def test_reading_stops_with_the_text_so_far_when_the_time_is_up(monkeypatch, caplog):
    monkeypatch.setattr(attachment_text, "TIME_BUDGET_SECONDS", -1)
    with caplog.at_level(logging.WARNING):
        text = attachment_text.extract_text(
            docx_bytes(DOCX_MARKER, cell=DOCX_TABLE_MARKER), attachments.DOCX, name="Treg.docx"
        )
    assert text == f"Saksutredning: {DOCX_MARKER} for skoleåret."
    assert "Stopped reading attachment 'Treg.docx'" in caplog.text


def test_an_image_is_found_by_its_title(
    world, client_for, meeting, django_capture_on_commit_callbacks
):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    with django_capture_on_commit_callbacks(execute=True):
        upload(
            client_for(world.users["secretary"]),
            meeting,
            "kart.png",
            buffer.getvalue(),
            title="Tomtekart over Flisa",
        )
    assert found_titles(client_for(world.users["member"]), "tomtekart") == ["Tomtekart over Flisa"]


def _attachment_rows():
    return sorted(
        SearchEntry.objects.filter(kind="attachment").values_list(
            "object_id", "title", "body", "url", "project_id", "group_id", "year", "dated"
        )
    )


def test_the_rebuild_keeps_attachment_entries_and_reads_a_lost_one_again(
    world, client_for, meeting, uploaded, django_capture_on_commit_callbacks
):
    written = _attachment_rows()
    pdf, xlsx = uploaded["Referat.pdf"], uploaded["Budsjett.xlsx"]
    # A lost entry, a stale one (its attachment is gone) and a title changed behind our back.
    SearchEntry.objects.filter(kind="attachment", object_id=pdf.pk).delete()
    SearchEntry.objects.create(
        kind="attachment",
        object_id=Attachment.objects.order_by("-pk").first().pk + 1000,
        project=world.project,
        dated=meeting.starts_at,
        title="Gammelt vedlegg",
        url="/",
    )
    SearchEntry.objects.filter(kind="attachment", object_id=xlsx.pk).update(title="Feil tittel")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_search_index", stdout=StringIO())
    assert _attachment_rows() == written
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_search_index", stdout=StringIO())
    assert _attachment_rows() == written
    member = client_for(world.users["member"])
    assert found_titles(member, PDF_MARKER) == ["Referat fra befaringen"]
    assert found_titles(member, "gammelt") == []


def test_the_first_deploy_with_attachment_search_queues_every_file_once(
    world, client_for, uploaded, django_capture_on_commit_callbacks
):
    written = _attachment_rows()
    # As before this feature: files, but no entries and no message to read them.
    SearchEntry.objects.filter(kind="attachment").delete()
    OutboxMessage.objects.filter(task=TASK).delete()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_search_index", "--if-empty", stdout=out)
    assert "attachment: 4" in out.getvalue()
    assert _attachment_rows() == written
    out = StringIO()
    call_command("rebuild_search_index", "--if-empty", stdout=out)
    assert "nothing rebuilt" in out.getvalue()
