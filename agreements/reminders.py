"""Reminders to the parties before an agreement expires and before each revision date.

Each is sent once per recipient and occasion: the key names the agreement and the date, so a
second beat run finds it recorded (notifications.notify_once), while a moved date is a new
occasion and is reminded again.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import User
from agreements.models import Agreement
from notifications.models import Kind
from notifications.services import notify_once

# How long before the date the parties hear of it.
EXPIRY_NOTICE = datetime.timedelta(days=90)
REVISION_NOTICE = datetime.timedelta(days=30)
ACTIVE = (Agreement.Status.SIGNED, Agreement.Status.IN_FORCE)


def recipients(agreement: Agreement) -> list[User]:
    """Each party's signatory and its organisation's directors, once each."""
    organisations = [party.organisation_id for party in agreement.parties.all()]
    signatories = [
        party.signatory.user_id
        for party in agreement.parties.select_related("signatory")
        if party.signatory and party.signatory.user_id
    ]
    return list(
        User.objects.filter(
            Q(pk__in=signatories) | Q(organisation_id__in=organisations, is_director=True),
            is_active=True,
        ).order_by("pk")
    )


def _remind(agreement: Agreement, *, kind: str, date: datetime.date, subject: str, body: str):
    sent = 0
    for user in recipients(agreement):
        notification = notify_once(
            recipient=user,
            kind=kind,
            key=f"agreement:{agreement.pk}:{kind}:{date.isoformat()}",
            subject=subject,
            body=body,
            url=reverse("agreements:detail", args=[agreement.pk]),
            send_now=True,
        )
        sent += notification is not None
    return sent


def agreements_send_reminders(*, today: datetime.date | None = None) -> int:
    """Record (and send) every reminder now due; returns how many were new."""
    today = today or timezone.localdate()
    new = 0
    with override("nb"):
        for agreement in Agreement.objects.filter(status__in=ACTIVE).order_by("pk"):
            if agreement.valid_until and today <= agreement.valid_until <= today + EXPIRY_NOTICE:
                when = date_format(agreement.valid_until, "j.n.Y")
                new += _remind(
                    agreement,
                    kind=Kind.AGREEMENT_EXPIRY,
                    date=agreement.valid_until,
                    subject=_("%(title)s expires %(date)s")
                    % {
                        "title": agreement.title,
                        "date": when,
                    },
                    body=_(
                        "The agreement “%(title)s” expires %(date)s. Agree with the other "
                        "parties whether it is to be renewed."
                    )
                    % {"title": agreement.title, "date": when},
                )
            upcoming = agreement.revision_dates(after=today - datetime.timedelta(days=1))
            if upcoming and upcoming[0] <= today + REVISION_NOTICE:
                when = date_format(upcoming[0], "j.n.Y")
                new += _remind(
                    agreement,
                    kind=Kind.AGREEMENT_REVISION,
                    date=upcoming[0],
                    subject=_("%(title)s is due for revision %(date)s")
                    % {
                        "title": agreement.title,
                        "date": when,
                    },
                    body=_("The agreement “%(title)s” is due for evaluation or revision %(date)s.")
                    % {"title": agreement.title, "date": when},
                )
    return new
