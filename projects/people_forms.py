"""Forms of the register of people: a person, merging two, a person leaving their organisation."""

from __future__ import annotations

from django import forms
from django.core import signing
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from projects import member_import, person_permissions
from projects.models import GroupMembership, Organisation, Person
from projects.roster import normalised
from samarbeid.forms import DateInput, SeenVersionMixin


class PersonForm(SeenVersionMixin, forms.ModelForm):
    """A person's facts. An address another person has is refused; the same name in the same
    organisation is only a warning, saved once the editor ticks that it is someone else."""

    confirm_same_name = forms.BooleanField(
        label=_("Yes, this is another person with the same name"), required=False
    )

    class Meta:
        model = Person
        fields = ["name", "title", "organisation", "email", "phone"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.existing_person: Person | None = None
        self.same_name: list[Person] = []
        choices = person_permissions.organisations_for_new_people(user)
        if self.instance.organisation_id:
            choices = choices | Organisation.objects.filter(pk=self.instance.organisation_id)
        self.fields["organisation"].queryset = choices.distinct().order_by("name")
        # The tick is offered only once there is something to confirm.
        self.fields["confirm_same_name"].widget = forms.HiddenInput()

    def clean_name(self):
        # Pasted from Word, a name carries doubled and non-breaking spaces.
        return " ".join(self.cleaned_data["name"].split())

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if not email:
            return email
        existing = (
            Person.objects.filter(email__iexact=email)
            .exclude(pk=self.instance.pk)
            .select_related("organisation")
            .first()
        )
        if existing is not None:
            visible = person_permissions.people_for_user(self.user).filter(pk=existing.pk)
            self.existing_person = existing if visible.exists() else None
            raise forms.ValidationError(
                _("%(name)s already has this e-mail address.") % {"name": existing.name}
                if self.existing_person
                else _("Another person already has this e-mail address.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        name, organisation = cleaned.get("name"), cleaned.get("organisation")
        if name and organisation and not self.errors:
            key = normalised(name)
            self.same_name = [
                person
                for person in organisation.people.exclude(pk=self.instance.pk)
                if normalised(person.name) == key
            ]
            if self.same_name and not cleaned.get("confirm_same_name"):
                self.fields["confirm_same_name"].widget = forms.CheckboxInput()
                self.add_error(
                    "confirm_same_name",
                    _("There is already a %(name)s in %(organisation)s.")
                    % {"name": self.same_name[0].name, "organisation": organisation.name},
                )
        return cleaned

    def changes(self) -> dict:
        return {
            name: value for name, value in super().changes().items() if name != "confirm_same_name"
        }


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)


def merge_candidates(user, person: Person):
    """People the merge form offers: likely duplicates the user may also manage."""
    rules = Q(name__iexact=person.name)
    if person.organisation_id:
        rules |= Q(organisation_id=person.organisation_id)
    if person.email:
        rules |= Q(email__iexact=person.email)
    return (
        Person.objects.filter(rules, id__in=person_permissions.manageable_person_ids(user))
        .exclude(pk=person.pk)
        .select_related("organisation")
        .order_by("name")
    )


class PersonMergeForm(forms.Form):
    KEEP_THIS, KEEP_OTHER = "this", "other"

    other = forms.ModelChoiceField(
        label=_("The duplicate"), queryset=Person.objects.none(), empty_label=None
    )
    keep = forms.ChoiceField(label=_("Keep"), widget=forms.RadioSelect)

    def __init__(self, *args, user, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.person = user, person
        self.fields["other"].queryset = merge_candidates(user, person)
        self.fields["other"].label_from_instance = _describe
        self.fields["keep"].choices = [
            (self.KEEP_THIS, _("%(person)s (this page)") % {"person": _describe(person)}),
            (self.KEEP_OTHER, _("The duplicate chosen above")),
        ]

    def clean_other(self):
        other = self.cleaned_data["other"]
        if not person_permissions.may_merge_person(self.user, other):
            raise forms.ValidationError(
                _("%(name)s also appears in projects you do not run; ask the portal admin.")
                % {"name": other.name}
            )
        return other

    def pair(self) -> tuple[Person, Person]:
        """(keep, remove)."""
        other = self.cleaned_data["other"]
        if self.cleaned_data["keep"] == self.KEEP_THIS:
            return self.person, other
        return other, self.person


def _describe(person: Person) -> str:
    parts = [person.name, person.title, getattr(person.organisation, "name", ""), person.email]
    return " – ".join(part for part in parts if part)


class PersonLeaveForm(forms.Form):
    """The date, where the person goes, and who takes over each seat the user may change."""

    end_date = forms.DateField(label=_("Last day"), widget=DateInput())
    new_organisation = forms.ModelChoiceField(
        label=_("New organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("Leave empty when you do not know where the person goes."),
    )

    def __init__(self, *args, person: Person, seats: list[GroupMembership], **kwargs):
        super().__init__(*args, **kwargs)
        self.person, self.seats = person, seats
        colleagues = Person.objects.none()
        if person.organisation_id:
            colleagues = Person.objects.filter(organisation_id=person.organisation_id).exclude(
                pk=person.pk
            )
        self.fields["new_organisation"].queryset = Organisation.objects.exclude(
            pk=person.organisation_id or 0
        )
        for seat in seats:
            self.fields[f"successor_{seat.pk}"] = forms.ModelChoiceField(
                label=_("Successor in %(group)s (%(role)s, %(project)s)")
                % {
                    "group": seat.group.name,
                    "role": seat.get_role_display(),
                    "project": seat.group.project,
                },
                queryset=colleagues,
                required=False,
                help_text=_("Takes the seat over from the next day; leave empty for nobody."),
            )

    def clean_end_date(self):
        end_date = self.cleaned_data["end_date"]
        for seat in self.seats:
            if seat.start_date and seat.start_date > end_date:
                raise forms.ValidationError(
                    _("The seat in %(group)s starts %(date)s, after the last day.")
                    % {"group": seat.group.name, "date": date_format(seat.start_date)}
                )
        return end_date

    def successors(self) -> dict[int, Person | None]:
        return {seat.pk: self.cleaned_data.get(f"successor_{seat.pk}") for seat in self.seats}


class MembersImportForm(forms.Form):
    """Upload a file, see every row checked, then import all of it with one more click.

    The preview's button sends the file's cells back signed, so the confirmed import is the
    file that was previewed, checked again against the register as it is then.
    """

    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        required=False,
        help_text=_(
            "First row: the column names navn, tittel, organisasjon, e-post, telefon, rolle, "
            "fra. Only navn is required."
        ),
    )
    table = forms.CharField(widget=forms.HiddenInput, required=False)
    confirm = forms.BooleanField(widget=forms.HiddenInput, required=False)

    SALT = "projects.members_import"

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.result: member_import.Import | None = None

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        try:
            if upload is not None:
                table = member_import.read_table(upload.name, upload.read())
                cleaned["confirm"] = False
            elif cleaned.get("table"):
                table = signing.loads(cleaned["table"], salt=self.SALT, max_age=86400)[
                    str(self.group.pk)
                ]
            else:
                raise forms.ValidationError(_("Choose a file to import."))
            self.result = member_import.check(self.group, table)
        except member_import.ImportError_ as error:
            raise forms.ValidationError(str(error)) from None
        except (signing.BadSignature, KeyError, TypeError):
            raise forms.ValidationError(_("Upload the file again.")) from None
        self.signed_table = signing.dumps({str(self.group.pk): table}, salt=self.SALT)
        return cleaned

    def confirmed(self) -> bool:
        """Whether to import now: the preview's button, and nothing to correct."""
        return (
            self.is_valid()
            and self.cleaned_data["confirm"]
            and not self.result.errors
            and bool(self.result.rows)
        )
