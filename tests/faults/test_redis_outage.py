"""Redis stopped while the secretary works, started again: nothing lost, nothing twice, no 500.

Real processes: a redis-server of the test's own (killed, then started on the same port, empty,
as a restarted Redis without persistence is), a real Celery worker, PostgreSQL in autocommit
(transaction=True). The secretary works through the views with the forms a browser sends.
"""

import datetime
import re
import time
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import invitations, services
from meetings.models import ActionItem, Case, InvitationDelivery, Meeting
from notifications.models import Notification
from samarbeid.outbox import services as outbox
from samarbeid.outbox.models import OutboxMessage
from tests.faults.processes import own_redis, wait_for, worker, worker_env
from tests.infra.worker import unique_queue_name
from tests.mail_files import written_mails
from tests.reliability.redis_switch import RedisSwitch

pytestmark = [pytest.mark.worker, pytest.mark.postgres]


@pytest.fixture
def meeting(world):
    """Held an hour ago, the secretary and a member invited, both with e-mail addresses."""
    for role in ("secretary", "member"):
        person = world.users[role].person
        person.email = f"{world.users[role].username}@example.no"
        person.save()
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        secretary=world.users["secretary"].person,
    )
    assert len(invitations.recipients(meeting)) == 2
    return meeting


def _post(client, url, data, answers):
    started = time.monotonic()
    response = client.post(url, data)
    answers.append((url, response.status_code, time.monotonic() - started))
    if response.status_code == 200:
        # A form given back: say why, so a failure here names the refusal.
        text = response.content.decode()
        main = text[text.find("<main") : text.find("</main>")]
        summary = re.sub(r"<[^>]+>|\s+", " ", main)[:600]
        print(f"{url} answered 200: {summary}")
    return response


@pytest.mark.django_db(transaction=True)
def test_a_redis_outage_loses_nothing_and_sends_nothing_twice(
    postgres, world, meeting, client_for, settings, tmp_path
):
    queue = unique_queue_name("outage")
    settings.OUTBOX_QUEUE = queue
    secretary = world.users["secretary"]
    member_person = world.users["member"].person
    case = meeting.cases.filter(kind=Case.Kind.AGENDA_APPROVAL).get()
    client = client_for(secretary)
    answers = []

    with own_redis(tmp_path) as redis_server:
        switch = RedisSwitch(redis_server.url)
        switch.point_at(redis_server.url, queue=queue)
        try:
            redis_server.stop()
            _post(client, reverse("meetings:invite", args=[meeting.pk]), {}, answers)
            _post(
                client,
                reverse("meetings:action_item_create", args=[meeting.pk, case.pk]),
                {
                    "description": "Sende referatet til kommunestyrene",
                    "responsible_people": [member_person.pk],
                    "deadline": "",
                    "responsible_note": "",
                },
                answers,
            )
            tomorrow = timezone.localdate() + datetime.timedelta(days=1)
            _post(
                client,
                reverse("meetings:minutes_send", args=[meeting.pk]),
                {"comment_deadline": tomorrow.isoformat()},
                answers,
            )
            _post(
                client,
                reverse("meetings:minutes_step", args=[meeting.pk, "godkjenn"]),
                {"reason": ""},
                answers,
            )
            _post(
                client,
                reverse("meetings:minutes_step", args=[meeting.pk, "publiser"]),
                {"reason": ""},
                answers,
            )
            print("\nanswers with Redis down (url, status, seconds):")
            for url, status, seconds in answers:
                print(f"  {url} {status} {seconds:.2f}")

            # Every step was taken, once, and answered as a step does.
            assert [status for _url, status, _s in answers] == [302] * 5
            meeting.refresh_from_db()
            assert meeting.minutes_status == Meeting.MinutesStatus.APPROVED
            assert meeting.published_at is not None
            assert ActionItem.objects.filter(case__meeting=meeting).count() == 1
            # Every side effect is recorded and waits: nothing went anywhere yet.
            waiting = Counter(OutboxMessage.objects.values_list("task", flat=True))
            assert waiting == {
                "meetings.tasks.send_invitations": 1,
                "meetings.tasks.notify_action_item_assigned": 1,
                "meetings.tasks.notify_minutes_event": 3,
                "meetings.tasks.minutes_archive": 1,
            }
            assert not OutboxMessage.objects.exclude(state=OutboxMessage.State.PENDING).exists()

            # Redis comes back, empty; the worker starts; beat's sweep hands everything over.
            redis_server.start()
            switch.point_at(redis_server.url, queue=queue)
            env = worker_env(tmp_path, redis_server.url, MEDIA_ROOT=str(settings.MEDIA_ROOT))
            with worker(queue, env):
                wait_for(
                    lambda: not OutboxMessage.objects.exclude(state="done").exists(),
                    "every recorded side effect delivered",
                    action=outbox.sweep,
                    every=1,
                )
                delivered = len(written_mails(tmp_path / "mail"))
                # Sweeping again, and delivering each message once more, sends nothing.
                outbox.sweep()
                for message in OutboxMessage.objects.all():
                    assert outbox.deliver(message.pk) is False
                time.sleep(2)
        finally:
            switch.close()

    mails = written_mails(tmp_path / "mail")
    assert len(mails) == delivered
    sent = (
        InvitationDelivery.objects.filter(meeting=meeting, sent_at__isnull=False).count()
        + Notification.objects.filter(state=Notification.State.SENT).count()
    )
    assert len(mails) == sent
    # One invitation per invitee, one notice per occasion and person: no pair twice.
    pairs = Counter((m["To"], m["Subject"]) for m in mails)
    assert all(count == 1 for count in pairs.values()), pairs
    assert InvitationDelivery.objects.filter(meeting=meeting, sent_at__isnull=False).count() == 2
    print(f"delivered after recovery: {len(mails)} e-mails, duplicates: 0")
