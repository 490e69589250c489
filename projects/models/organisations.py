from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Organisation(models.Model):
    """A municipality or another body taking part in projects (NAV office, county governor, KS)."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        NAV_OFFICE = "nav_office", _("NAV office")
        NAV_COUNTY = "nav_county", _("NAV county office")
        COUNTY_GOVERNOR = "county_governor", _("County governor")
        COUNTY_COUNCIL = "county_council", _("County council")
        KS = "ks", _("KS (municipal sector organisation)")
        CONSULTANCY = "consultancy", _("Consultancy")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    municipality_number = models.CharField(
        _("municipality number"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("A municipality number has four digits."))],
        help_text=_("Official four-digit number from Statistics Norway, e.g. 3417 for Grue."),
    )
    county = models.CharField(_("county"), max_length=100, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("merged into"),
        help_text=_(
            "The organisation this one became part of in a merger (e.g. a new municipality); "
            "its decisions and seats stay recorded under its own name."
        ),
    )
    # Grants to "everyone in this organisation" are held by this auth group, so a new
    # colleague reads the right projects as soon as they join it.
    auth_group = models.OneToOneField(
        "auth.Group",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="organisation",
    )

    history = HistoricalRecords(excluded_fields=["auth_group"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality_number"],
                condition=~models.Q(municipality_number=""),
                name="unique_municipality_number",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.MUNICIPALITY and not self.municipality_number:
            raise ValidationError(
                {"municipality_number": _("A municipality must have its municipality number.")}
            )
        if self.kind != self.Kind.MUNICIPALITY and self.municipality_number:
            raise ValidationError(
                {"municipality_number": _("Only municipalities have a municipality number.")}
            )
        if self.merged_into_id and self.merged_into_id == self.pk:
            raise ValidationError({"merged_into": _("An organisation cannot merge into itself.")})

    @property
    def is_municipality(self) -> bool:
        return self.kind == self.Kind.MUNICIPALITY


class Person(models.Model):
    """Someone named in groups and minutes. Many never log in, so the user link is optional."""

    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
        help_text=_("Leave empty when the minutes do not say where the person works."),
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("E.g. kommunedirektør, NAV-leder.")
    )
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("One person per address: invitations and sign-in find the person by it."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        # Loose on purpose: minutes write "+47 912 34 567", "62 95 60 00" or "91234567".
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 ]*$",
                _("A phone number has digits and spaces only, with a + first if you like."),
            )
        ],
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
    )
    # Lets the edit form refuse a stale save (samarbeid.conflicts).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            # Case-insensitive, as mail is; blank means "not known yet" and may repeat.
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="unique_person_email",
                violation_error_message=_("Another person already has this e-mail address."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:detail", kwargs={"person_id": self.pk})
