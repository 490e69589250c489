"""Filters for the action-item lists, and the one-step status update from a list."""

from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from meetings.action_selectors import ItemFilters
from meetings.models import ActionItem
from projects import permissions
from projects.models import Organisation, Person, Project, ProjectGroup
from samarbeid.forms import DateInput, SeenVersionMixin


class QuickSelect(forms.Select):
    """A select rendered in Python: Django renders each option through a template, which
    costs time per option (4x this, measured at 300 options), and a filter may offer hundreds."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) in selected else "", label)
                for key, label in self.choices
            ),
        )
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final), options)


OPEN_CHOICES = [(s.value, s.label) for s in ActionItem.Status if s in ActionItem.OPEN_STATUSES]


def _municipalities(projects) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Organisation.objects.filter(
            kind=Organisation.Kind.MUNICIPALITY, participations__project__in=projects
        )
        .distinct()
        .order_by("name"),
    )


class DashboardFilterForm(forms.Form):
    """Narrows "my action items"; only projects and groups the user can see are offered."""

    project = forms.ModelChoiceField(
        label=_("Project"), required=False, queryset=None, widget=QuickSelect
    )
    group = forms.ModelChoiceField(
        label=_("Group"), required=False, queryset=None, widget=QuickSelect
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All open")), *OPEN_CHOICES]
    )

    def __init__(self, *args, user, item_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the user's own items can be narrowed to: a national portal's full lists
        # of projects, groups and municipalities would make a page of thousands of options.
        mine = ActionItem.objects.filter(id__in=item_ids)
        projects = permissions.projects_for_user(user)
        self.fields["project"].queryset = projects.filter(
            id__in=mine.values("case__group__project_id")
        ).order_by("name")
        self.fields["group"].queryset = (
            permissions.groups_for_user(user)
            .filter(id__in=mine.values("case__group_id"))
            .select_related("project")
            .order_by("project__name", "name")
        )
        self.fields["group"].label_from_instance = lambda g: f"{g.project} – {g.name}"
        self.fields["municipality"] = forms.ModelChoiceField(
            label=_("Municipality"),
            required=False,
            widget=QuickSelect,
            queryset=Organisation.objects.filter(
                Q(id__in=mine.values("responsible_organisation_id"))
                | Q(id__in=mine.values("responsible_people__organisation_id")),
                kind=Organisation.Kind.MUNICIPALITY,
            ).order_by("name"),
        )

    def filters(self) -> ItemFilters:
        if not self.is_valid():
            return ItemFilters()
        return ItemFilters(**{k: v for k, v in self.cleaned_data.items() if v})


class RegisterFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *ActionItem.Status.choices]
    )
    person = forms.ModelChoiceField(
        label=_("Responsible"), required=False, queryset=None, widget=QuickSelect
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)
    meeting = forms.ModelChoiceField(
        label=_("Meeting"), required=False, queryset=None, widget=QuickSelect
    )
    deadline_from = forms.DateField(label=_("Deadline from"), required=False, widget=DateInput())
    deadline_to = forms.DateField(label=_("Deadline to"), required=False, widget=DateInput())

    def __init__(self, *args, user, project: Project, group: ProjectGroup | None, **kwargs):
        super().__init__(*args, **kwargs)
        groups = [group] if group is not None else project.groups.all()
        self.fields["person"].queryset = (
            Person.objects.filter(action_items__case__group__in=groups).distinct().order_by("name")
        )
        self.fields["meeting"].queryset = (
            permissions.meetings_for_user(user)
            .filter(group__in=groups)
            .order_by("-starts_at", "-pk")
        )
        self.fields["municipality"] = _municipalities([project])
        if group is None:
            self.fields["group"] = forms.ModelChoiceField(
                label=_("Group"), required=False, queryset=project.groups.order_by("name")
            )

    def filters(self) -> ItemFilters:
        if not self.is_valid():
            return ItemFilters()
        data = {k: v for k, v in self.cleaned_data.items() if v}
        if "meeting" in data:
            data["meeting_id"] = data.pop("meeting").pk
        return ItemFilters(**data)


class ItemUpdateForm(SeenVersionMixin, forms.Form):
    """The new status and a note, sent from a row of a list: one step."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required here: a status change from a list must not undo one made meanwhile.
        self.fields["seen_updated_at"].required = True
