from django import forms
from django.utils.translation import gettext_lazy as _

from projects import permissions
from search.models import PUBLIC_KINDS, SearchEntry
from search.selectors import MAX_QUERY_LENGTH, ParsedQuery, parse


class QueryForm(forms.Form):
    """What to search for: the public search's whole form, the start of the signed-in one's."""

    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": _("Write what you are looking for."),
            "max_length": _("A search can be at most %(limit_value)d characters long."),
        },
    )

    def clean_q(self) -> ParsedQuery:
        parsed = parse(self.cleaned_data["q"])
        if not parsed.words and parsed.case_number is None:
            raise forms.ValidationError(_("Write at least one word or a case number."))
        return parsed


def year_field() -> forms.IntegerField:
    return forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)


def order_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("relevance", _("Best match")), ("newest", _("Newest first"))],
    )


class SearchForm(QueryForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[
            ("", _("Everything")),
            *(
                (value, label)
                for value, label in SearchEntry.Kind.choices
                if value not in PUBLIC_KINDS
            ),
        ],
    )
    project = forms.ModelChoiceField(label=_("Project"), required=False, queryset=None)
    year = year_field()
    order = order_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = permissions.projects_for_user(user).order_by("name")
        self.fields["project"].empty_label = _("All projects")


class PublicSearchForm(QueryForm):
    """The public search: published minutes only, of every project or of one, of a year."""

    project = forms.ModelChoiceField(
        label=_("Project"),
        required=False,
        queryset=None,
        to_field_name="slug",
        empty_label=_("All projects"),
        error_messages={"invalid_choice": _("No project has published minutes by that name.")},
    )
    year = year_field()
    order = order_field()

    def __init__(self, *args, **kwargs):
        from meetings.models import PublishedMinutes
        from projects.models import Project

        super().__init__(*args, **kwargs)
        public = PublishedMinutes.objects.public().values("meeting__group__project_id")
        self.fields["project"].queryset = Project.objects.filter(pk__in=public).order_by("name")
