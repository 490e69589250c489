"""Forms of the organisation pages (projects/organisation_views.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Organisation
from samarbeid.forms import DateInput, SeenVersionMixin

# Kinds a user may create; municipalities and county councils come from the register.
CREATABLE_KINDS = [
    (value, label)
    for value, label in Organisation.Kind.choices
    if value not in Organisation.REGISTER_KINDS
]


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or number"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Organisation.Kind.choices], required=False
    )
    ended = forms.BooleanField(label=_("Include ended organisations"), required=False)


class OrganisationForm(SeenVersionMixin, forms.ModelForm):
    """Create or edit an organisation. A register row keeps its kind and official number."""

    class Meta:
        model = Organisation
        fields = ["name", "kind", "organisation_number", "county", "ended_on"]
        widgets = {"ended_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        number = self.fields["organisation_number"]
        # Room for the spaces Brønnøysund prints ("974 760 673"); clean removes them.
        number.max_length = 20
        number.validators = []
        number.widget.attrs.update({"maxlength": "20", "inputmode": "numeric"})
        if self.instance.pk and self.instance.is_from_register:
            # SSB's numbers and kinds are corrected in projects/data, never by hand.
            del self.fields["kind"]
        else:
            self.fields["kind"].choices = CREATABLE_KINDS

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        same = Organisation.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).first()
        if same is not None:
            raise forms.ValidationError(
                _("“%(name)s” is already registered (%(kind)s). Choose it instead, or give "
                  "this one a name that tells them apart."),
                params={"name": same.name, "kind": same.get_kind_display()},
                code="duplicate",
            )  # fmt: skip
        return name

    def clean_organisation_number(self):
        number = "".join(self.cleaned_data["organisation_number"].split())
        same = (
            Organisation.objects.filter(organisation_number=number)
            .exclude(pk=self.instance.pk)
            .first()
            if number
            else None
        )
        if same is not None:
            raise forms.ValidationError(
                _("The organisation number %(number)s belongs to “%(name)s”."),
                params={"number": number, "name": same.name},
                code="duplicate",
            )
        return number
