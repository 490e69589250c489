from django import forms

from notifications.models import Kind, Preference


class PreferencesForm(forms.Form):
    """One choice per kind of notification."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=Preference.Delivery.choices,
                initial=current.get(kind, Preference.Delivery.IMMEDIATE),
                widget=forms.RadioSelect,
            )
