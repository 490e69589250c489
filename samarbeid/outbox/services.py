"""The transactional outbox: side effects recorded with the change, delivered by the worker.

``enqueue()`` writes an OutboxMessage in the caller's transaction; once that commits, the
message's id is handed to Celery (``dispatch``). The handover never makes a request wait on
Redis: one connection attempt with short timeouts, and after a failure this process stops
trying for ``OUTBOX_BROKER_RETRY_SECONDS`` while the messages wait in the table. The beat task
``outbox.sweep`` hands over again what is waiting, what the broker lost (queued long ago and
never started, e.g. Redis restarted empty) and what a dead worker held (its lease ran out).

``deliver()`` claims a message with one conditional UPDATE, so of two deliveries of the same
message one runs the task and the other finds it taken or done. The tasks themselves are
written to be run twice (notify_once keys, one invitation delivery row per recipient and
version, one archive copy per version): a worker killed after sending but before marking the
message done runs the task again, and the task finds nothing left to send.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
import traceback

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from samarbeid.outbox.models import OutboxMessage

logger = logging.getLogger(__name__)

State = OutboxMessage.State
OPEN_STATES = (State.PENDING, State.DISPATCHED)
# The first retry after a minute, doubling up to an hour; a side effect is never given up.
RETRY_FIRST_SECONDS = 60
RETRY_MAX_SECONDS = 60 * 60

_broker_down_until = 0.0
_broker_lock = threading.Lock()


def _seconds(name: str) -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, name))


def enqueue(task: str, *args, key: str, run_here: bool = False) -> OutboxMessage:
    """Promise that ``task(*args)`` runs once this transaction commits; one message per key.

    ``run_here`` runs it in this process right after the commit, for callers already in a
    worker; the message still guards it, so a worker killed in between is covered by the sweep.
    """
    message, created = OutboxMessage.objects.get_or_create(
        key=key[:200],
        defaults={
            "task": task,
            "args": list(args),
            # The committing process hands it over itself; the sweep waits this long for it.
            "next_attempt_at": timezone.now() + _seconds("OUTBOX_STALE_SECONDS"),
        },
    )
    if created:
        message_id = message.pk
        if run_here:
            transaction.on_commit(lambda: deliver(message_id))
        else:
            transaction.on_commit(lambda: dispatch([message_id]))
    return message


def broker_available() -> bool:
    return time.monotonic() >= _broker_down_until


def forget_broker_failures() -> None:
    """Try the broker again on the next dispatch (tests that bring Redis back use this)."""
    global _broker_down_until
    _broker_down_until = 0.0


def _broker_failed(waiting: int, error: Exception) -> None:
    global _broker_down_until
    with _broker_lock:
        first = broker_available()
        _broker_down_until = time.monotonic() + settings.OUTBOX_BROKER_RETRY_SECONDS
    if first:
        logger.warning(
            "Broker unreachable (%s); %s side effects wait in the outbox for the sweep",
            error,
            waiting,
        )


def dispatch(message_ids: list[int]) -> int:
    """Hand messages to Celery; those it cannot hand over wait for the sweep. The number sent."""
    message_ids = list(message_ids)
    if not message_ids:
        return 0
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # The embedded default has no worker: deliver here, and retry what failed before.
        for message_id in message_ids:
            deliver(message_id)
        _deliver_due_here()
        return len(message_ids)
    from samarbeid.celery import app
    from samarbeid.outbox.tasks import deliver_message

    sent = []
    if broker_available():
        try:
            options = settings.OUTBOX_BROKER_OPTIONS
            with app.connection_for_write(transport_options=options) as conn:
                conn.ensure_connection(max_retries=0)
                for message_id in message_ids:
                    deliver_message.apply_async(
                        (message_id,),
                        connection=conn,
                        retry=False,
                        ignore_result=True,
                        queue=settings.OUTBOX_QUEUE,
                    )
                    sent.append(message_id)
        except Exception as error:  # kombu's OperationalError, redis-py's, socket errors alike
            _broker_failed(len(message_ids) - len(sent), error)
    unsent = [message_id for message_id in message_ids if message_id not in sent]
    if unsent:
        # Due at once: the first sweep after the broker is back hands them over.
        OutboxMessage.objects.filter(pk__in=unsent, state=State.PENDING).update(
            next_attempt_at=timezone.now()
        )
    if sent:
        # Only what no worker has claimed meanwhile: a fast worker may be done already.
        OutboxMessage.objects.filter(pk__in=sent, state__in=OPEN_STATES).update(
            state=State.DISPATCHED, dispatched_at=timezone.now()
        )
    return len(sent)


def _deliver_due_here(limit: int = 5) -> None:
    for message_id in _due()[:limit]:
        deliver(message_id)


def _due():
    now = timezone.now()
    stale = now - _seconds("OUTBOX_STALE_SECONDS")
    return (
        OutboxMessage.objects.filter(
            Q(state=State.PENDING, next_attempt_at__lte=now)
            | Q(state=State.PENDING, next_attempt_at__isnull=True)
            | Q(state=State.DISPATCHED, dispatched_at__lt=stale)
            | Q(state=State.RUNNING, lease_until__lt=now)
        )
        .order_by("created_at", "id")
        .values_list("pk", flat=True)
    )


def sweep(limit: int = 500) -> int:
    """Hand over again what waits, what the broker lost and what a dead worker held."""
    return dispatch(list(_due()[:limit]))


def _claim(message_id: int) -> bool:
    now = timezone.now()
    return bool(
        OutboxMessage.objects.filter(pk=message_id)
        .filter(Q(state__in=OPEN_STATES) | Q(state=State.RUNNING, lease_until__lt=now))
        .update(
            state=State.RUNNING,
            lease_until=now + _seconds("OUTBOX_LEASE_SECONDS"),
            attempts=F("attempts") + 1,
        )
    )


def deliver(message_id: int) -> bool:
    """Run one message's task unless another delivery has it or had it; True when it ran.

    Called outside a transaction (the worker, an on-commit callback), so the claim commits on
    its own and a second worker sees it.
    """
    if not _claim(message_id):
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    from samarbeid.celery import app

    task = app.tasks.get(message.task)
    if task is None:
        # A web process has imported only the task modules its code touched so far.
        app.loader.import_default_modules()
        task = app.tasks.get(message.task)
    if task is None:
        _settle(message, State.FAILED, error=f"Unknown task {message.task!r}")
        logger.error("Outbox message %s names an unknown task %r", message.key, message.task)
        return False
    try:
        # The task's body, not a new Celery message: its own retry options do not apply here,
        # the outbox retries (and a task called this way re-raises instead of retrying).
        task.run(*message.args)
    except Exception as error:
        wait = min(RETRY_MAX_SECONDS, RETRY_FIRST_SECONDS * 2 ** max(0, message.attempts - 1))
        _settle(
            message,
            State.PENDING,
            error="".join(traceback.format_exception(error))[-4000:],
            next_attempt_at=timezone.now() + datetime.timedelta(seconds=wait),
        )
        logger.warning(
            "Side effect %s failed (attempt %s); next try in %s s",
            message.key,
            message.attempts,
            wait,
            exc_info=True,
        )
        return False
    _settle(message, State.DONE, done_at=timezone.now())
    return True


def _settle(message: OutboxMessage, state: str, *, error: str = "", **fields) -> None:
    # Only while this delivery still holds it: a lease taken over by another is theirs.
    OutboxMessage.objects.filter(pk=message.pk, state=State.RUNNING).update(
        state=state, lease_until=None, last_error=error, **fields
    )
