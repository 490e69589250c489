from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Enhetsregisteret's check digit: weights 3 2 7 6 5 4 3 2 over the first eight digits, modulus 11.
_ORGANISATION_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def organisation_number_is_valid(number: str) -> bool:
    if len(number) != 9 or not number.isdigit():
        return False
    remainder = (
        sum(int(d) * w for d, w in zip(number[:8], _ORGANISATION_NUMBER_WEIGHTS, strict=True)) % 11
    )
    check = (11 - remainder) % 11
    # A remainder of 1 would need the check digit 10: Brønnøysund never issues such a number.
    return check != 10 and check == int(number[8])


def validate_organisation_number(value: str) -> None:
    if not (len(value) == 9 and value.isdigit()):
        raise ValidationError(_("An organisation number has nine digits."), code="format")
    if not organisation_number_is_valid(value):
        raise ValidationError(
            _(
                "%(number)s is not an organisation number that exists: its check digit is wrong. "
                "Check the number in Enhetsregisteret (Brønnøysund)."
            ),
            code="check_digit",
            params={"number": value},
        )


class Organisation(models.Model):
    """A municipality or another body taking part in projects (NAV office, county governor, KS)."""

    # Kinds shipped as the national register (projects/data): never created by hand.
    REGISTER_KINDS = ("municipality", "county_council")

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        NAV_OFFICE = "nav_office", _("NAV office")
        NAV_COUNTY = "nav_county", _("NAV county office")
        COUNTY_GOVERNOR = "county_governor", _("County governor")
        COUNTY_COUNCIL = "county_council", _("County council")
        KS = "ks", _("KS (municipal sector organisation)")
        STATE_AGENCY = "state_agency", _("State agency")
        COMPANY = "company", _("Company")
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
    county_number = models.CharField(
        _("county number"),
        max_length=2,
        blank=True,
        validators=[RegexValidator(r"^\d{2}$", _("A county number has two digits."))],
        help_text=_("Official two-digit number of a county council, e.g. 34 for Innlandet."),
    )
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("Nine digits from Enhetsregisteret (Brønnøysund)."),
    )
    county = models.CharField(_("county"), max_length=100, blank=True)
    ended_on = models.DateField(
        _("ended on"),
        null=True,
        blank=True,
        help_text=_(
            "Last day the organisation existed (e.g. 31.12.2019 for a municipality merged in "
            "2020). An ended organisation is no longer offered in forms."
        ),
    )
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
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
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
            ),
            models.UniqueConstraint(
                fields=["county_number"],
                condition=~models.Q(county_number=""),
                name="unique_county_number",
            ),
            models.UniqueConstraint(
                fields=["organisation_number"],
                condition=~models.Q(organisation_number=""),
                name="unique_organisation_number",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.MUNICIPALITY and not self.municipality_number:
            raise ValidationError(
                {"municipality_number": _("A municipality must have its municipality number.")}
            )
        if self.kind != self.Kind.MUNICIPALITY and self.municipality_number:
            raise ValidationError(
                {"municipality_number": _("Only municipalities have a municipality number.")}
            )
        if self.kind == self.Kind.COUNTY_COUNCIL and not self.county_number:
            raise ValidationError({"county_number": _("A county council must have its number.")})
        if self.kind != self.Kind.COUNTY_COUNCIL and self.county_number:
            raise ValidationError(
                {"county_number": _("Only county councils have a county number.")}
            )
        if self.merged_into_id and self.merged_into_id == self.pk:
            raise ValidationError({"merged_into": _("An organisation cannot merge into itself.")})

    @property
    def is_municipality(self) -> bool:
        return self.kind == self.Kind.MUNICIPALITY

    @property
    def is_ended(self) -> bool:
        # A merger recorded before ended_on existed has no date: it has ended all the same.
        return self.ended_on is not None or self.merged_into_id is not None

    @property
    def is_from_register(self) -> bool:
        return self.kind in self.REGISTER_KINDS

    @property
    def number(self) -> str:
        """The official number shown beside the name: municipality, county or organisation."""
        return self.municipality_number or self.county_number or self.organisation_number


class OrganisationSuccession(models.Model):
    """One successor of an organisation that was split (Tysfjord → Narvik and Hamarøy) or that
    gave up part of itself (Ålesund → Haram). A plain merger is ``Organisation.merged_into``."""

    predecessor = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="successions",
        verbose_name=_("predecessor"),
    )
    successor = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="succeeded",
        verbose_name=_("successor"),
    )
    effective_on = models.DateField(
        _("effective on"), help_text=_("First day the successor took over (e.g. 1.1.2024).")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["effective_on", "successor__name"]
        verbose_name = _("organisation succession")
        verbose_name_plural = _("organisation successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unique_organisation_succession"
            )
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"

    def clean(self):
        if self.predecessor_id and self.predecessor_id == self.successor_id:
            raise ValidationError({"successor": _("An organisation cannot succeed itself.")})


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
