"""Sending each notification once, by e-mail at once or in a weekly digest.

The generic part, for any app: call ``notify_once`` with a key naming the object and the
occasion ("actionitem:12:overdue:2026-11-30", "agreement:7:expires:2027-01-01"). The first
call records a Notification row under the unique key (recipient, kind, key); every later
call with the same key, from a retried task, a second beat run or a doubled request, finds
the row and sends nothing. What the row says then follows the recipient's preference for
the kind: sent at once (queued after commit), kept for the weekly digest, or not sent.

Sending locks the row, sends, and stamps it in one transaction, so two workers sending
the same row send it once. An e-mail that went out just before a crash, before its stamp
was committed, is the one case that can be sent again on retry.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from notifications.models import Kind, Notification, Preference
from samarbeid.outbox.services import enqueue

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
_STATE_FOR = {
    Preference.Delivery.IMMEDIATE: Notification.State.PENDING,
    Preference.Delivery.DIGEST: Notification.State.DIGEST,
    Preference.Delivery.OFF: Notification.State.SKIPPED,
}


def delivery_for(user: User, kind: str) -> str:
    found = Preference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True)
    return next(iter(found), Preference.Delivery.IMMEDIATE)


def notify_once(
    *,
    recipient: User,
    kind: str,
    key: str,
    subject: str,
    body: str,
    url: str = "",
    send_now: bool = False,
) -> Notification | None:
    """Record one notification for this (recipient, kind, key) and send it unless already done.

    Returns the new row, or None when the key was already recorded (nothing is sent then).
    ``url`` is a path in the portal, made absolute in the e-mail. ``send_now`` sends in this
    process once the row is committed, for callers already running in a worker; otherwise the
    worker sends it. Either way through the outbox, recorded in this transaction.
    """
    state = _STATE_FOR[delivery_for(recipient, kind)]
    if not recipient.email or not recipient.is_active:
        state = Notification.State.SKIPPED
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            recipient=recipient,
            kind=kind,
            key=key[:200],
            defaults={
                "subject": subject[:300],
                "body": body,
                "url": url,
                "state": state,
            },
        )
        if created and state == Notification.State.PENDING:
            # In the same transaction as the notification: a worker killed before sending
            # leaves a message the sweep delivers, never a row pending for ever.
            enqueue(
                "notifications.tasks.send_notification",
                notification.pk,
                key=f"notification:{notification.pk}",
                run_here=send_now,
            )
    if not created:
        return None
    return notification


def absolute(path: str) -> str:
    return f"{settings.PORTAL_URL}{path}" if path.startswith("/") else path


def unsubscribe_token(user: User, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user: User, kind: str) -> str:
    return absolute(reverse("notifications:unsubscribe", args=[unsubscribe_token(user, kind)]))


def read_unsubscribe_token(token: str) -> tuple[User, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or data.get("k") not in Kind.values:
        return None
    return user, data["k"]


@transaction.atomic
def preference_set(*, user: User, kind: str, delivery: str) -> Preference:
    preference = Preference.objects.filter(user=user, kind=kind).first()
    preference = preference or Preference(user=user, kind=kind)
    preference.delivery = delivery
    preference.full_clean()
    preference.save()
    return preference


def _send(user: User, subject: str, body: str) -> None:
    EmailMessage(subject=subject, body=body, to=[user.email]).send()


def notification_send(*, notification_id: int) -> bool:
    """Send one waiting notification; False when it was sent (or settled) already."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.state != Notification.State.PENDING:
            return False
        recipient = notification.recipient
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                "notifications/email/notification.txt",
                {
                    "notification": notification,
                    "link": absolute(notification.url) if notification.url else "",
                    "unsubscribe": unsubscribe_url(recipient, notification.kind),
                    "preferences": absolute(reverse("notifications:preferences")),
                },
            )
        _send(recipient, notification.subject, body)
        notification.state = Notification.State.SENT
        notification.sent_at = timezone.now()
        notification.save(update_fields=["state", "sent_at"])
    return True


def digest_send(*, user_id: int) -> int:
    """One e-mail with everything waiting for the user's digest; the number of notifications.

    The rows are locked while the e-mail goes: a second run waits, then finds them sent.
    """
    with transaction.atomic():
        waiting = list(
            Notification.objects.select_for_update()
            .filter(recipient_id=user_id, state=Notification.State.DIGEST)
            .order_by("created_at", "id")
        )
        if not waiting:
            return 0
        user = User.objects.get(pk=user_id)
        if user.email and user.is_active:
            with translation.override(settings.LANGUAGE_CODE):
                body = render_to_string(
                    "notifications/email/digest.txt",
                    {
                        "items": [
                            (n, absolute(n.url) if n.url else "", unsubscribe_url(user, n.kind))
                            for n in waiting
                        ],
                        "preferences": absolute(reverse("notifications:preferences")),
                    },
                )
                subject = _("Samarbeid: your weekly summary (%(count)s)") % {"count": len(waiting)}
            _send(user, subject, body)
        now = timezone.now()
        for notification in waiting:
            notification.state = Notification.State.SENT
            notification.sent_at = now
            notification.save(update_fields=["state", "sent_at"])
    return len(waiting)


def digests_send() -> int:
    """Every user's weekly digest; each user's in its own transaction."""
    user_ids = (
        Notification.objects.filter(state=Notification.State.DIGEST)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    return sum(digest_send(user_id=user_id) for user_id in list(user_ids))
