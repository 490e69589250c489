"""Holding side effects back in tests: the outbox records them and hands nothing over.

``hold(monkeypatch, "meetings.tasks.send_invitations")`` returns a list that fills with the
arguments of each message of those tasks as the outbox would hand it to the broker (after the
commit), while messages of other tasks are delivered as usual.
"""

from samarbeid.outbox import services as outbox
from samarbeid.outbox.models import OutboxMessage


def hold(monkeypatch, *tasks: str, with_names: bool = False) -> list:
    held = []
    dispatch = outbox.dispatch

    def holding_dispatch(message_ids):
        others = []
        for message in OutboxMessage.objects.filter(pk__in=list(message_ids)).order_by("pk"):
            if message.task in tasks:
                args = tuple(message.args)
                held.append((message.task.rsplit(".", 1)[-1], args) if with_names else args)
            else:
                others.append(message.pk)
        return dispatch(others) if others else 0

    monkeypatch.setattr(outbox, "dispatch", holding_dispatch)
    return held


def deliver_waiting(task: str) -> int:
    """Run every message of ``task`` not done yet, here, as a worker would; how many ran."""
    waiting = OutboxMessage.objects.filter(task=task).exclude(state=OutboxMessage.State.DONE)
    return sum(outbox.deliver(pk) for pk in list(waiting.values_list("pk", flat=True)))
