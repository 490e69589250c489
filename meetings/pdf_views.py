"""The minutes as PDF: for the viewer (internal or public version), archive copies, public."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

from meetings import minutes_pdf, public_views
from meetings.models import PublishedMinutes
from projects import permissions
from samarbeid.auth import login_required
from samarbeid.pdf import PdfQueued, PdfRenderError, pdf_error_page, pdf_pending_page, pdf_response


@login_required
@require_safe
def minutes_download(request, meeting_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id)
    abilities = permissions.meeting_abilities(request.user, meeting)
    if not permissions.reads_live_minutes(request.user, meeting, abilities):
        # Seen only because it was published: the published version, not a reopened draft.
        published = get_object_or_404(meeting.published_versions.public())
        return _serve_published(request, published, private=True)
    version = minutes_pdf.version_for(insider=abilities.sees_drafts)
    return _serve(request, meeting, version, private=True)


@login_required
@require_safe
def minutes_archive_download(request, meeting_id, archive_id):
    """An archive copy, also one from before a reopening: for the group's insiders."""
    meeting = permissions.get_meeting_for_user(request.user, meeting_id)
    if not permissions.meeting_abilities(request.user, meeting).sees_drafts:
        raise Http404
    archive = get_object_or_404(meeting.archive_copies, pk=archive_id)
    try:
        pdf = minutes_pdf.archive_bytes(archive)
    except PdfRenderError as error:
        return pdf_error_page(request, error)
    return pdf_response(pdf, filename=minutes_pdf.archive_filename(archive))


@require_safe
def public_minutes_download(request, meeting_id):
    published = public_views.public_version_or_gone(request, meeting_id)
    if not isinstance(published, PublishedMinutes):
        return published
    return _serve_published(request, published, private=False)


def _serve_published(request, published: PublishedMinutes, *, private: bool):
    # Caches keep the file but must ask each time (no-cache): a version taken down or
    # replaced is never served from a shared cache; an unchanged one costs a 304.
    not_modified = get_conditional_response(request, etag=published.etag)
    if not_modified is not None:
        return not_modified
    try:
        pdf = minutes_pdf.published_pdf(published)
    except PdfRenderError as error:
        return pdf_error_page(request, error)
    filename = minutes_pdf.published_filename(published)
    response = pdf_response(pdf, filename=filename, private=private)
    response["ETag"] = published.etag
    return response


def _serve(request, meeting, version, *, private):
    try:
        pdf = minutes_pdf.minutes_pdf_for_request(meeting, version=version)
    except PdfQueued:
        return pdf_pending_page(request)
    except PdfRenderError as error:
        return pdf_error_page(request, error)
    return pdf_response(pdf, filename=minutes_pdf.filename(meeting, version), private=private)
