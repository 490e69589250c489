"""Delivering what a request recorded in the outbox, as the worker would, inside the test."""

import re

from django.core import mail

from samarbeid.outbox import services as outbox
from samarbeid.outbox.models import OutboxMessage


def deliver(task: str) -> int:
    """Run every open outbox message of ``task``; how many ran."""
    waiting = OutboxMessage.objects.filter(task=task).exclude(state=OutboxMessage.State.DONE)
    return sum(outbox.deliver(pk) for pk in list(waiting.values_list("pk", flat=True)))


def link_in(message: mail.EmailMessage) -> str:
    """The path of the one portal link the e-mail asks to follow."""
    found = re.findall(r"http://127\.0\.0\.1:8000(/konto/[^\s]+/)", message.body)
    assert found, message.body
    return found[0]
