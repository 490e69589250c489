"""Form widgets shared by the apps.

``OrganisationSelect``: a plain ``<select>`` of organisations that
``static/js/organisation-picker.js`` turns into a search-as-you-type combobox (WAI-ARIA
combobox with a listbox popup) asking ``organisations:search``. Without JavaScript it stays
the select, so every form works as before. Use it on any ModelChoiceField of organisations:

    organisation = forms.ModelChoiceField(queryset=..., widget=OrganisationSelect())

and render ``{{ form.media }}`` on the page (``form_page.html`` does).
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _


class OrganisationSelect(forms.Select):
    def __init__(self, attrs=None, *, kind: str = "", include_ended: bool = False):
        super().__init__(attrs)
        self.kind = kind
        self.include_ended = include_ended

    class Media:
        js = ["js/organisation-picker.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["data-organisation-search"] = reverse("organisations:search")
        # Read out to screen readers as the list changes; %s is the count.
        widget_attrs["data-text-results"] = _("%s organisations found.")
        widget_attrs["data-text-none"] = _("No organisation found.")
        if self.kind:
            widget_attrs["data-kind"] = self.kind
        if self.include_ended:
            widget_attrs["data-include-ended"] = "1"
        return context
