import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)


class Meeting(models.Model):
    """A meeting of one group (sometimes serving a second group at the same time)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class MinutesStatus(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FOR_COMMENTS = "for_comments", _("Sent for comments")
        APPROVED = "approved", _("Approved")

    group = models.ForeignKey(
        "projects.ProjectGroup",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("group"),
        help_text=_("The group whose case numbers the meeting uses."),
    )
    also_for = models.ManyToManyField(
        "projects.ProjectGroup",
        blank=True,
        related_name="joint_meetings",
        verbose_name=_("also a meeting of"),
        help_text=_("E.g. a cooperation forum meeting held together with the steering group."),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    date_only = models.BooleanField(
        _("date only"),
        default=False,
        help_text=_("The minutes give the day but not the time; no time is shown."),
    )
    room = models.CharField(_("room"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), blank=True, help_text=_("E.g. a Teams link."))
    secretary = models.ForeignKey(
        "projects.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_as_secretary",
        verbose_name=_("secretary"),
    )
    chair = models.ForeignKey(
        "projects.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_as_chair",
        verbose_name=_("chair"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    minutes_status = models.CharField(
        _("minutes"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    comment_deadline = models.DateField(
        _("comment deadline"),
        null=True,
        blank=True,
        help_text=_("After this date the minutes count as approved if nobody objected."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    imported_from = models.CharField(
        _("imported from"),
        max_length=200,
        blank=True,
        help_text=_("The Word file the minutes were imported from; kept as an attachment."),
    )
    # The preview's token: one upload becomes one meeting, however often "Importer" is sent.
    import_key = models.CharField(max_length=32, blank=True, editable=False)
    # Set when the agenda first leaves the portal (invitation, comments, approval, publication).
    # Until then a deleted case's number can be given back (meetings.numbering).
    numbers_settled = models.BooleanField(_("case numbers settled"), default=False, editable=False)
    # iCalendar identity: calendar programs match updates by UID and take the highest SEQUENCE.
    ical_uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[also_for])
    objects = MeetingQuerySet.as_manager()

    class Meta:
        # pk breaks ties: two meetings at the same start are always listed alike.
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["group", "starts_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["import_key"],
                condition=~models.Q(import_key=""),
                name="unique_meeting_import_key",
            )
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.title} {local:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"meeting_id": self.pk})

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})

    @property
    def year(self) -> int:
        return timezone.localtime(self.starts_at).year

    @property
    def is_locked(self) -> bool:
        """Approved minutes change only after an explicit reopening."""
        return self.minutes_status == self.MinutesStatus.APPROVED


class Participant(models.Model):
    """Who was at the meeting, who sent apologies, who stood in for whom, and guests."""

    class Attendance(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent with notice")
        SUBSTITUTE = "substitute", _("Substitute")
        # Officers who attend without a seat: minutes list them apart ("Fra administrasjonen").
        OFFICER = "officer", _("From the administration")
        GUEST = "guest", _("Guest")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        "projects.Person",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("person"),
    )
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.PRESENT
    )
    role = models.CharField(
        _("title or role"),
        max_length=100,
        blank=True,
        help_text=_("As on the day, e.g. kommunalsjef or hovedtillitsvalgt."),
    )
    organisation = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    substitute_for = models.ForeignKey(
        "projects.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="substituted_by",
        verbose_name=_("substitute for"),
        help_text=_("“møtte for …”"),
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("E.g. “last part of the meeting only”.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "attendance", "person__name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="unique_participant")
        ]

    def __str__(self):
        return f"{self.person} ({self.get_attendance_display()})"

    def clean(self):
        if self.substitute_for_id and self.attendance != self.Attendance.SUBSTITUTE:
            raise ValidationError({"substitute_for": _("Only a substitute stands in for someone.")})


class MinutesEvent(models.Model):
    """A step of the minutes workflow: who did it, when, and why."""

    class Kind(models.TextChoices):
        SENT_FOR_COMMENTS = "sent_for_comments", _("Sent for comments")
        APPROVED = "approved", _("Approved")
        AUTO_APPROVED = "auto_approved", _("Approved when the comment deadline passed")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        REOPENED = "reopened", _("Reopened")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("step"), max_length=30, choices=Kind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    # Old minutes entered later were approved long before they were recorded here (``at``).
    effective_on = models.DateField(
        _("approved on"),
        null=True,
        blank=True,
        help_text=_("The day the minutes were approved, when that was before they were entered."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "at", "id"]
        verbose_name = _("minutes event")
        verbose_name_plural = _("minutes events")

    def __str__(self):
        return f"{self.meeting}: {self.get_kind_display()}"

    @property
    def day(self):
        """The day the step counts from: for an earlier approval, the day it was approved."""
        return self.effective_on or timezone.localtime(self.at).date()
