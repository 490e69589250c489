"""Import Word minutes: upload one .docx, see what was recognised, correct it, import it.

Between the preview and the import the file waits in storage under a random name; the name
is known only to the uploader's session (``SESSION_KEY``), so nobody else can reach it, and
it is removed once the meeting it became is committed.
"""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from meetings import imports, word_import
from projects import permissions
from projects.permissions import RECORD_MINUTES
from samarbeid.auth import login_required
from samarbeid.forms import DateInput, add_model_errors
from samarbeid.views import form_page

SESSION_KEY = "word_imports"
MAX_WAITING = 5


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Minutes as a Word document (.docx)"),
        help_text=gettext_lazy("One meeting's minutes. The file is kept as an attachment."),
    )


class ImportForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    day = forms.DateField(label=gettext_lazy("Date"), widget=DateInput())

    def __init__(self, *args, minutes: word_import.Minutes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]
        self.initial.setdefault("title", minutes.title.value or _("Imported minutes"))
        self.initial.setdefault("day", minutes.date.value)
        self.case_fields = []
        for index, case in enumerate(minutes.cases):
            prefix = f"case_{index}"
            self.fields[f"{prefix}_include"] = forms.BooleanField(
                label=_("Import as a case"), required=False, initial=True
            )
            self.fields[f"{prefix}_number"] = forms.CharField(
                label=_("Number"),
                required=False,
                initial=case.label,
                help_text=_("As written, e.g. 3/18. Empty: the next free number."),
            )
            self.fields[f"{prefix}_title"] = forms.CharField(
                label=_("Title"), max_length=300, initial=case.title
            )
            self.fields[f"{prefix}_exempt"] = forms.BooleanField(
                label=_("Exempt from public access"), required=False
            )
            self.fields[f"{prefix}_legal_basis"] = forms.CharField(
                label=_("Legal basis"),
                max_length=200,
                required=False,
                help_text=_("When exempt, e.g. offl. § 14."),
            )
            self.case_fields.append((case, prefix))

    def clean(self):
        cleaned = super().clean()
        for _case, prefix in self.case_fields:
            if cleaned.get(f"{prefix}_exempt") and not cleaned.get(f"{prefix}_legal_basis"):
                self.add_error(
                    f"{prefix}_legal_basis",
                    _("Give the legal basis for exempting the case, e.g. offl. § 14."),
                )
            text = (cleaned.get(f"{prefix}_number") or "").strip()
            cleaned[f"{prefix}_number"] = None
            if not text:
                continue
            number, _slash, year = text.partition("/")
            if not number.isdigit() or (year and not year.isdigit()) or len(year) not in (0, 2, 4):
                self.add_error(
                    f"{prefix}_number", _("Write the number as 3/18, or leave it empty.")
                )
                continue
            full_year = (2000 + int(year) if len(year) == 2 else int(year)) if year else None
            cleaned[f"{prefix}_number"] = (int(number), full_year)
        return cleaned

    def choices(self) -> list[imports.CaseChoice]:
        result = []
        for _case, prefix in self.case_fields:
            number = self.cleaned_data[f"{prefix}_number"]
            result.append(
                imports.CaseChoice(
                    include=self.cleaned_data[f"{prefix}_include"],
                    title=self.cleaned_data[f"{prefix}_title"],
                    number=number[0] if number else None,
                    year=number[1] if number else None,
                    exempt=self.cleaned_data[f"{prefix}_exempt"],
                    legal_basis=self.cleaned_data[f"{prefix}_legal_basis"].strip(),
                )
            )
        return result


def _stored(request, group, token):
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if entry is None or entry["group"] != group.pk:
        raise Http404
    return entry


def _read(entry):
    try:
        with default_storage.open(entry["path"], "rb") as stored:
            upload = ContentFile(stored.read(), name=entry["name"])
    except FileNotFoundError:
        raise Http404 from None
    minutes = word_import.read_minutes(upload)
    word_import.resolve_deadlines(minutes)
    return upload, minutes


@login_required
@require_http_methods(["GET", "POST"])
def word_import_upload(request, group_id):
    group = permissions.get_group_by_id_for_user(request.user, group_id, perm=RECORD_MINUTES)
    form = UploadForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            checked = word_import.check_docx(upload)
            if not word_import.read_minutes(upload).cases:
                raise ValidationError({"file": _(
                    "No cases were found in the document. Is it minutes? Cases are recognised "
                    "by headings such as “Sak 3/18 Budsjett”, “Eventuelt” or the agenda's items."
                )})  # fmt: skip
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            token = uuid.uuid4().hex
            upload.seek(0)
            path = default_storage.save(f"{imports.STORAGE_FOLDER}/{uuid.uuid4().hex}", upload)
            waiting = request.session.get(SESSION_KEY, {})
            # A few previews may wait at once (several tabs); older ones make way.
            for old in list(waiting)[: max(0, len(waiting) - MAX_WAITING + 1)]:
                default_storage.delete(waiting.pop(old)["path"])
            waiting[token] = {"path": path, "name": checked["original_name"], "group": group.pk}
            request.session[SESSION_KEY] = waiting
            return redirect("meetings:word_import_preview", group_id=group.pk, token=token)
    return form_page(
        request,
        form,
        title=_("Import minutes from Word"),
        intro=_(
            "Upload one meeting's minutes as a .docx file. You see what was recognised and "
            "can correct it before anything is imported."
        ),
        submit_label=_("Read the document"),
        back_url=reverse("meetings:group_meetings", args=[group.pk]),
        template="meetings/attachment_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def word_import_preview(request, group_id, token):
    group = permissions.get_group_by_id_for_user(request.user, group_id, perm=RECORD_MINUTES)
    done = imports.imported_meeting(group, token)
    if done is not None:
        return _already_imported(request, done)
    entry = _stored(request, group, token)
    upload, minutes = _read(entry)
    form = ImportForm(request.POST or None, minutes=minutes)
    if form.is_valid():
        try:
            meeting = imports.minutes_import(
                group=group,
                minutes=minutes,
                title=form.cleaned_data["title"],
                day=form.cleaned_data["day"],
                cases=form.choices(),
                upload=upload,
                original_name=entry["name"],
                key=token,
                by=request.user,
            )
        except IntegrityError:
            # The same preview imported at the same moment in another request.
            done = imports.imported_meeting(group, token)
            if done is None:
                raise
            return _already_imported(request, done)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            _forget(request, token, entry)
            messages.success(request, _("The minutes are imported. Check them and approve them."))
            return redirect(meeting)
    context = {
        "group": group,
        "form": form,
        "minutes": minutes,
        "file_name": entry["name"],
        "meeting_fields": [form["title"], form["day"]],
        "cases": [
            (case, _case_fields(form, prefix), _responsibles(group, case))
            for case, prefix in form.case_fields
        ],
    }
    return render(request, "meetings/word_import_preview.html", context)


def _already_imported(request, meeting):
    messages.info(request, _("These minutes were imported already: here they are."))
    return redirect(meeting)


def _case_fields(form, prefix):
    names = ("include", "number", "title", "exempt", "legal_basis")
    return [form[f"{prefix}_{name}"] for name in names]


def _responsibles(group, case):
    return [(row, imports.match_responsible(group, row.responsible)) for row in case.actions]


def _forget(request, token, entry):
    waiting = request.session.get(SESSION_KEY, {})
    waiting.pop(token, None)
    request.session[SESSION_KEY] = waiting
    path = entry["path"]
    transaction.on_commit(lambda: default_storage.delete(path))
