"""A Celery worker killed with SIGKILL in the middle of a task: the task runs again.

The task is acknowledged only after it ran (CELERY_TASK_ACKS_LATE), so the killed worker's
message stays unacknowledged in Redis; once the visibility timeout has passed, the next worker
takes it again at start-up. The archive is filed exactly once per version all the same, and
each recipient gets exactly one invitation.
"""

import datetime
import hashlib
import signal
import time
from email.utils import parseaddr
from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.utils import timezone

from meetings import invitations, services
from meetings.models import InvitationDelivery, MinutesArchive, Participant
from projects.services import person_create
from samarbeid.celery import app as celery_app
from tests import outbox_helpers
from tests.infra.worker import celery_worker_process, unique_queue_name
from tests.mail_files import written_mails
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


def _worker_env(**extra) -> dict[str, str]:
    db = connection.settings_dict
    return {
        # The worker must read this test's rows.
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        **extra,
    }


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
    outbox_helpers.hold(monkeypatch, "meetings.tasks.minutes_archive")
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
    env = _worker_env(MEDIA_ROOT=str(media))
    queue = unique_queue_name("killed")

    with celery_worker_process(queue, env=env) as first:
        result = celery_app.send_task(
            "meetings.tasks.minutes_archive", [meeting.pk], queue=queue, ignore_result=False
        )
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


@pytest.fixture
def invited_meeting(world, monkeypatch):
    # The planning's own queuing goes nowhere here; the test sends the task to its worker.
    outbox_helpers.hold(monkeypatch, "meetings.tasks.send_invitations")
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte om vertskommunen",
        starts_at=timezone.make_aware(datetime.datetime(2019, 3, 1, 10)),
    )
    for name in ("Anne Aas", "Bjørn Berg", "Cecilie Dahl", "Dag Ås"):
        address = f"{name.split()[0].lower().replace('ø', 'o')}@fauske.kommune.no"
        person = person_create(name=name, organisation=world.asnes, email=address)
        services.participant_set(
            meeting=meeting, person=person, attendance=Participant.Attendance.PRESENT
        )
    return meeting


def test_invitation_task_killed_mid_sending_sends_each_recipient_exactly_one(
    transactional_db, postgres, invited_meeting, tmp_path
):
    meeting = invited_meeting
    mail_dir = tmp_path / "mail"
    env = _worker_env(
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
    )
    people = invitations.recipients(meeting)
    assert len(people) >= 4
    sequence = meeting.ical_sequence
    last = people[-1][0].lower()
    # The delivery row of the last recipient exists (the task inserts what is absent) and is
    # locked here: the worker sends to everyone before, then waits on it, mid-task.
    InvitationDelivery.objects.create(
        meeting=meeting, email=last, sequence=sequence, method="REQUEST"
    )
    sent = InvitationDelivery.objects.filter(meeting=meeting, sent_at__isnull=False)
    queue = unique_queue_name("killed-invite")

    with transaction.atomic():
        InvitationDelivery.objects.select_for_update().get(meeting=meeting, email=last)
        with celery_worker_process(queue, env=env) as first:
            result = celery_app.send_task(
                "meetings.tasks.send_invitations",
                [meeting.pk, sequence, "REQUEST", ""],
                queue=queue,
                ignore_result=False,
            )
            _wait_for(
                lambda: sent.count() == len(people) - 1,
                "the first worker did not send to all but the last recipient",
                first,
            )
            first.process.send_signal(signal.SIGKILL)
            first.process.wait(timeout=10)
            killed_log = first.log()
    assert first.process.returncode == -signal.SIGKILL
    assert "succeeded" not in killed_log
    assert len(written_mails(mail_dir)) == len(people) - 1

    time.sleep(VISIBILITY_TIMEOUT + 1)
    with celery_worker_process(queue, env=env) as second:
        received = f"Task meetings.tasks.send_invitations[{result.id}] received"
        _wait_for(lambda: received in second.log(), "the task was not delivered again", second)
        # The second run sends only to the recipient the first one never reached.
        assert result.get(timeout=WAIT) == 1

    messages = written_mails(mail_dir)
    recipients = sorted(parseaddr(message["To"])[1].lower() for message in messages)
    assert recipients == sorted(address.lower() for address, _person in people)
    assert sent.count() == len(people)
