from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Kind(models.TextChoices):
    """What a notification is about; each user chooses per kind how (or whether) to get it.

    Another app adds its kinds here (e.g. agreements: "agreement_expiry") and calls
    notifications.services.notify_once().
    """

    ASSIGNED = "assigned", _("You were made responsible for an action item")
    DEADLINE_SOON = "deadline_soon", _("A deadline is coming up")
    OVERDUE = "overdue", _("An action item is overdue")
    MINUTES_FOR_COMMENTS = "minutes_for_comments", _("Minutes were sent for comments")
    MINUTES_APPROVED = "minutes_approved", _("Minutes were approved or published")
    AGREEMENT_EXPIRY = "agreement_expiry", _("An agreement is about to expire")
    AGREEMENT_REVISION = "agreement_revision", _("An agreement is due for revision")


class Preference(models.Model):
    """How one user wants one kind of notification. No row means the default (immediately)."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("E-mail at once")
        DIGEST = "digest", _("In the weekly digest")
        OFF = "off", _("Not at all")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="unique_notification_preference")
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} → {self.delivery}"


class Notification(models.Model):
    """One notification for one recipient about one occasion, recorded before it is sent.

    The unique key (recipient, kind, key) is what makes sending idempotent: a retried or
    doubled task finds the row and sends nothing again. A delivery log, so no history.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("To be sent at once")
        DIGEST = "digest", _("Waiting for the weekly digest")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not sent (turned off)")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    key = models.CharField(
        _("occasion"),
        max_length=200,
        help_text=_("The object and occasion, e.g. “actionitem:12:overdue:2026-11-30”."),
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"], name="unique_notification_occasion"
            )
        ]
        # The digest run looks up what waits, per recipient.
        indexes = [models.Index(fields=["state", "recipient"], name="notification_waiting_idx")]

    def __str__(self):
        return f"{self.recipient} – {self.subject}"
