from django.db import models
from django.utils.translation import gettext_lazy as _


class InvitationDelivery(models.Model):
    """One invitation e-mail sent to one address for one version of a meeting.

    The unique key is what makes sending idempotent: a retried or doubled task
    finds the row and sends nothing again. A delivery log, not content, so no history.
    """

    class Method(models.TextChoices):
        REQUEST = "REQUEST", _("Invitation or update")
        CANCEL = "CANCEL", _("Cancellation")

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="invitation_deliveries"
    )
    email = models.EmailField(_("e-mail"))
    sequence = models.PositiveIntegerField(_("version"))
    method = models.CharField(_("kind"), max_length=10, choices=Method.choices)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation delivery")
        verbose_name_plural = _("invitation deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email", "sequence", "method"], name="unique_invitation_delivery"
            )
        ]

    def __str__(self):
        return f"{self.meeting} → {self.email} ({self.method} {self.sequence})"
