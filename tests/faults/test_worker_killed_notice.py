"""A worker SIGKILLed while it sends a notice: the next worker sends it, once.

Before the outbox the notice's row stayed pending for ever: the task was gone with the worker
(and Redis gives an unacknowledged message back only after the visibility timeout, an hour).
Now the message's lease runs out, the sweep hands it to the next worker, and the notification
row (locked, checked and stamped as it is sent) makes sure it goes out once.
"""

import os
import signal

import psycopg
import pytest
from django.db import connection

from notifications.models import Kind, Notification
from notifications.services import notify_once
from samarbeid.outbox import services as outbox
from samarbeid.outbox.models import OutboxMessage
from tests import outbox_helpers
from tests.faults.processes import wait_for, worker, worker_env
from tests.infra.worker import require_redis_url, unique_queue_name
from tests.mail_files import written_mails
from tests.reliability.redis_switch import RedisSwitch

pytestmark = [pytest.mark.worker, pytest.mark.postgres]
LEASE = 3


@pytest.mark.django_db(transaction=True)
def test_a_notice_whose_worker_was_killed_is_sent_by_the_next_worker_once(
    postgres, world, settings, tmp_path, monkeypatch
):
    redis_url = require_redis_url()
    queue = unique_queue_name("killed-notice")
    settings.OUTBOX_QUEUE = queue
    settings.OUTBOX_LEASE_SECONDS = LEASE
    member = world.users["member"]
    held = outbox_helpers.hold(monkeypatch, "notifications.tasks.send_notification")
    notification = notify_once(
        recipient=member, kind=Kind.OVERDUE, key="actionitem:9:overdue", subject="Frist", body="."
    )
    assert held == [(notification.pk,)]
    monkeypatch.undo()
    message = OutboxMessage.objects.get(key=f"notification:{notification.pk}")
    env = worker_env(tmp_path, redis_url, OUTBOX_LEASE_SECONDS=str(LEASE))
    switch = RedisSwitch(redis_url)
    switch.point_at(redis_url, queue=queue)
    try:
        # The worker will wait on the notification's row, in the middle of sending. The lock is
        # held on a connection of its own, so this test's own writes commit as they happen.
        db = connection.settings_dict
        with psycopg.connect(
            host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"]
        ) as locker:
            locker.execute(
                "SELECT id FROM notifications_notification WHERE id = %s FOR UPDATE",
                [notification.pk],
            )
            with worker(queue, env) as first:
                assert outbox.dispatch([message.pk]) == 1
                try:
                    wait_for(
                        lambda: OutboxMessage.objects.get(pk=message.pk).state == "running",
                        "the first worker took the message",
                        timeout=30,
                    )
                except AssertionError as error:
                    raise AssertionError(f"{error}\n{first.log()}") from None
                os.kill(first.process.pid, signal.SIGKILL)
                first.process.wait(timeout=10)
            locker.rollback()
        # Dead, and nothing sent: the row is pending, the message held by a dead worker.
        notification.refresh_from_db()
        assert notification.state == Notification.State.PENDING
        assert OutboxMessage.objects.get(pk=message.pk).state == "running"

        with worker(queue, env):
            wait_for(
                lambda: OutboxMessage.objects.get(pk=message.pk).state == "done",
                "the next worker delivered the message once its lease ran out",
                timeout=60,
                action=outbox.sweep,
                every=1,
            )
    finally:
        switch.close()

    notification.refresh_from_db()
    assert notification.state == Notification.State.SENT
    message.refresh_from_db()
    assert message.attempts == 2
    (mail,) = written_mails(tmp_path / "mail")
    assert mail["To"] == member.email
