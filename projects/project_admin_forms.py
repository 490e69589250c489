"""Forms for creating, closing and archiving projects and editing their plan in place."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from accounts.models import User
from projects.models import FundingLine, Organisation, ProgressActivity, Project
from projects.widgets import OrganisationSelect
from samarbeid.forms import DateInput, SeenVersionMixin

# Owners beyond this many are searched by typing, as the register of all of Norway is.
SEARCH_OVER = 20

# "1.250.000": dots as thousands separators, as some Norwegian spreadsheets write them.
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")


def parse_amount(text: str) -> str:
    """Norwegian ways of writing an amount, as Decimal reads it: "1 250 000" and "1250000,50"."""
    text = str(text).strip().replace("\u00a0", " ").replace("\u202f", " ")
    text = text.removeprefix("kr").removesuffix(",-").removesuffix("kr").strip()
    text = text.replace(" ", "")
    if "," in text:
        if text.count(",") > 1:
            raise ValidationError(_("Write the amount with at most one decimal comma."))
        return text.replace(".", "").replace(",", ".")
    if text.count(".") > 1 or _DOTTED_THOUSANDS.fullmatch(text):
        return text.replace(".", "")
    return text


def format_amount(value) -> str:
    """As the form shows it again: "1 250 000" or "1 250 000,50"."""
    if value in (None, ""):
        return ""
    if not isinstance(value, Decimal):
        return str(value)
    whole, _dot, cents = f"{value:.2f}".partition(".")
    sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    grouped = f"{int(digits):,}".replace(",", " ")
    return f"{sign}{grouped}" + ("" if cents == "00" else f",{cents}")


class AmountInput(forms.TextInput):
    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        return format_amount(value)


class AmountField(forms.DecimalField):
    """Kroner as people write them; never negative, at most two decimals."""

    widget = AmountInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": _("Write the amount in kroner, e.g. 1 250 000 or 1250000,50."),
                "min_value": _("The amount cannot be negative."),
                "max_decimal_places": _("Give at most two decimals (øre)."),
                "max_whole_digits": _("The amount is too large."),
                "max_digits": _("The amount is too large."),
            },
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        # DecimalField adds step and min for a number input; this is a text box.
        return {}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return super().to_python(parse_amount(value))


class ProjectCreateForm(forms.ModelForm):
    """A new project or pilot. The owner comes from the organisations the creator may name."""

    owner = forms.ModelChoiceField(
        label=_("Owner organisation"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("Choose the organisation that owns the project.")},
    )
    administrator = forms.ModelChoiceField(
        label=_("Project administrator"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Leave empty to run the project yourself."),
    )

    class Meta:
        model = Project
        fields = ["name", "short_name", "owner", "background", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        error_messages = {"name": {"required": _("Give the project a name.")}}

    def __init__(self, *args, owners, choose_administrator: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        if owners.count() > SEARCH_OVER:
            # The whole register: typed, not scrolled through.
            self.fields["owner"].widget = OrganisationSelect()
            self.fields["owner"].queryset = owners
        only = list(owners[:2])
        if len(only) == 1:
            self.fields["owner"].initial = only[0].pk
        if choose_administrator:
            self.fields["administrator"].queryset = User.objects.filter(is_active=True).order_by(
                "username"
            )
        else:
            del self.fields["administrator"]

    def project_fields(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("owner", "administrator")
        }


class ProjectCloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput())
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (Project.Status.COMPLETED, Project.Status.COMPLETED.label),
            (Project.Status.CANCELLED, Project.Status.CANCELLED.label),
        ],
        initial=Project.Status.COMPLETED,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate()


class FundingLineForm(SeenVersionMixin, forms.ModelForm):
    amount = AmountField(label=_("Amount (NOK)"))
    year = forms.IntegerField(
        label=_("Year"),
        min_value=1990,
        max_value=2100,
        error_messages={
            "min_value": _("Give a year from 1990 on."),
            "max_value": _("Give a year before 2100."),
        },
    )

    class Meta:
        model = FundingLine
        fields = ["source", "year", "amount", "note"]


class ProgressActivityForm(SeenVersionMixin, forms.ModelForm):
    order = forms.IntegerField(
        label=_("Order"),
        min_value=0,
        max_value=32767,
        required=False,
        help_text=_("Rows are shown by this number; leave empty to put a new one last."),
    )

    class Meta:
        model = ProgressActivity
        fields = ["title", "phase", "order"]

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = project.phases.all()

    def clean_order(self):
        order = self.cleaned_data.get("order")
        if order is None and self.instance.pk is not None:
            return self.instance.order
        return order


class DeleteForm(SeenVersionMixin):
    """Confirms deleting ``instance`` as it was when the page was shown."""

    def __init__(self, *args, instance, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)


class ActivityDeleteForm(DeleteForm):
    entries_seen = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    confirm = forms.BooleanField(required=False)

    def __init__(self, *args, instance, entry_count: int, **kwargs):
        super().__init__(*args, instance=instance, **kwargs)
        self.entry_count = entry_count
        self.fields["entries_seen"].initial = entry_count
        if entry_count:
            self.fields["confirm"].label = ngettext_lazy(
                "Yes, delete the activity and the %(count)s recorded status",
                "Yes, delete the activity and the %(count)s recorded statuses",
                "count",
            ) % {"count": entry_count}
        else:
            del self.fields["confirm"]

    def clean(self):
        cleaned = super().clean()
        if self.entry_count and not cleaned.get("confirm"):
            self.add_error("confirm", _("Tick the box to confirm that the statuses are lost."))
        return cleaned
