from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Addresses under /prosjekter/ that are pages rather than projects (projects/urls.py).
# Addresses of pages under /prosjekter/ and /offentlig/ (the public search is "sok").
RESERVED_SLUGS = frozenset({"ny", "arkiverte", "sok"})


class Project(models.Model):
    """An inter-municipal collaboration project, or a pilot under a parent project."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("E.g. VÅG.")
    )
    slug = models.SlugField(
        _("address name"),
        max_length=80,
        unique=True,
        help_text=_("Used in the page address, e.g. vag."),
    )
    background = models.TextField(_("background"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subprojects",
        verbose_name=_("parent project"),
        help_text=_("For pilots and sub-projects: the project they belong to."),
    )
    organisations = models.ManyToManyField(
        "projects.Organisation",
        through="projects.ProjectParticipation",
        related_name="projects",
        verbose_name=_("participating organisations"),
    )
    closed_on = models.DateField(
        _("closed on"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the project is closed (avsluttet): it stays readable, takes no new "
            "pilots, and may be archived."
        ),
    )
    archived_on = models.DateField(
        _("archived on"),
        null=True,
        blank=True,
        help_text=_(
            "An archived project is left out of the project list and shown under “Archived”."
        ),
    )
    # Compared on save so that two people editing at once cannot overwrite each other.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    @property
    def is_archived(self) -> bool:
        return self.archived_on is not None

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is reserved for a page of the portal.")})
        if self.archived_on and not self.closed_on:
            raise ValidationError(_("Only a closed project can be archived."))
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A project cannot be its own parent.")})
            ancestor = ancestor.parent


class ProjectParticipation(models.Model):
    """An organisation taking part in a project; everyone in it may read the project."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Project owner")
        HOST = "host", _("Host municipality")
        PARTICIPANT = "participant", _("Participant")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="unique_project_participation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_role_display()}"

    def clean(self):
        if (
            self.role == self.Role.HOST
            and self.organisation_id
            and not self.organisation.is_municipality
        ):
            raise ValidationError({"role": _("Only a municipality can be host municipality.")})


class ProjectAdministrator(models.Model):
    """A user who runs the project in the portal (prosjektleder)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="administrators")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="administered_projects",
        verbose_name=_("user"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project administrator")
        verbose_name_plural = _("project administrators")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="unique_project_admin")
        ]

    def __str__(self):
        return f"{self.user} – {self.project}"


class Phase(models.Model):
    """A numbered phase of a project, as in a project plan."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("In progress")
        COMPLETED = "completed", _("Completed")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    main_activities = models.TextField(_("main activities"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_note = models.CharField(
        _("deadline as written"),
        max_length=200,
        blank=True,
        help_text=_("When the plan names no date, e.g. “the council meetings in December”."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="unique_phase_number")
        ]

    def __str__(self):
        return _("Phase %(number)s: %(title)s") % {"number": self.number, "title": self.title}


class FundingLine(models.Model):
    """Money granted to or budgeted for the project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding_lines")
    source = models.CharField(
        _("source"), max_length=200, help_text=_("E.g. the county governor's discretionary funds.")
    )
    amount = models.DecimalField(_("amount (NOK)"), max_digits=12, decimal_places=2)
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "year", "source"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")

    def __str__(self):
        return f"{self.source} {self.year}: {self.amount}"

    def clean(self):
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": _("The amount cannot be negative.")})
