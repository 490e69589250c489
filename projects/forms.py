from django import forms
from django.utils.translation import gettext_lazy as _

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
from projects.selectors import people_for_project
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
    role = forms.ChoiceField(label=_("Role"), choices=GroupMembership.Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Represents"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("Leave empty to use the person's own organisation."),
    )
    start_date = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    replaces = forms.ModelChoiceField(
        label=_("Replaces"),
        queryset=GroupMembership.objects.none(),
        required=False,
        help_text=_("The seat this person takes over (“ny etter …”); it ends the day before."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, group: ProjectGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_for_project(group.project)
        self.fields["person"].label_from_instance = _person_label
        self.fields["replaces"].queryset = (
            group.memberships.current().select_related("person").order_by("person__name")
        )
        self.fields["replaces"].label_from_instance = lambda m: m.person.name

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
        if cleaned.get("replaces") and not cleaned.get("start_date"):
            self.add_error(
                "start_date", _("Give the start date, so the earlier seat can end the day before.")
            )
        return cleaned


def _person_label(person: Person) -> str:
    if person.organisation_id:
        return f"{person.name} ({person.organisation.name})"
    return person.name


class MembershipEndForm(forms.Form):
    end_date = forms.DateField(label=_("Last day in the group"), widget=DateInput())
