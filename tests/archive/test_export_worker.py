"""The archive package is built by a real Celery worker, across the broker (issue 16)."""

import datetime
import hashlib
import io
import zipfile

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from archive.models import ArchiveExport
from meetings import minutes_pdf, services
from samarbeid.celery import app as celery_app
from tests import outbox_helpers
from tests.infra.worker import celery_worker_process, unique_queue_name

TASK = "archive.tasks.archive_export_build"


@pytest.mark.worker
@pytest.mark.postgres
def test_a_real_worker_builds_the_package(
    transactional_db, postgres, world, client_for, settings, tmp_path, monkeypatch
):
    media = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": "/media/"},
        },
    }
    # The request's own hand-over goes nowhere here; the test sends the task to its worker.
    outbox_helpers.hold(monkeypatch, TASK, "meetings.tasks.minutes_archive")
    year = timezone.localdate().year
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte på Åsnes",
        starts_at=timezone.make_aware(datetime.datetime(year, 1, 29, 11)),
    )
    services.case_add(meeting=meeting, title="Særavtale om økonomi", decision="<p>Vedtatt.</p>")
    services.minutes_approve(meeting=meeting, by=world.users["secretary"])
    minutes_pdf.minutes_archive_all(meeting_id=meeting.pk)

    admin = client_for(world.users["project_admin"])
    url = reverse("archive:exports", args=[world.project.slug, world.steering_group.pk])
    assert admin.post(url, {"year": str(year)}).status_code == 302
    export = ArchiveExport.objects.get()

    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    queue = unique_queue_name("archive-export")
    with celery_worker_process(
        queue, env={"DATABASE_URL": database_url, "MEDIA_ROOT": str(media)}
    ) as worker:
        first = celery_app.send_task(TASK, [export.pk], queue=queue, ignore_result=False)
        assert first.get(timeout=120) is True
        again = celery_app.send_task(TASK, [export.pk], queue=queue, ignore_result=False)
        assert again.get(timeout=120) is False  # built once
        assert "Built archive package" in worker.log()

    export.refresh_from_db()
    assert (export.status, export.progress, export.meetings_included) == ("done", 100, 1)
    page = admin.get(url).content.decode()
    assert export.sha256 in page
    download = reverse(
        "archive:download", args=[world.project.slug, world.steering_group.pk, export.pk]
    )
    data = b"".join(admin.get(download).streaming_content)
    assert hashlib.sha256(data).hexdigest() == export.sha256
    package = zipfile.ZipFile(io.BytesIO(data))
    copies = {copy.sha256 for copy in meeting.archive_copies.all()}
    listed = {
        line.split("  ", 1)[0]
        for line in package.read("sjekksummer.txt").decode().splitlines()
        if line.endswith(".pdf")
    }
    assert listed == copies
