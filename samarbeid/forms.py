"""Form helpers shared by every app: dates, stale-save detection, model errors."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class SeenVersionMixin(forms.Form):
    """Carries the version the editor loaded, so a stale save is caught (samarbeid.conflicts)."""

    seen_updated_at = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["seen_updated_at"] = instance.updated_at.isoformat()

    def changes(self) -> dict:
        return {
            name: value for name, value in self.cleaned_data.items() if name != "seen_updated_at"
        }

    def rebase(self, current) -> None:
        """After a conflict: keep the user's text, but let a second save win on purpose."""
        data = self.data.copy()
        data[self.add_prefix("seen_updated_at")] = current.updated_at.isoformat()
        self.data = data


def add_model_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a model's ValidationError on the form, beside the field where the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        target = field if field in form.fields else None
        if field == NON_FIELD_ERRORS:
            target = None
        form.add_error(target, messages)


def saved_values(form: forms.BaseForm, instance) -> list[tuple[str, object]]:
    """The other person's saved values, labelled as in the form, for the conflict page.

    Rich text is shown as formatted (sanitised again, as it goes into a page) rather than
    as its HTML source; yes/no fields read Ja/Nei rather than True/False.
    """
    from meetings.richtext import sanitise  # the one HTML cleaner; it imports no models

    values = []
    for field in form.visible_fields():
        display = getattr(instance, f"get_{field.name}_display", None)
        value = display() if display else getattr(instance, field.name, "")
        if hasattr(value, "all"):  # a many-to-many field: the rows it names
            value = ", ".join(str(row) for row in value.all())
        if isinstance(value, bool):
            value = _("Yes") if value else _("No")
        elif value and field.field.widget.attrs.get("data-rich-text"):
            value = mark_safe(sanitise(str(value)))  # noqa: S308 - cleaned by nh3 just now
        values.append((field.label, value if value not in (None, "") else ""))
    return values
