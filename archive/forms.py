from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArchiveExportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        help_text=_("The package holds the group's approved minutes of this year."),
        error_messages={"invalid": _("Enter a year, such as 2019.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1
