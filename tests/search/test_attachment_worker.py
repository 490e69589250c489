"""The whole way with a real Celery worker: the secretary uploads through the form, the commit
hands the outbox message to Redis, the worker reads the file and writes the entry, and the
search through the view finds it for those who may open the file, and for no one else."""

import datetime
import time

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Attachment
from samarbeid.outbox.models import OutboxMessage
from search.models import SearchEntry
from tests.infra.worker import celery_worker_process, unique_queue_name
from tests.search.attachment_files import (
    DOCX_MARKER,
    DOCX_TABLE_MARKER,
    PDF_MARKER,
    XLSX_MARKER,
    broken_pdf_bytes,
    docx_bytes,
    found_titles,
    pdf_bytes,
    upload,
    xlsx_bytes,
)

pytestmark = [pytest.mark.worker, pytest.mark.postgres]
TASK = "meetings.tasks.extract_attachment_text"
WAIT = 120


def _wait_until_done(count: int, worker) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if OutboxMessage.objects.filter(task=TASK, state="done").count() == count:
            return
        time.sleep(0.1)
    states = list(OutboxMessage.objects.filter(task=TASK).values_list("state", "last_error"))
    raise AssertionError(f"{states}\nworker log:\n{worker.log()}")


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_reads_the_uploaded_files_into_the_search(
    postgres, world, client_for, settings, tmp_path
):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": "/media/"},
        },
    }
    queue = unique_queue_name("attachment-text")
    # The commit hands the messages to this queue, where only our worker listens.
    settings.OUTBOX_QUEUE = queue
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte om vinterdrift",
        starts_at=timezone.make_aware(datetime.datetime(2025, 1, 13, 10)),
        standing_cases=False,
    )
    case = services.case_add(meeting=meeting, title="Vinterdrift")
    db = connection.settings_dict
    env = {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "MEDIA_ROOT": str(media),
    }
    secretary = client_for(world.users["secretary"])
    with celery_worker_process(queue, env=env) as worker:
        files = [
            ("Befaring.pdf", pdf_bytes(PDF_MARKER), {}),
            (
                "Notat.docx",
                docx_bytes(DOCX_MARKER, cell=DOCX_TABLE_MARKER),
                {"confidential": "on", "case": case.pk},
            ),
            ("Budsjett.xlsx", xlsx_bytes(XLSX_MARKER), {"case": case.pk}),
            ("Skadet.pdf", broken_pdf_bytes(), {"title": "Skadet skanning"}),
        ]
        for name, content, data in files:
            response = upload(secretary, meeting, name, content, **data)
            assert response.status_code == 302, name
        _wait_until_done(4, worker)
        assert "extract_attachment_text" in worker.log() or "outbox.deliver" in worker.log()

        # The broken PDF: the task completed once, no text, found by its title.
        broken = Attachment.objects.get(original_name="Skadet.pdf")
        message = OutboxMessage.objects.get(key=f"attachment-text:{broken.pk}")
        assert message.attempts == 1 and message.last_error == ""
        # Its body is the file name alone (a title is shown instead of it), no text.
        assert SearchEntry.objects.get(kind="attachment", object_id=broken.pk).body == "Skadet.pdf"
        assert "No text read from attachment 'Skadet.pdf'" in worker.log()

        member = client_for(world.users["member"])
        assert found_titles(member, PDF_MARKER) == ["Befaring.pdf"]
        assert found_titles(member, DOCX_MARKER) == ["Notat.docx"]
        assert found_titles(member, DOCX_TABLE_MARKER) == ["Notat.docx"]
        assert found_titles(member, XLSX_MARKER) == ["Budsjett.xlsx"]
        assert found_titles(member, "skanning") == ["Skadet skanning"]
        outsider = client_for(world.users["outsider"])
        for marker in (PDF_MARKER, DOCX_MARKER, XLSX_MARKER):
            assert found_titles(outsider, marker) == []

        # Removed through the page: gone from the search in the same transaction.
        budget = Attachment.objects.get(original_name="Budsjett.xlsx")
        url = reverse("meetings:attachment_remove", args=[meeting.pk, budget.pk])
        # One test client, logged in as each role in turn.
        assert client_for(world.users["secretary"]).post(url).status_code == 302
        assert found_titles(client_for(world.users["member"]), XLSX_MARKER) == []

    services.minutes_approve(meeting=meeting, by=None)
    reader = client_for(world.users["reader"])
    assert found_titles(reader, PDF_MARKER) == ["Befaring.pdf"]
    # Confidential: the group's member finds it, the reader from Grue does not.
    assert found_titles(reader, DOCX_MARKER) == []
    assert found_titles(client_for(world.users["member"]), DOCX_MARKER) == ["Notat.docx"]
    assert SearchEntry.objects.filter(kind="attachment").count() == 3
