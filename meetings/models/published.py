from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PublishedMinutesQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=PublishedMinutes.Status.PUBLIC)


class PublishedMinutes(models.Model):
    """Minutes as they were published: what the public sees, frozen at that moment.

    The live meeting and its cases go on changing after a reopening; the public page, the
    public PDF and the public project page read only this snapshot, so nothing reaches the
    public before the secretary publishes it again (meetings.published).
    """

    class Status(models.TextChoices):
        PUBLIC = "public", _("Public")
        SUPERSEDED = "superseded", _("Replaced by a later version")
        TAKEN_DOWN = "taken_down", _("Taken down")

    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="published_versions",
        verbose_name=_("meeting"),
    )
    number = models.PositiveIntegerField(
        _("version"), help_text=_("1 for the first publication, one more each time after.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PUBLIC
    )
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    approval = models.ForeignKey(
        "meetings.MinutesEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approval"),
        help_text=_("The approval in force when published; empty for unapproved minutes."),
    )
    snapshot = models.JSONField(
        _("public content"),
        encoder=DjangoJSONEncoder,
        help_text=_("The public rendering's data: exempt cases by number and legal basis only."),
    )
    taken_down_at = models.DateTimeField(_("taken down"), null=True, blank=True)
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken down by"),
    )
    take_down_reason = models.TextField(
        _("reason for taking down"), blank=True, help_text=_("Shown to the public.")
    )

    history = HistoricalRecords()
    objects = PublishedMinutesQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "-number"]
        verbose_name = _("published minutes")
        verbose_name_plural = _("published minutes")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="unique_published_minutes_number"
            ),
            # One version at a time is what the public sees.
            models.UniqueConstraint(
                fields=["meeting"],
                condition=models.Q(status="public"),
                name="one_public_minutes_version",
            ),
        ]

    def __str__(self):
        return f"{self.meeting} ({self.number})"

    @property
    def approved(self) -> bool:
        return self.snapshot["meeting"]["minutes_status"] == "approved"

    @property
    def starts_at(self):
        """The meeting's start as published (a reopening may move it)."""
        return parse_datetime(self.snapshot["meeting"]["starts_at"])

    @property
    def etag(self) -> str:
        """Names this version: a cache that holds it must ask whether it is still the one."""
        return f'"minutes-{self.meeting_id}-{self.number}-{self.pk}"'
