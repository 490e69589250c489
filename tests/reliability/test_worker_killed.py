"""A Celery worker killed with SIGKILL in the middle of the archive task: the task runs again.

The task is acknowledged only after it ran (CELERY_TASK_ACKS_LATE), so the killed worker's
message stays unacknowledged in Redis; once the visibility timeout has passed, the next worker
takes it again at start-up. The archive is filed exactly once per version all the same.
"""

import datetime
import hashlib
import signal
import time
from types import SimpleNamespace

import pytest
from django.db import connection
from django.utils import timezone

from meetings import services, tasks
from meetings.models import MinutesArchive
from samarbeid.celery import app as celery_app
from tests.infra.worker import celery_worker_process, unique_queue_name
from tests.pdf.helpers import pdf_text

pytestmark = [pytest.mark.worker, pytest.mark.postgres]

# Short in the test, so the second worker gets the message back without an hour's wait.
VISIBILITY_TIMEOUT = 3
WAIT = 120
# Enough cases that rendering two versions takes seconds: the kill lands while the task runs.
CASES = 60
PARAGRAPH = (
    "<p>Styringsgruppen drøftet fordelingen av kostnadene mellom vertskommunen og "
    "avdelingskontorene, og ba prosjektleder legge fram et revidert forslag med "
    "konsekvenser for hver av de fem kommunene i Indre Salten.</p>"
)


def _wait_for(predicate, what: str, worker) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} within {WAIT} s; worker log:\n{worker.log()}")


@pytest.fixture
def approved_meeting(world, settings, tmp_path, monkeypatch):
    media = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": "/media/"},
        },
    }
    # The approval's own queuing goes nowhere here; the test sends the task to its worker.
    monkeypatch.setattr(tasks, "minutes_archive", SimpleNamespace(delay=lambda *args: None))
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte om vertskommunen",
        starts_at=timezone.make_aware(datetime.datetime(2019, 3, 1, 10)),
    )
    for number in range(CASES):
        services.case_add(
            meeting=meeting,
            title=f"Kostnadsfordeling del {number + 1}",
            notes=PARAGRAPH * 4,
            decision=PARAGRAPH,
        )
    services.minutes_approve(meeting=meeting, by=world.users["secretary"])
    return SimpleNamespace(meeting=meeting, media=media)


def test_archive_task_killed_mid_run_is_run_again_and_files_each_version_once(
    transactional_db, postgres, approved_meeting
):
    meeting, media = approved_meeting.meeting, approved_meeting.media
    db = connection.settings_dict
    env = {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "MEDIA_ROOT": str(media),
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
    }
    queue = unique_queue_name("killed")

    with celery_worker_process(queue, env=env) as first:
        result = celery_app.send_task("meetings.tasks.minutes_archive", [meeting.pk], queue=queue)
        received = f"Task meetings.tasks.minutes_archive[{result.id}] received"
        _wait_for(lambda: received in first.log(), "the first worker did not take the task", first)
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(timeout=10)
        killed_log = first.log()
    assert first.process.returncode == -signal.SIGKILL
    assert "succeeded" not in killed_log, "the kill came too late: the task had finished"
    assert MinutesArchive.objects.filter(meeting=meeting).count() < 2

    # The message is handed out again only once the visibility timeout has passed.
    time.sleep(VISIBILITY_TIMEOUT + 1)
    with celery_worker_process(queue, env=env) as second:
        _wait_for(lambda: received in second.log(), "the task was not delivered again", second)
        filed = result.get(timeout=WAIT)

    copies = MinutesArchive.objects.filter(meeting=meeting)
    assert sorted(copies.values_list("pk", flat=True)) == sorted(filed)
    assert sorted(copies.values_list("version", flat=True)) == ["internal", "public"]
    for copy in copies:
        data = (media / copy.file.name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == copy.sha256
        assert f"Kostnadsfordeling del {CASES}" in pdf_text(data)
    # Nothing half-written was left behind by the killed run.
    stored = sorted(path.name for path in media.rglob("*.pdf"))
    assert len(stored) == 2, stored
