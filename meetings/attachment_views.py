"""Attachment pages: upload and remove (the secretary), download (whoever may see the meeting)."""

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from meetings import attachments, published
from meetings.models import Attachment, Case, Meeting, PublishedMinutes
from projects import permissions
from projects.permissions import RECORD_MINUTES
from samarbeid.auth import login_required
from samarbeid.conflicts import WorkflowError
from samarbeid.views import form_page, save_or_errors


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        widget=forms.FileInput(attrs={"accept": ",".join(attachments.ACCEPTED_EXTENSIONS)}),
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Shown instead of the file name, e.g. “Budget 2025”."),
    )
    case = forms.ModelChoiceField(
        label=gettext_lazy("Case"),
        queryset=Case.objects.none(),
        required=False,
        empty_label=gettext_lazy("The meeting as a whole"),
    )
    confidential = forms.BooleanField(
        label=gettext_lazy(
            "Confidential: only the group's members see it, never in published minutes"
        ),
        required=False,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = meeting.cases.order_by("position", "number")
        self.fields["case"].label_from_instance = lambda case: f"{case.label} {case.title}"
        self.fields["file"].help_text = _(
            "PDF, Office documents (Word, Excel, PowerPoint, OpenDocument) or images "
            "(PNG, JPEG, GIF), at most %(limit)s."
        ) % {"limit": filesizeformat(attachments.max_bytes())}


def _back(meeting: Meeting, case_id: int | None) -> str:
    anchor = f"#sak-{case_id}" if case_id else "#vedlegg"
    return f"{meeting.get_absolute_url()}{anchor}"


@login_required
@require_http_methods(["GET", "POST"])
def attachment_upload(request, meeting_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=RECORD_MINUTES)
    locked = _("The minutes are approved and locked. Reopen them to attach files.")
    if meeting.is_locked and request.method == "GET":
        # Say so before anyone picks a file that would be refused.
        messages.error(request, locked)
        return redirect(meeting)
    bound = (request.POST, request.FILES) if request.method == "POST" else ()
    form = AttachmentForm(*bound, meeting=meeting, initial={"case": request.GET.get("sak")})
    if form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        saved, _conflict = save_or_errors(
            form,
            lambda: attachments.attachment_add(
                meeting=meeting, upload=upload, by=request.user, **data
            ),
        )
        if saved:
            messages.success(request, _("%(name)s was attached.") % {"name": saved})
            return redirect(_back(meeting, saved.case_id))
    return form_page(
        request,
        form,
        title=_("Attach a file to %(meeting)s") % {"meeting": meeting.title},
        intro=locked if meeting.is_locked else "",
        submit_label=_("Attach"),
        back_url=_back(meeting, None),
        template="meetings/attachment_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def attachment_remove(request, meeting_id, attachment_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=RECORD_MINUTES)
    attachment = get_object_or_404(meeting.attachments, pk=attachment_id)
    if request.method == "POST":
        try:
            attachments.attachment_remove(attachment=attachment, by=request.user)
        except WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(name)s was removed.") % {"name": attachment})
        return redirect(_back(meeting, attachment.case_id))
    return form_page(
        request,
        forms.Form(),
        title=_("Remove %(name)s?") % {"name": attachment},
        intro=_("The file is deleted for good; the record of it stays in the history."),
        submit_label=_("Remove the attachment"),
        back_url=_back(meeting, attachment.case_id),
    )


@login_required
@require_safe
def attachment_download(request, meeting_id, attachment_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id)
    insider = permissions.meeting_abilities(request.user, meeting).sees_drafts
    attachment = get_object_or_404(
        attachments.visible_attachments(meeting, insider=insider), pk=attachment_id
    )
    response = _serve(attachment)
    # Not for shared caches: the same URL answers differently to different people.
    patch_cache_control(response, private=True)
    return response


@require_safe
def public_attachment_download(request, meeting_id, attachment_id):
    version = get_object_or_404(PublishedMinutes.objects.public(), meeting_id=meeting_id)
    # Only files listed in the published version, and only while they are still open: one
    # added after publication is not public yet, one made confidential since is no more.
    if attachment_id not in published.public_attachment_ids(version):
        raise Http404
    attachment = get_object_or_404(
        attachments.visible_attachments(version.meeting, insider=False), pk=attachment_id
    )
    return _serve(attachment)


def _serve(attachment: Attachment) -> FileResponse:
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    # The type was checked on upload; the browser must not guess another one.
    response["X-Content-Type-Options"] = "nosniff"
    return response
