"""The archive task crosses the broker to a real Celery worker, which forks the rendering."""

import datetime
import hashlib

import pytest
from django.db import connection
from django.utils import timezone

from meetings import services
from meetings.models import MinutesArchive
from samarbeid.celery import app as celery_app
from tests import outbox_helpers
from tests.infra.worker import celery_worker_process, unique_queue_name
from tests.pdf.helpers import pdf_text, xmp_text


@pytest.mark.worker
@pytest.mark.postgres
def test_a_real_worker_files_the_archive_copies_once(
    transactional_db, postgres, world, settings, tmp_path, monkeypatch
):
    media = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": "/media/"},
        },
    }
    # The approval's own queuing goes nowhere here; the test sends the task to its worker.
    outbox_helpers.hold(monkeypatch, "meetings.tasks.minutes_archive")
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte på Åsnes",
        starts_at=timezone.make_aware(datetime.datetime(2019, 11, 29, 11)),
    )
    services.case_add(meeting=meeting, title="Særavtale om økonomi", decision="<p>Vedtatt.</p>")
    services.minutes_approve(meeting=meeting, by=world.users["secretary"])

    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    queue = unique_queue_name("archive")
    with celery_worker_process(
        queue, env={"DATABASE_URL": database_url, "MEDIA_ROOT": str(media)}
    ) as worker:
        first = celery_app.send_task(
            "meetings.tasks.minutes_archive", [meeting.pk], queue=queue, ignore_result=False
        )
        filed = first.get(timeout=120)
        again = celery_app.send_task(
            "meetings.tasks.minutes_archive", [meeting.pk], queue=queue, ignore_result=False
        )
        assert again.get(timeout=120) == filed
        assert "Filed internal minutes" in worker.log()

    copies = MinutesArchive.objects.filter(meeting=meeting)
    assert sorted(copies.values_list("pk", flat=True)) == sorted(filed)
    assert {copy.version for copy in copies} == {"internal", "public"}
    for copy in copies:
        data = (media / copy.file.name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == copy.sha256
        assert 'pdfaid:part="2"' in xmp_text(data)
        assert "Særavtale om økonomi" in pdf_text(data)
