"""The transactional outbox (samarbeid.outbox): recorded with the change, run once per key."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from notifications.models import Kind
from notifications.services import notify_once
from samarbeid.celery import app as celery_app
from samarbeid.outbox import services as outbox
from samarbeid.outbox.models import OutboxMessage
from tests.reliability.redis_switch import dead_redis_url, redis_at

State = OutboxMessage.State


class Boom(Exception):
    pass


@pytest.fixture(autouse=True)
def embedded(settings):
    """Delivered in this process, as on the embedded default (a test below cuts the broker)."""
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def member(world):
    return world.users["member"]


def _notify(user, key="actionitem:1:overdue:2026-12-01"):
    return notify_once(recipient=user, kind=Kind.OVERDUE, key=key, subject="Frist", body="Tekst")


def test_a_rolled_back_change_leaves_no_message(member, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Boom),
        transaction.atomic(),
    ):
        _notify(member)
        raise Boom
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_the_same_key_is_one_message(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = outbox.enqueue("samarbeid.tasks.ping", key="ping:1")
        again = outbox.enqueue("samarbeid.tasks.ping", key="ping:1")
    assert first.pk == again.pk
    assert len(callbacks) == 1


def test_a_committed_notice_is_delivered_once_however_often_it_is_delivered(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(member)
    message = OutboxMessage.objects.get(key=f"notification:{notification.pk}")
    assert message.state == State.DONE
    assert message.attempts == 1
    # A second delivery of the same message (the sweep, a doubled broker message) runs nothing.
    assert outbox.deliver(message.pk) is False
    assert len(mail.outbox) == 1


def test_a_failing_side_effect_waits_and_is_tried_again_never_given_up(
    member, settings, monkeypatch
):
    message = outbox.enqueue("notifications.tasks.send_notification", 0, key="fails")
    calls = []

    def failing(notification_id):
        calls.append(notification_id)
        raise ConnectionRefusedError("SMTP is down")

    monkeypatch.setattr(celery_app.tasks["notifications.tasks.send_notification"], "run", failing)
    for attempt in range(1, 8):
        assert outbox.deliver(message.pk) is False
        message.refresh_from_db()
        assert message.state == State.PENDING
        assert message.attempts == attempt
        assert "SMTP is down" in message.last_error
        assert message.next_attempt_at > timezone.now()
    # Backing off, at most an hour, never failed for good.
    assert message.next_attempt_at <= timezone.now() + datetime.timedelta(hours=1, seconds=5)
    assert len(calls) == 7


def test_an_unknown_task_is_failed_for_a_developer_to_see(db):
    message = outbox.enqueue("no.such.task", key="unknown")
    assert outbox.deliver(message.pk) is False
    message.refresh_from_db()
    assert message.state == State.FAILED
    assert "Unknown task" in message.last_error


def test_the_sweep_takes_what_is_due_lost_or_held_by_a_dead_worker(db, settings):
    now = timezone.now()
    past = now - datetime.timedelta(minutes=10)

    def message(key, **fields):
        return OutboxMessage.objects.create(key=key, task="samarbeid.tasks.ping", **fields)

    due = message("due", next_attempt_at=past)
    waiting = message("waiting", next_attempt_at=now + datetime.timedelta(minutes=1))
    lost = message("lost", state=State.DISPATCHED, dispatched_at=past)
    queued = message("queued", state=State.DISPATCHED, dispatched_at=now)
    dead = message("dead", state=State.RUNNING, lease_until=past)
    alive = message("alive", state=State.RUNNING, lease_until=now + datetime.timedelta(minutes=5))
    message("done", state=State.DONE)

    assert set(outbox._due()) == {due.pk, lost.pk, dead.pk}
    assert outbox.sweep() == 3  # eager here: delivered in this process
    for delivered in (due, lost, dead):
        delivered.refresh_from_db()
        assert delivered.state == State.DONE
    for untouched in (waiting, queued, alive):
        state = untouched.state
        untouched.refresh_from_db()
        assert untouched.state == state


def test_a_worker_holding_a_message_keeps_it_until_its_lease_runs_out(db):
    held = OutboxMessage.objects.create(
        key="held",
        task="samarbeid.tasks.ping",
        state=State.RUNNING,
        lease_until=timezone.now() + datetime.timedelta(minutes=5),
    )
    assert outbox.deliver(held.pk) is False
    OutboxMessage.objects.filter(pk=held.pk).update(
        lease_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert outbox.deliver(held.pk) is True


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_gone_the_message_waits_and_the_next_handover_is_not_tried(
    postgres, world, monkeypatch
):
    attempts = []
    connect = celery_app.connection_for_write

    def counting(*args, **kwargs):
        attempts.append(1)
        return connect(*args, **kwargs)

    monkeypatch.setattr(celery_app, "connection_for_write", counting)
    with redis_at(dead_redis_url()):
        first = outbox.enqueue("samarbeid.tasks.ping", key="ping:broker-down:1")
        second = outbox.enqueue("samarbeid.tasks.ping", key="ping:broker-down:2")
        assert not outbox.broker_available()
    # One try, then this process leaves the broker alone: the second request does not pay.
    assert len(attempts) == 1
    for message in (first, second):
        message.refresh_from_db()
        assert message.state == State.PENDING
        assert message.next_attempt_at <= timezone.now()
        assert message.pk in list(outbox._due())
