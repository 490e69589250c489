import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.dates import parse_deadline
from meetings.models import ActionItem, Case, Meeting, Participant
from meetings.richtext import check_limits, sanitise
from meetings.selectors import decision_heading
from projects.forms import PeopleBatchForm
from projects.models import GroupMembership, Organisation, Person, ProjectGroup
from projects.selectors import people_for_project
from projects.widgets import OrganisationSelect
from samarbeid.forms import DateInput, SeenVersionMixin


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class MeetingForm(SeenVersionMixin, forms.ModelForm):
    """Date and times apart: old minutes often give the day but no time."""

    # A Teams link pasted without its scheme means https.
    video_link = forms.URLField(
        label=_("video link"),
        required=False,
        assume_scheme="https",
        help_text=_("E.g. a Teams link."),
    )
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(
        label=_("Starts at"),
        required=False,
        widget=TimeInput(),
        help_text=_("Leave empty if the minutes give no time: none is then shown."),
    )
    end_time = forms.TimeField(label=_("Ends at"), required=False, widget=TimeInput())
    end_day = forms.DateField(
        label=_("Ends on"),
        required=False,
        widget=DateInput(),
        help_text=_("Only for a meeting over more than one day."),
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "day",
            "start_time",
            "end_time",
            "end_day",
            "room",
            "address",
            "video_link",
            "secretary",
            "chair",
            "also_for",
        ]

    def __init__(self, *args, group: ProjectGroup, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(memberships__group__project=group.project).distinct()
        self.fields["secretary"].queryset = people
        self.fields["chair"].queryset = people
        self.fields["also_for"].queryset = group.project.groups.exclude(pk=group.pk)
        self.fields["also_for"].widget = forms.CheckboxSelectMultiple()
        self.fields["also_for"].widget.choices = self.fields["also_for"].choices
        self.fields["day"].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]
        for name in ("start_time", "end_time"):
            self.fields[name].input_formats = ["%H:%M", "%H.%M"]
        if self.instance.pk and not self.is_bound:
            self.initial.update(self._initial_times(self.instance))
        if not self.instance.pk:
            # Old minutes often begin with the first real case: the standing ones are a choice.
            self.fields["standing_cases"] = forms.BooleanField(
                label=_("Put the standing cases on the agenda"),
                help_text=_(
                    "Approval of the agenda, the minutes of the last meeting, any other business."
                ),
                required=False,
                initial=True,
            )

    @staticmethod
    def _initial_times(meeting: Meeting) -> dict:
        starts = timezone.localtime(meeting.starts_at)
        initial = {"day": starts.date()}
        if not meeting.date_only:
            initial["start_time"] = starts.time()
        if meeting.ends_at:
            ends = timezone.localtime(meeting.ends_at)
            initial["end_time"] = ends.time()
            if ends.date() != starts.date():
                initial["end_day"] = ends.date()
        return initial

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        end_day = cleaned.get("end_day")
        if day is None:
            return cleaned
        if start is None and (end is not None or end_day is not None):
            self.add_error("start_time", _("Give the start time too, or leave the end empty."))
            return cleaned
        starts_at = _aware(day, start or datetime.time(0, 0))
        ends_at = None
        if end is not None or end_day is not None:
            if end is None:
                self.add_error("end_time", _("Give the time the meeting ends."))
                return cleaned
            ends_at = _aware(end_day or day, end)
            if ends_at <= starts_at:
                self.add_error("end_time", _("The meeting must end after it starts."))
                return cleaned
        cleaned.update(starts_at=starts_at, ends_at=ends_at, date_only=start is None)
        return cleaned

    def changes(self) -> dict:
        changes = super().changes()
        for name in ("day", "start_time", "end_time", "end_day"):
            changes.pop(name, None)
        return changes


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


RICH_TEXT_HELP = _(
    "Bold, italic, lists and links are kept, also when pasted from Word; "
    "other formatting is removed."
)


class RichTextLimitsMixin:
    """Notes and decisions within the length and nesting caps (``meetings.richtext``)."""

    def _checked(self, name):
        value = self.cleaned_data.get(name, "")
        check_limits(sanitise(value))
        # The service sanitises what it stores; the form only judges.
        return value

    def clean_notes(self):
        return self._checked("notes")

    def clean_decision(self):
        return self._checked("decision")


class CaseForm(RichTextLimitsMixin, SeenVersionMixin, forms.ModelForm):
    class Meta:
        model = Case
        fields = [
            "title",
            "presenter",
            "kind",
            "notes",
            "decision",
            "approves_minutes_of",
            "exempt_from_public",
            "legal_basis",
            "votes_for",
            "votes_against",
            "votes_blank",
            "vote_details",
            "recusals",
            "attendance_note",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 12, "data-rich-text": "true"}),
            "decision": forms.Textarea(attrs={"rows": 6, "data-rich-text": "true"}),
            "vote_details": forms.Textarea(attrs={"rows": 2}),
            "recusals": forms.Textarea(attrs={"rows": 2}),
            "attendance_note": forms.Textarea(attrs={"rows": 2}),
        }

    # Shown folded under the main fields: most cases need none of them.
    MORE = (
        "exempt_from_public",
        "legal_basis",
        "votes_for",
        "votes_against",
        "votes_blank",
        "vote_details",
        "recusals",
        "attendance_note",
    )

    def main_fields(self):
        return [field for field in self.visible_fields() if field.name not in self.MORE]

    def more_fields(self):
        return [field for field in self.visible_fields() if field.name in self.MORE]

    def more_fields_in_use(self) -> bool:
        return any(
            field.errors or field.value() not in (None, "", False) for field in self.more_fields()
        )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("notes", "decision"):
            self.fields[name].help_text = RICH_TEXT_HELP
        # The minutes' own word; the error summary and the conflict page take it from here.
        self.fields["decision"].label = decision_heading(meeting)
        self.fields["approves_minutes_of"].queryset = Meeting.objects.filter(
            group=meeting.group, starts_at__lt=meeting.starts_at
        ).order_by("-starts_at", "-pk")


class CaseProposalForm(RichTextLimitsMixin, forms.ModelForm):
    """A case proposed between meetings; it waits in the group's queue."""

    class Meta:
        model = Case
        fields = ["title", "presenter", "kind", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 8, "data-rich-text": "true"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Standing cases belong to a meeting; a proposal is about the substance.
        self.fields["notes"].help_text = RICH_TEXT_HELP
        standing = {Case.Kind.AGENDA_APPROVAL, Case.Kind.MINUTES_APPROVAL}
        self.fields["kind"].choices = [c for c in Case.Kind.choices if c[0] not in standing]


class ParticipantForm(forms.Form):
    """A substitute or guest: someone already known, or a new person named here."""

    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), required=False
    )
    new_person_name = forms.CharField(
        label=_("Or a new person: name"), max_length=200, required=False
    )
    attendance = forms.ChoiceField(
        label=_("Attendance"), choices=Participant.Attendance.choices, initial="guest"
    )
    role = forms.CharField(
        label=_("Title or role"),
        max_length=100,
        required=False,
        help_text=_("As on the day, e.g. kommunalsjef or hovedtillitsvalgt."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=OrganisationSelect(),
    )
    substitute_for = forms.ModelChoiceField(
        label=_("Substitute for"), queryset=Person.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("E.g. “last part of the meeting only”."),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_for_project(meeting.group.project)
        self.fields["substitute_for"].queryset = Person.objects.filter(
            participations__meeting=meeting
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        person, new_name = cleaned.get("person"), (cleaned.get("new_person_name") or "").strip()
        if person and new_name:
            raise ValidationError(_("Choose a person from the list or name a new one, not both."))
        if not person and not new_name:
            self.add_error("person", _("Choose a person or name a new one."))
        if cleaned.get("substitute_for") and cleaned.get("attendance") != "substitute":
            self.add_error("substitute_for", _("Only a substitute stands in for someone."))
        return cleaned


class ParticipantsBatchForm(PeopleBatchForm):
    """Several participants at once, all with the same attendance and note."""

    attendance = forms.ChoiceField(
        label=_("Attendance"),
        choices=Participant.Attendance.choices,
        initial=Participant.Attendance.PRESENT,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("E.g. “last part of the meeting only”."),
    )

    field_order = ["people", "lines", "attendance", "organisation", "note"]
    taken_problem = _("%(name)s is already on the list of participants.")
    taken_mark = _("on the list")

    def __init__(self, *args, meeting: Meeting, **kwargs):
        self.meeting = meeting
        super().__init__(*args, people=people_for_project(meeting.group.project), **kwargs)

    def taken_ids(self, cleaned: dict) -> set[int]:
        return set(self.meeting.participants.values_list("person_id", flat=True))


class AttendanceForm(forms.Form):
    """One row per invited person on the participants page."""

    attendance = forms.ChoiceField(label=_("Attendance"), choices=Participant.Attendance.choices)
    role = forms.CharField(label=_("Title or role"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ActionItemForm(forms.Form):
    description = forms.CharField(label=_("What"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible_people = forms.ModelMultipleChoiceField(
        label=_("Responsible people"), queryset=Person.objects.none(), required=False
    )
    responsible_body = forms.ChoiceField(
        label=_("Or a group or an organisation"),
        required=False,
        help_text=_(
            "“Everyone” is the whole group; its members see the item as theirs. A role is "
            "whoever holds it in the group."
        ),
    )
    responsible_note = forms.CharField(
        label=_("Or responsible, as written"),
        required=False,
        max_length=200,
        help_text=_("E.g. “Prosjektstab”, when nothing above fits."),
    )
    deadline = forms.CharField(
        label=_("Deadline"),
        required=False,
        max_length=50,
        help_text=_("A date (13.03.19) or a week (uke 51)."),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_people"].queryset = Person.objects.filter(
            participations__meeting=meeting
        ).order_by("name")
        self.fields["responsible_body"].choices = responsible_body_choices(meeting.group)

    def clean_responsible_body(self):
        """ "group:3", "org:5" or "role:leader" (a choice offered, so of this project or this
        group) as the item's owner."""
        kind, _sep, key = self.cleaned_data["responsible_body"].partition(":")
        return {
            "responsible_group": ProjectGroup.objects.get(pk=key) if kind == "group" else None,
            "responsible_organisation": Organisation.objects.get(pk=key) if kind == "org" else None,
            "responsible_role": key if kind == "role" else "",
        }

    def clean_deadline(self):
        text = self.cleaned_data["deadline"].strip()
        if not text:
            return None, ""
        date = parse_deadline(text, today=timezone.localdate())
        return date, text

    def clean(self):
        cleaned = super().clean()
        body = cleaned.pop("responsible_body", None) or {}
        cleaned.update(body)
        named = cleaned.get("responsible_people") or cleaned.get("responsible_note")
        if not named and not any(body.values()):
            raise ValidationError(_("Name who is responsible."))
        return cleaned


def responsible_body_choices(group: ProjectGroup) -> list:
    """The meeting's group first ("Everyone"), then the roles held in it, the project's other
    groups and its parties."""
    project = group.project
    groups = [("", "–")]
    groups.append((f"group:{group.pk}", _("Everyone in %(group)s") % {"group": group.name}))
    groups += [
        (f"group:{g.pk}", g.name) for g in project.groups.exclude(pk=group.pk).order_by("name")
    ]
    choices = [*groups]
    roles = _roles_held(group)
    if roles:
        choices.append((_("Roles in %(group)s") % {"group": group.name}, roles))
    organisations = [(f"org:{o.pk}", o.name) for o in project.organisations.order_by("name")]
    if organisations:
        choices.append((_("Organisations"), organisations))
    return choices


# Members are "Everyone" already, and deputies answer for nothing until called in.
_NOT_RESPONSIBLE_ROLES = {GroupMembership.Role.MEMBER, GroupMembership.Role.DEPUTY}


def _roles_held(group: ProjectGroup) -> list:
    """The roles someone holds in the group today, each with who holds it: "Leder (Per Haugen)"."""
    holders: dict[str, list[str]] = {}
    seats = group.memberships.current().select_related("person").order_by("person__name")
    for seat in seats:
        if seat.role not in _NOT_RESPONSIBLE_ROLES:
            holders.setdefault(seat.role, []).append(seat.person.name)
    return [
        (f"role:{role}", f"{label} ({', '.join(holders[role])})")
        for role, label in GroupMembership.Role.choices
        if role in holders
    ]


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    objection = forms.BooleanField(label=_("I object to the minutes of this case"), required=False)


class SendForCommentsForm(forms.Form):
    comment_deadline = forms.DateField(label=_("Comment deadline"), widget=DateInput())


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ApprovalForm(forms.Form):
    """Approve now, or record how old minutes entered today were approved back then."""

    approved_on = forms.DateField(
        label=_("Approved on"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Leave empty to approve today. For minutes approved earlier, e.g. in the next "
            "meeting, give that day."
        ),
    )
    reason = forms.CharField(
        label=_("How they were approved"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown with the minutes, e.g. “Sak 1/19 in the meeting of 12.3.2019”."),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["approved_on"].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]

    def clean_approved_on(self):
        day = self.cleaned_data["approved_on"]
        if day is None:
            return None
        if day > timezone.localdate():
            raise ValidationError(_("The day lies in the future. Leave it empty to approve today."))
        held = timezone.localtime(self.meeting.starts_at).date()
        if day < held:
            raise ValidationError(
                _("Minutes cannot be approved before the meeting was held (%(date)s).")
                % {"date": f"{held:%d.%m.%Y}"}
            )
        return day


class PostponeForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Postpone to"), queryset=Meeting.objects.none())

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            group=case.group,
            starts_at__gt=case.meeting.starts_at,
            minutes_status=Meeting.MinutesStatus.DRAFT,
        ).exclude(status=Meeting.Status.CANCELLED)
