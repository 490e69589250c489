import hashlib
import json

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects import roster
from projects.models import (
    CouncilDecision,
    GroupMandate,
    GroupMembership,
    Organisation,
    Person,
    Phase,
    ProgressEntry,
    Project,
    ProjectGroup,
    ProjectParticipation,
)
from projects.selectors import people_for_project, seated_person_ids
from projects.widgets import OrganisationSelect
from samarbeid.forms import DateInput, SeenVersionMixin


class ProjectForm(SeenVersionMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = ["name", "short_name", "background", "status", "start_date", "end_date", "parent"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, parent_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parent_choices is not None:
            self.fields["parent"].queryset = parent_choices.exclude(pk=self.instance.pk)
        self._limit_status_to_closing_state()

    def _limit_status_to_closing_state(self):
        """Completed and cancelled come with a closing date (project_setup.project_close), so
        an open project offers planned/active and a closed one completed/cancelled."""
        status = Project.Status
        closed = bool(self.instance.closed_on)
        if closed:
            allowed = {status.COMPLETED, status.CANCELLED}
        else:
            allowed = {status.PLANNED, status.ACTIVE}
        # Projects marked completed before closing existed keep their status.
        allowed.add(self.instance.status)
        self.fields["status"].choices = [
            (value, label) for value, label in status.choices if value in allowed
        ]
        if not closed:
            self.fields["status"].help_text = _(
                "To mark the project completed or cancelled, close it from its page."
            )


class PhaseForm(SeenVersionMixin, forms.ModelForm):
    class Meta:
        model = Phase
        fields = [
            "number",
            "title",
            "purpose",
            "goals",
            "main_activities",
            "deadline",
            "deadline_note",
            "status",
        ]
        widgets = {"deadline": DateInput()}


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = ProjectParticipation
        fields = ["organisation", "role"]
        # Ended ones too: a project's history names municipalities merged since.
        widgets = {"organisation": OrganisationSelect(include_ended=True)}


class CouncilDecisionForm(forms.ModelForm):
    class Meta:
        model = CouncilDecision
        fields = ["municipality", "case_number", "decided_on", "title", "text", "phase"]
        widgets = {"decided_on": DateInput()}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Organisation.objects.filter(
            participations__project=project, kind=Organisation.Kind.MUNICIPALITY
        )
        self.fields["phase"].queryset = project.phases.all()


class ProgressEntryForm(SeenVersionMixin, forms.ModelForm):
    class Meta:
        model = ProgressEntry
        fields = ["status", "decision", "note"]

    def __init__(self, *args, project: Project, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = CouncilDecision.objects.filter(
            project=project, municipality=organisation
        )


class GroupForm(SeenVersionMixin, forms.ModelForm):
    class Meta:
        model = ProjectGroup
        fields = ["kind", "name", "decision_label"]


class GroupCreateForm(GroupForm):
    mandate = forms.CharField(label=_("Mandate"), widget=forms.Textarea, required=False)


class MandateForm(forms.ModelForm):
    class Meta:
        model = GroupMandate
        fields = ["text", "adopted_on", "note"]
        widgets = {"adopted_on": DateInput()}


class MembershipForm(forms.Form):
    """Seat an existing person, or name a new one (most people in minutes never log in)."""

    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), required=False
    )
    new_person_name = forms.CharField(label=_("Or a new person: name"), required=False)
    new_person_title = forms.CharField(label=_("New person's title"), required=False)
    new_person_email = forms.EmailField(
        label=_("New person's e-mail"),
        required=False,
        help_text=_("Invitations, minutes and reminders go to this address."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=GroupMembership.Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Represents"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=OrganisationSelect(),
        help_text=_("Leave empty to use the person's own organisation."),
    )
    start_date = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    replaces = forms.ModelChoiceField(
        label=_("Replaces"),
        queryset=GroupMembership.objects.none(),
        required=False,
        help_text=_("The seat this person takes over (“ny etter …”); it ends the day before."),
    )
    stands_in_for = forms.ModelChoiceField(
        label=_("Deputy for"),
        queryset=GroupMembership.objects.none(),
        required=False,
        help_text=_(
            "For the role deputy: the member they stand in for (personlig vara). Leave empty "
            "for a general deputy of the organisation they represent."
        ),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, group: ProjectGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["person"].queryset = people_for_project(group.project)
        self.fields["person"].label_from_instance = _person_label
        self.fields["replaces"].queryset = (
            group.memberships.current().select_related("person").order_by("person__name")
        )
        self.fields["replaces"].label_from_instance = lambda m: m.person.name
        self.fields["stands_in_for"].queryset = deputy_targets(group)
        self.fields["stands_in_for"].label_from_instance = _seat_label

    def clean(self):
        cleaned = super().clean()
        person = cleaned.get("person")
        new_name = (cleaned.get("new_person_name") or "").strip()
        if person and new_name:
            raise forms.ValidationError(
                _("Choose a person from the list or name a new one, not both.")
            )
        if not person and not new_name:
            self.add_error("person", _("Choose a person or name a new one."))
        self._check_new_email(person, (cleaned.get("new_person_email") or "").strip())
        if cleaned.get("replaces") and not cleaned.get("start_date"):
            self.add_error(
                "start_date", _("Give the start date, so the earlier seat can end the day before.")
            )
        elif person and person.pk in seated_person_ids(
            self.group, on=cleaned.get("start_date"), exclude_seat=cleaned.get("replaces")
        ):
            self.add_error(
                "person",
                _(
                    "%(name)s already has a seat in the group. End it first, or choose it under "
                    "“Replaces” to give them a new role."
                )
                % {"name": person.name},
            )
        _check_deputy(self, cleaned)
        return cleaned

    def _check_new_email(self, person, email: str) -> None:
        if not email:
            return
        if person:
            self.add_error(
                "new_person_email",
                _("The e-mail address is for a new person; change a known one on their page."),
            )
            return
        existing = Person.objects.filter(email__iexact=email).first()
        if existing is None:
            return
        if self.fields["person"].queryset.filter(pk=existing.pk).exists():
            message = _("%(name)s already has this e-mail address: choose them from the list.") % {
                "name": existing.name
            }
        else:
            message = _("Another person already has this e-mail address.")
        self.add_error("new_person_email", message)


def _check_deputy(form, cleaned) -> None:
    """The model refuses it too; said here, it stops the form before a new person is made."""
    if cleaned.get("stands_in_for") and cleaned.get("role") != GroupMembership.Role.DEPUTY:
        form.add_error("stands_in_for", _("Only a deputy stands in for another member."))


def deputy_targets(group: ProjectGroup, *, keep: int | None = None):
    """The seats a deputy may stand in for: the group's current seats that are no deputies,
    and ``keep``, the seat an edited deputy stands in for now, so that a member who has left
    stays chosen rather than being silently cleared by the save."""
    current = group.memberships.current().exclude(role=GroupMembership.Role.DEPUTY)
    return (
        group.memberships.filter(Q(pk__in=current.values("pk")) | Q(pk=keep))
        .select_related("person", "organisation")
        .order_by("person__name")
    )


def _seat_label(seat: GroupMembership) -> str:
    if seat.organisation_id:
        return f"{seat.person.name} ({seat.organisation.name})"
    return seat.person.name


def _person_label(person: Person) -> str:
    if person.organisation_id:
        return f"{person.name} ({person.organisation.name})"
    return person.name


class MembershipEditForm(SeenVersionMixin, forms.ModelForm):
    """A seat's terms; who sits in it does not change (a new person is a new seat)."""

    class Meta:
        model = GroupMembership
        fields = ["role", "organisation", "stands_in_for", "start_date", "end_date", "note"]
        widgets = {
            "organisation": OrganisationSelect(),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        seat = self.instance
        self.fields["stands_in_for"].queryset = deputy_targets(
            seat.group, keep=seat.stands_in_for_id
        ).exclude(pk=seat.pk)
        self.fields["stands_in_for"].label_from_instance = _seat_label

    def clean(self):
        cleaned = super().clean()
        _check_deputy(self, cleaned)
        return cleaned


class MembershipEndForm(forms.Form):
    end_date = forms.DateField(label=_("Last day in the group"), widget=DateInput())


class PeopleBatchForm(forms.Form):
    """Several people at once, for a group or a meeting: ticked, pasted, or both.

    Posted without ``confirm`` it only checks and previews (``batch``); the save button of the
    preview sends ``confirm`` with the preview's ``signature()``, and only a post whose data
    still gives that signature is saved: what is saved is what the secretary saw.
    """

    people = forms.ModelMultipleChoiceField(
        label=_("People in the project"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lines = forms.CharField(
        label=_("Or paste names, one a line"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        max_length=40_000,
        # Stripped, leading blank lines would shift every "Linje N" from the box's own lines.
        strip=False,
        help_text=_(
            "“Kari Nordmann” or “Kari Nordmann, rådgiver”: a name, and a title after a comma "
            "or a tab, as copied from a Word table or Excel. A name the project knows is that "
            "person; any other becomes a new person, with the title."
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("Represents"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=OrganisationSelect(),
        help_text=_(
            "Leave empty to use each person's own organisation. New people are registered "
            "as working there."
        ),
    )

    # Subclasses: what "already there" means, with a %(name)s.
    taken_problem = ""
    taken_mark = ""

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch: roster.Batch | None = None
        taken_now = self.taken_ids({})
        self.fields["people"].queryset = people
        self.fields["people"].label_from_instance = lambda person: (
            f"{_person_label(person)} – {self.taken_mark}"
            if person.pk in taken_now
            else _person_label(person)
        )

    def taken_ids(self, cleaned: dict) -> set[int]:
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if "people" not in cleaned or "lines" not in cleaned:
            return cleaned
        self.batch = roster.resolve(
            text=cleaned["lines"],
            chosen=cleaned["people"],
            known=list(self.fields["people"].queryset),
            taken=self.taken_ids(cleaned),
            taken_problem=str(self.taken_problem),
        )
        for error in self.batch.line_errors:
            self.add_error("lines", error)
        for error in self.batch.choice_errors:
            self.add_error("people", error)
        if not self.batch.rows and not self.errors:
            raise forms.ValidationError(_("Tick people in the list or paste their names."))
        return cleaned

    def options(self) -> dict:
        """The choices made for the whole batch, as the service takes them."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("people", "lines")
        }

    def signature(self) -> str:
        """Names what the preview showed: the people as matched, and the batch's choices."""
        rows = [row.person.pk if row.person else [row.name, row.title] for row in self.batch.rows]
        choices = {
            name: getattr(value, "pk", value if value is None else str(value))
            for name, value in self.options().items()
        }
        text = json.dumps([rows, choices], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def confirmed(self) -> bool:
        return self.is_valid() and self.data.get("confirm") == self.signature()

    @property
    def changed_since_preview(self) -> bool:
        """Confirmed, but the people or choices differ from the preview (or someone else's
        change matches a name differently now): shown again, not saved."""
        confirm = self.data.get("confirm")
        return bool(confirm) and self.is_valid() and confirm != self.signature()


class GroupMembersForm(PeopleBatchForm):
    role = forms.ChoiceField(
        label=_("Role"), choices=GroupMembership.Role.choices, initial=GroupMembership.Role.MEMBER
    )
    start_date = forms.DateField(label=_("From"), widget=DateInput(), required=False)

    field_order = ["people", "lines", "role", "organisation", "start_date"]
    taken_problem = _("%(name)s already has a seat in the group.")
    taken_mark = _("has a seat")

    def __init__(self, *args, group: ProjectGroup, **kwargs):
        self.group = group
        super().__init__(*args, people=people_for_project(group.project), **kwargs)

    def taken_ids(self, cleaned: dict) -> set[int]:
        return seated_person_ids(self.group, on=cleaned.get("start_date"))
