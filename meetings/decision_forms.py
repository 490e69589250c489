"""Forms for what a case's decision makes exist: a group, a link to a council decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import CouncilDecision, GroupMembership, Organisation, Project, ProjectGroup
from projects.services import SeatPlanLine
from samarbeid.forms import DateInput

# Lines for the composition; without a script the form cannot grow, and decisions
# name a handful of roles ("one from each municipality, a union representative").
SEAT_LINES = 6


class GroupEstablishForm(forms.Form):
    name = forms.CharField(label=_("Name of the group"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ProjectGroup.Kind.choices, initial=ProjectGroup.Kind.WORKING_GROUP
    )
    mandate = forms.CharField(
        label=_("Mandate"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("As the decision words it; it can be revised on the group's page later."),
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(participations__project=project).order_by(
            "name"
        )
        roles = [("", _("– no line –")), *GroupMembership.Role.choices]
        for index in range(SEAT_LINES):
            number = index + 1
            self.fields[f"role_{index}"] = forms.ChoiceField(
                label=_("Line %(number)s: role") % {"number": number},
                choices=roles,
                required=False,
            )
            self.fields[f"organisation_{index}"] = forms.ModelChoiceField(
                label=_("Line %(number)s: from") % {"number": number},
                queryset=organisations,
                required=False,
                empty_label=_("any organisation"),
            )
            self.fields[f"seats_{index}"] = forms.IntegerField(
                label=_("Line %(number)s: seats") % {"number": number},
                min_value=1,
                max_value=99,
                required=False,
            )

    def main_fields(self):
        return [self[name] for name in ("name", "kind", "mandate")]

    def seat_lines(self):
        return [
            [self[f"{part}_{index}"] for part in ("role", "organisation", "seats")]
            for index in range(SEAT_LINES)
        ]

    def clean(self):
        cleaned = super().clean()
        lines = []
        for index in range(SEAT_LINES):
            role = cleaned.get(f"role_{index}")
            organisation = cleaned.get(f"organisation_{index}")
            seats = cleaned.get(f"seats_{index}")
            if f"seats_{index}" in self.errors:
                continue
            if not role:
                if organisation or seats:
                    self.add_error(f"role_{index}", _("Choose the role of these seats."))
                continue
            if not seats:
                self.add_error(f"seats_{index}", _("Give the number of seats."))
                continue
            lines.append(SeatPlanLine(role=role, organisation=organisation, seats=seats))
        cleaned["seat_plan"] = lines
        return cleaned

    def changes(self) -> dict:
        return {
            "name": self.cleaned_data["name"].strip(),
            "kind": self.cleaned_data["kind"],
            "mandate": self.cleaned_data["mandate"].strip(),
            "seat_plan": self.cleaned_data["seat_plan"],
        }


class CouncilDecisionLinkForm(forms.Form):
    """One of the project's council decisions, or a new one named here."""

    decision = forms.ModelChoiceField(
        label=_("Council decision"),
        queryset=CouncilDecision.objects.none(),
        required=False,
        empty_label=_("– a new one, named below –"),
    )
    municipality = forms.ModelChoiceField(
        label=_("New: municipality"), queryset=Organisation.objects.none(), required=False
    )
    case_number = forms.CharField(
        label=_("New: case number"),
        max_length=40,
        required=False,
        help_text=_("As the council writes it, e.g. k-sak 042/20."),
    )
    decided_on = forms.DateField(label=_("New: date"), required=False, widget=DateInput())
    title = forms.CharField(label=_("New: title"), max_length=300, required=False)

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = project.council_decisions.select_related(
            "municipality"
        ).order_by("municipality__name", "case_number")
        self.fields["municipality"].queryset = Organisation.objects.filter(
            participations__project=project, kind=Organisation.Kind.MUNICIPALITY
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") is not None:
            if any(cleaned.get(name) for name in ("municipality", "case_number", "title")):
                raise forms.ValidationError(
                    _("Choose a council decision from the list or name a new one, not both.")
                )
            return cleaned
        if "decision" in self.errors:
            return cleaned
        for name, message in (
            ("municipality", _("Choose the municipality whose council decided.")),
            ("case_number", _("Give the council's case number.")),
            ("title", _("Give the title of the council's case.")),
        ):
            if not cleaned.get(name):
                self.add_error(name, message)
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        if data["decision"] is not None:
            return {"decision": data["decision"]}
        return {
            "municipality": data["municipality"],
            "case_number": data["case_number"].strip(),
            "decided_on": data["decided_on"],
            "title": data["title"].strip(),
        }
