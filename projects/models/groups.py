import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class ProjectGroup(models.Model):
    """A steering group, working group or other body of a project that holds meetings."""

    class Kind(models.TextChoices):
        STEERING_GROUP = "steering_group", _("Steering group")
        WORKING_GROUP = "working_group", _("Working group")
        PROJECT_GROUP = "project_group", _("Project group")
        PARTNERSHIP_MEETING = "partnership_meeting", _("Partnership meeting")
        COOPERATION_FORUM = "cooperation_forum", _("Cooperation forum")
        OTHER = "other", _("Other")

    class DecisionLabel(models.TextChoices):
        # "Decision" alone is also a kind of case; the context keeps the two translatable apart.
        DECISION = "decision", pgettext_lazy("heading of a case's decision", "Decision")
        CONCLUSION = "conclusion", pgettext_lazy("heading of a case's decision", "Conclusion")
        CONCLUSIONS = "conclusions", pgettext_lazy("heading of a case's decision", "Conclusions")
        RESOLUTION = "resolution", pgettext_lazy("heading of a case's decision", "Resolution")

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="groups",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    decision_label = models.CharField(
        _("heading of decisions"),
        max_length=20,
        choices=DecisionLabel.choices,
        default=DecisionLabel.DECISION,
        help_text=_(
            "What the group's minutes call the decision of a case. It heads the decision in "
            "the case form, on the meeting page and in the minutes; approved minutes keep the "
            "heading they were approved with, and the public sees a change once the minutes "
            "are published again."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="unique_group_name")
        ]
        permissions = [
            ("record_minutes", _("Can plan meetings and record minutes for the group")),
            ("take_part", _("Can take part as a member: comment and update own action items")),
            # The group's secretary keeps its roster, but not its name, mandate or other groups.
            ("manage_members", _("Can add, edit and end the group's memberships")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "projects:group_detail", kwargs={"slug": self.project.slug, "group_id": self.pk}
        )

    @classmethod
    def decision_heading(cls, label: str | None) -> str:
        """The heading for a stored label; the default for none (older published minutes)."""
        try:
            return cls.DecisionLabel(label).label
        except ValueError:
            return cls.DecisionLabel.DECISION.label


class GroupMandate(models.Model):
    """One revision of a group's mandate; the newest adopted one is in force."""

    group = models.ForeignKey(ProjectGroup, on_delete=models.CASCADE, related_name="mandates")
    text = models.TextField(_("mandate"))
    adopted_on = models.DateField(_("adopted"), default=datetime.date.today)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("What changed and who decided it, e.g. “extended by the steering group”."),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "-adopted_on", "-id"]
        get_latest_by = ["adopted_on", "id"]
        verbose_name = _("mandate revision")
        verbose_name_plural = _("mandate revisions")

    def __str__(self):
        return _("Mandate of %(group)s adopted %(date)s") % {
            "group": self.group,
            "date": self.adopted_on,
        }


class GroupMembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(
            models.Q(start_date__isnull=True) | models.Q(start_date__lte=on),
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=on),
        )

    def without_deputies(self):
        """The seats a meeting invites and a group's responsibility reaches: deputies are
        called in when a member cannot come, and answer for nothing until then."""
        return self.exclude(role=GroupMembership.Role.DEPUTY)


class GroupMembership(models.Model):
    """A person's seat in a group, with role and dates: history shows who sat when."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary")
        UNION_REPRESENTATIVE = "union_rep", _("Union representative")
        CHIEF_UNION_REPRESENTATIVE = "chief_union_rep", _("Chief union representative")
        SAFETY_REPRESENTATIVE = "safety_rep", _("Safety representative")
        OBSERVER = "observer", _("Observer")
        DEPUTY = "deputy", _("Deputy")

    group = models.ForeignKey(ProjectGroup, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        "projects.Person",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_memberships",
        verbose_name=_("represents"),
        help_text=_("The organisation the person represents in this group."),
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
        help_text=_("The earlier seat this one takes over (“ny etter …”)."),
    )
    stands_in_for = models.ForeignKey(
        "self",
        # As ``replaces``: a group deleted with all its seats must not be held up by them.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputies",
        verbose_name=_("deputy for"),
        help_text=_(
            "For a deputy: the member seat they stand in for (personlig vara). Empty for a "
            "general deputy of the organisation represented."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "role", "person__name"]
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} ({self.group})"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
        if self.replaces_id and self.replaces.group_id != self.group_id:
            raise ValidationError({"replaces": _("Can only replace a seat in the same group.")})
        self._clean_deputy()

    def _clean_deputy(self):
        if self.role != self.Role.DEPUTY:
            if self.stands_in_for_id:
                raise ValidationError(
                    {"stands_in_for": _("Only a deputy stands in for another member.")}
                )
            return
        if self.stands_in_for_id is None:
            if self.organisation_id is None:
                raise ValidationError(
                    {
                        "stands_in_for": _(
                            "Choose the member the deputy stands in for, or the organisation "
                            "they are a general deputy for."
                        )
                    }
                )
            return
        seat = self.stands_in_for
        if seat.group_id != self.group_id:
            raise ValidationError(
                {"stands_in_for": _("A deputy stands in for a member of the same group.")}
            )
        if seat.role == self.Role.DEPUTY or (self.pk and seat.pk == self.pk):
            raise ValidationError(
                {"stands_in_for": _("A deputy stands in for a member, not for another deputy.")}
            )
        if seat.person_id == self.person_id:
            raise ValidationError({"stands_in_for": _("A person cannot be their own deputy.")})

    @property
    def is_deputy(self) -> bool:
        return self.role == self.Role.DEPUTY

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        started = self.start_date is None or self.start_date <= on
        ended = self.end_date is not None and self.end_date < on
        return started and not ended


class GroupSeatPlan(models.Model):
    """A line of a group's stated composition, as the decision that set it up words it.

    "One representative from each municipality and a union representative" is three or four
    lines; the seats are filled later by memberships, and the group page counts them.
    """

    group = models.ForeignKey(ProjectGroup, on_delete=models.CASCADE, related_name="seat_plan")
    role = models.CharField(
        _("role"), max_length=20, choices=GroupMembership.Role.choices, default="member"
    )
    organisation = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seat_plans",
        verbose_name=_("from"),
        help_text=_("Empty when any organisation may fill the seats."),
    )
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=1, validators=[MinValueValidator(1)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "id"]
        verbose_name = _("planned seats")
        verbose_name_plural = _("planned seats")

    def __str__(self):
        where = f" ({self.organisation})" if self.organisation_id else ""
        return f"{self.seats} × {self.get_role_display()}{where}"
