import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agreements.models import (
    Agreement,
    AgreementAttachment,
    AgreementCaseDecision,
    AgreementParty,
)
from agreements.template_texts import all_templates
from projects.models import Organisation, Person
from samarbeid.forms import DateInput, SeenVersionMixin


class AgreementCreateForm(forms.Form):
    template = forms.ChoiceField(label=_("Start from"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Agreement.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The organisations bound by the agreement; at least two."),
    )
    host_municipality = forms.ModelChoiceField(
        label=_("Host municipality"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Only for partnership and host-municipality agreements."),
    )
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput)
    revision_interval_months = forms.IntegerField(
        label=_("Revision interval (months)"), required=False, min_value=1, max_value=120
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [("", _("A blank agreement"))] + [
            (template.key, template.title) for template in all_templates()
        ]
        organisations = Organisation.objects.filter(
            pk__in=project.participations.values("organisation_id")
        ) | Organisation.objects.filter(kind__in=["nav_county", "nav_office"])
        self.fields["parties"].queryset = organisations.distinct().order_by("name")
        self.fields["host_municipality"].queryset = project.organisations.filter(
            kind=Organisation.Kind.MUNICIPALITY
        ).order_by("name")

    def clean(self):
        data = super().clean()
        parties, host = data.get("parties"), data.get("host_municipality")
        if parties is not None and host is not None and host not in parties:
            self.add_error("host_municipality", _("The host municipality must be a party."))
        return data


class AgreementEditForm(SeenVersionMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "title",
            "host_municipality",
            "valid_from",
            "valid_until",
            "revision_interval_months",
            "published",
            "replaces",
        ]
        widgets = {
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "replaces": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_municipality"].queryset = Organisation.objects.filter(
            agreement_parties__agreement=self.instance, kind=Organisation.Kind.MUNICIPALITY
        )
        self.fields["replaces"].queryset = (
            Agreement.objects.filter(project_id=self.instance.project_id)
            .exclude(pk=self.instance.pk)
            .order_by("title", "id")
        )


class CaseAgreementForm(forms.Form):
    """What a meeting's case decided on one of the project's agreements."""

    agreement = forms.ModelChoiceField(label=_("Agreement"), queryset=Agreement.objects.none())
    kind = forms.ChoiceField(
        label=_("The case"),
        choices=AgreementCaseDecision.Kind.choices,
        initial=AgreementCaseDecision.Kind.APPROVED,
        widget=forms.RadioSelect,
    )
    sent_on_to = forms.CharField(
        label=_("Sent on to"),
        max_length=300,
        required=False,
        help_text=_("Optional, e.g. kommunestyrene i Våler, Åsnes og Grue."),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        # Every agreement of the project: its steering group decides on all of them, and the
        # minutes name them whoever may open them (the link checks that).
        self.fields["agreement"].queryset = project.agreements.order_by("title", "id")


class PartyForm(SeenVersionMixin, forms.ModelForm):
    class Meta:
        model = AgreementParty
        fields = ["signatory", "signatory_role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signatory"].queryset = Person.objects.filter(
            organisation=self.instance.organisation
        ).order_by("name")


class SectionsForm(forms.Form):
    """One title and text box per section of the current version."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        required=False,
        help_text=_("A short note shown in the list of versions."),
    )

    def __init__(self, *args, sections: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.numbers = [section["number"] for section in sections]
        for index, section in enumerate(sections):
            self.fields[f"title_{index}"] = forms.CharField(
                label=_("%(number)s Title") % {"number": section["number"]},
                max_length=300,
                initial=section["title"],
            )
            self.fields[f"text_{index}"] = forms.CharField(
                label=_("%(number)s Text") % {"number": section["number"]},
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
                initial=section["text"],
            )

    def sections(self) -> list[dict]:
        return [
            {
                "number": number,
                "title": self.cleaned_data[f"title_{index}"].strip(),
                # Browsers send \r\n; the text is kept with \n so versions compare as equal.
                "text": self.cleaned_data[f"text_{index}"].replace("\r\n", "\n").strip(),
            }
            for index, number in enumerate(self.numbers)
        ]


class FillInForm(forms.Form):
    """One field per open fill-in; a "stryk det som ikke passer" offers its wordings."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, open_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels = {}
        for index, item in enumerate(open_items):
            name = f"fill_{index}"
            self.labels[name] = item.label
            help_text = _("In section %(sections)s.") % {"sections": ", ".join(item.sections)}
            if item.choice is not None:
                self.fields[name] = forms.ChoiceField(
                    label=item.label,
                    required=False,
                    choices=[("", "–"), *((o, o) for o in item.choice.options)],
                    help_text=help_text,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=item.label, required=False, max_length=2000, help_text=help_text
                )

    def answers(self) -> dict[str, str]:
        return {label: self.cleaned_data.get(name, "") for name, label in self.labels.items()}


class ConsultationForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        help_text=_("E.g. “Høringsrunde avtaleutkast versjon 3.0”."),
    )
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    invited = forms.ModelMultipleChoiceField(
        label=_("Invited organisations"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited"].queryset = (
            (
                Organisation.objects.filter(agreement_parties__agreement=agreement)
                | agreement.project.organisations.all()
            )
            .distinct()
            .order_by("name")
        )


class CommentForm(forms.Form):
    section_number = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class ApprovalForm(forms.Form):
    council = forms.CharField(label=_("Council"), max_length=120)
    case_number = forms.CharField(
        label=_("Case number"), max_length=40, help_text=_("E.g. k-sak 042/20.")
    )
    decided_on = forms.DateField(label=_("Date"), widget=DateInput)
    text = forms.CharField(
        label=_("Decision text"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    file = forms.FileField(
        label=_("The decision as a file"),
        required=False,
        help_text=_("Instead of, or besides, the text."),
    )


class SignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Enter your password again to sign."),
    )


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AgreementAttachment.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File"))


class ScanForm(forms.Form):
    file = forms.FileField(
        label=_("The signed agreement (PDF)"),
        help_text=_("The scan of the paper copy every party has signed."),
    )
    confirm = forms.BooleanField(
        label=_("Every party has signed this copy on paper"),
    )


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("PDF to check"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.SEAL_CHECK_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("The file is too large to check (over %(size)s MB).")
                % {"size": f"{limit / 1024 / 1024:g}"}
            )
        return upload


class VerifyLookupForm(forms.Form):
    """The document number from a sealed PDF's signature page, or the PDF's full SHA-256."""

    q = forms.CharField(
        label=_("Document number or SHA-256"),
        max_length=200,
        error_messages={
            "required": _("Write the document number or the SHA-256."),
            "max_length": _("That is too long for a document number or a SHA-256."),
        },
        help_text=_(
            "As printed on the signature page (SA-2026-…), or the 64 characters of the "
            "file's SHA-256."
        ),
    )

    def clean_q(self) -> dict:
        from agreements.services import DOCUMENT_NUMBER

        # Pasted checksums come with spaces, line breaks or colons between the pairs.
        text = re.sub(r"[\s:]", "", self.cleaned_data["q"])
        if re.fullmatch(r"[0-9a-fA-F]{64}", text):
            return {"sha256": text.lower()}
        if DOCUMENT_NUMBER.fullmatch(text.upper()):
            return {"document_number": text.upper()}
        raise ValidationError(
            _(
                "Write the document number as it stands on the signature page (such as "
                "SA-2026-7K3QX9MP), or the whole SHA-256: 64 characters, 0–9 and a–f."
            )
        )
