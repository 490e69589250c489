from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.richtext import sanitise


class CaseSequence(models.Model):
    """The last case number given out in a group and year.

    A counter row, locked while a number is taken, is what keeps numbers unique
    and never reused when two secretaries add cases at the same moment or a case
    is deleted. It is bookkeeping, not content, so it keeps no history.
    """

    group = models.ForeignKey(
        "projects.ProjectGroup", on_delete=models.CASCADE, related_name="case_sequences"
    )
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "year"], name="unique_case_sequence")
        ]

    def __str__(self):
        return f"{self.group} {self.year}: {self.last_number}"


class Case(models.Model):
    """A case (sak) on a meeting's agenda, or waiting in the group's queue."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        INFORMATION = "information", _("Information")
        DISCUSSION = "discussion", _("Discussion")
        AGENDA_APPROVAL = "agenda_approval", _("Approval of invitation and agenda")
        MINUTES_APPROVAL = "minutes_approval", _("Approval of minutes")
        ANY_OTHER_BUSINESS = "any_other_business", _("Any other business")

    group = models.ForeignKey(
        "projects.ProjectGroup",
        on_delete=models.CASCADE,
        related_name="cases",
        verbose_name=_("group"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("meeting"),
        help_text=_("Empty while the case waits in the group's queue."),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    position = models.PositiveIntegerField(_("position on the agenda"), default=0)
    title = models.CharField(_("title"), max_length=300)
    presenter = models.CharField(
        _("presented by"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Kari Nordmann, project manager."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.DECISION)
    notes = models.TextField(_("notes"), blank=True, help_text=_("Sanitised HTML."))
    decision = models.TextField(_("decision"), blank=True, help_text=_("Sanitised HTML."))
    approves_minutes_of = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_by_cases",
        verbose_name=_("approves the minutes of"),
    )
    postponed_from = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="postponed_cases",
        verbose_name=_("postponed from"),
    )
    exempt_from_public = models.BooleanField(_("exempt from public access"), default=False)
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=200,
        blank=True,
        help_text=_("Shown instead of the case in public minutes, e.g. offl. § 14."),
    )
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_blank = models.PositiveSmallIntegerField(_("blank votes"), null=True, blank=True)
    vote_details = models.TextField(_("how each party voted"), blank=True)
    recusals = models.TextField(
        _("stepped aside"),
        blank=True,
        help_text=_(
            "Who stepped aside for conflict of interest (“X fratrådte under behandlingen”)."
        ),
    )
    attendance_note = models.TextField(
        _("attendance for this case"),
        blank=True,
        help_text=_("Who came late or left before this case."),
    )
    # When the text was last edited: the version a stale save is checked against. Moving
    # the case on the agenda does not change it, so nobody gets a conflict for a move.
    updated_at = models.DateTimeField(_("text last edited"), default=timezone.now)
    # What the decision made exist. Kept here, not in projects: meetings depend on projects,
    # never the other way round (the group page reads these through meetings' template tags).
    established_groups = models.ManyToManyField(
        "projects.ProjectGroup",
        blank=True,
        related_name="established_in",
        verbose_name=_("groups established"),
        help_text=_("Groups the decision of this case set up (“oppretter en arbeidsgruppe”)."),
    )
    council_decisions = models.ManyToManyField(
        "projects.CouncilDecision",
        blank=True,
        related_name="cases",
        verbose_name=_("council decisions"),
        help_text=_("Council decisions the case refers to or prepared (“k-sak 042/20”)."),
    )

    history = HistoricalRecords(m2m_fields=[established_groups, council_decisions])

    # HTML shown with |safe: save() cleans them.
    RICH_TEXT_FIELDS = ("notes", "decision")

    class Meta:
        ordering = ["meeting", "position", "number"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year", "number"],
                condition=models.Q(number__isnull=False),
                name="unique_case_number",
            )
        ]
        indexes = [models.Index(fields=["meeting", "position"])]

    def __str__(self):
        return f"{self.label} {self.title}" if self.number else self.title

    def save(self, *args, **kwargs):
        # Cleaned here, not in a form: the Django admin, the services, the demo loader and
        # any later path store the same clean HTML, which the templates show with |safe.
        for name in self.RICH_TEXT_FIELDS:
            setattr(self, name, sanitise(getattr(self, name)))
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        """“Sak 3/18”."""
        if self.number is None:
            # "Any other business", until the agenda is settled (meetings.numbering).
            return str(_("Case –"))
        return _("Case %(number)s/%(year)02d") % {"number": self.number, "year": self.year % 100}

    @property
    def public_title(self) -> str:
        """The title as the public may read it: an exempt case's own title is not public."""
        return str(_("Exempt from public access")) if self.exempt_from_public else self.title

    def clean(self):
        if self.kind == self.Kind.MINUTES_APPROVAL and self.approves_minutes_of_id is None:
            raise ValidationError(
                {"approves_minutes_of": _("Name the meeting whose minutes this case approves.")}
            )
        if self.exempt_from_public and not self.legal_basis.strip():
            raise ValidationError(
                {"legal_basis": _("Give the legal basis for exempting the case, e.g. offl. § 14.")}
            )


class CaseComment(models.Model):
    """A member's comment on a case of draft minutes."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        related_name="case_comments",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"))
    objection = models.BooleanField(
        _("objection"),
        default=False,
        help_text=_("An objection stops the minutes from counting as approved at the deadline."),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.author}: {self.text[:60]}"
