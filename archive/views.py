"""The archive packages of a group: request one, follow its building, download it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from archive import services
from archive.forms import ArchiveExportForm
from archive.models import ArchiveExport
from projects import permissions
from samarbeid.forms import add_model_errors


def _group_to_archive(user, slug: str, group_id: int):
    """The group, for its project's administrators; 404 to those who may not see it, 403 to
    those who see the group but do not administer the project (the archive is the host
    municipality's business)."""
    project = permissions.get_project_for_user(user, slug)
    group = permissions.get_group_for_user(user, project, group_id)
    if not permissions.has_project_perm(user, permissions.CHANGE_PROJECT, project):
        raise PermissionDenied
    return project, group


@login_required
@require_http_methods(["GET", "POST"])
def export_list(request, slug, group_id):
    project, group = _group_to_archive(request.user, slug, group_id)
    form = ArchiveExportForm(request.POST or None)
    if form.is_valid():
        try:
            services.archive_export_request(
                group=group, year=form.cleaned_data["year"], by=request.user
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The archive package is being built."))
            return redirect("archive:exports", project.slug, group.pk)
    exports = list(group.archive_exports.select_related("requested_by"))
    context = {"project": project, "group": group, "form": form, "exports": exports}
    return render(request, "archive/exports.html", context)


@login_required
@require_GET
def export_download(request, slug, group_id, export_id):
    _project, group = _group_to_archive(request.user, slug, group_id)
    export = get_object_or_404(group.archive_exports, pk=export_id)
    if export.status != ArchiveExport.Status.DONE or not export.file:
        raise Http404
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.filename,
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
