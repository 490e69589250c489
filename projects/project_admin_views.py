"""Creating, closing, archiving and reopening projects and pilots; funding lines and
progress-matrix activities edited on the project page. Permission first, as in views.py."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from projects import permissions, project_setup, selectors, services
from projects.project_admin_forms import (
    ActivityDeleteForm,
    DeleteForm,
    FundingLineForm,
    ProgressActivityForm,
    ProjectCloseForm,
    ProjectCreateForm,
    format_amount,
)
from samarbeid.auth import login_required
from samarbeid.views import form_page, save_edit, save_or_errors

CHANGE = permissions.CHANGE_PROJECT


@login_required
def archived_list(request):
    page = Paginator(selectors.archived_projects_for_list(request.user), 50).get_page(
        request.GET.get("side")
    )
    return render(request, "projects/project_list.html", {"page": page, "archived": True})


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request):
    if not permissions.may_create_project(request.user):
        raise Http404
    form = ProjectCreateForm(
        request.POST or None,
        owners=permissions.owner_organisations_for(request.user),
        choose_administrator=request.user.is_superuser,
    )
    return _create(
        request, form, parent=None, title=_("New project"), back_url=reverse("projects:list")
    )


@login_required
@require_http_methods(["GET", "POST"])
def pilot_create(request, slug):
    parent = permissions.get_project_to_create_pilot(request.user, slug)
    if parent.is_closed:
        messages.error(request, _("The project is closed and takes no new pilots."))
        return redirect(parent)
    form = ProjectCreateForm(
        request.POST or None,
        owners=permissions.pilot_owner_organisations_for(request.user, parent),
        choose_administrator=request.user.is_superuser,
    )
    return _create(
        request,
        form,
        parent=parent,
        title=_("New sub-project or pilot under %(project)s") % {"project": parent.name},
        back_url=parent.get_absolute_url(),
    )


def _create(request, form, *, parent, title, back_url):
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form,
            lambda: project_setup.project_open(
                **form.project_fields(),
                owner=form.cleaned_data["owner"],
                administrator=form.cleaned_data.get("administrator") or request.user,
                parent=parent,
            ),
        )
        if saved:
            messages.success(request, _("The project was created."))
            return redirect(saved)
    return form_page(request, form, title=title, back_url=back_url)


@login_required
@require_http_methods(["GET", "POST"])
def project_close(request, slug):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    if project.is_closed:
        messages.info(request, _("The project is already closed."))
        return redirect(project)
    form = ProjectCloseForm(request.POST or None)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form, lambda: project_setup.project_close(project=project, **form.cleaned_data)
        )
        if saved:
            messages.success(request, _("The project was closed."))
            return redirect(saved)
    return form_page(
        request,
        form,
        title=_("Close %(project)s") % {"project": project.name},
        intro=_(
            "A closed project stays readable to everyone who reads it now, and its "
            "administrators can still record what comes after (council decisions, progress). "
            "It takes no new pilots. It can be reopened."
        ),
        submit_label=_("Close the project"),
        back_url=project.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_archive(request, slug):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    return _step(
        request,
        project,
        step=project_setup.project_archive,
        title=_("Archive %(project)s?") % {"project": project.name},
        intro=_(
            "The project is left out of the project list and shown under Archived. "
            "Nothing is deleted, and it can be reopened."
        ),
        submit_label=_("Archive"),
        done=_("The project was archived."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_reopen(request, slug):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    return _step(
        request,
        project,
        step=project_setup.project_reopen,
        title=_("Reopen %(project)s?") % {"project": project.name},
        intro=_("The project becomes active again and is shown in the project list."),
        submit_label=_("Reopen"),
        done=_("The project was reopened."),
    )


def _step(request, project, *, step, title, intro, submit_label, done):
    form = forms.Form(request.POST or None)
    if form.is_valid():
        saved, _conflict = save_or_errors(form, lambda: step(project=project))
        if saved:
            messages.success(request, done)
            return redirect(saved)
    return form_page(
        request,
        form,
        title=title,
        intro=intro,
        submit_label=submit_label,
        back_url=project.get_absolute_url(),
    )


# --- Funding lines --------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def funding_create(request, slug):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    form = FundingLineForm(request.POST or None)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form,
            lambda: services.funding_line_create(project=project, **form.changes()),
        )
        if saved:
            messages.success(request, _("The funding line was added."))
            return redirect(_funding(project))
    return form_page(request, form, title=_("New funding line"), back_url=_funding(project))


@login_required
@require_http_methods(["GET", "POST"])
def funding_edit(request, slug, line_id):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    line = get_object_or_404(project.funding_lines, pk=line_id)
    form = FundingLineForm(request.POST or None, instance=line)
    return _edit(
        request,
        form,
        lambda: save_edit(form, project_setup.funding_line_update, line=line),
        title=_("Edit funding line"),
        done=_("The funding line was saved."),
        back_url=_funding(project),
    )


@login_required
@require_http_methods(["GET", "POST"])
def funding_delete(request, slug, line_id):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    line = get_object_or_404(project.funding_lines, pk=line_id)
    form = DeleteForm(request.POST or None, instance=line)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form,
            lambda: project_setup.funding_line_delete(
                line=line, seen_updated_at=form.cleaned_data["seen_updated_at"]
            ),
        )
        if saved:
            messages.success(request, _("The funding line was deleted."))
            return redirect(_funding(project))
    return form_page(
        request,
        form,
        title=_("Delete the funding line %(line)s?") % {"line": line.source},
        intro=_("%(source)s, %(year)s: NOK %(amount)s. The line's history is kept.")
        % {"source": line.source, "year": line.year, "amount": format_amount(line.amount)},
        submit_label=_("Delete"),
        back_url=_funding(project),
    )


def _edit(request, form, save, *, title, done, back_url):
    """An edit of a row on the project page: back to its section, or the conflict page."""
    conflict = None
    if form.is_valid():
        saved, conflict = save()
        if saved:
            messages.success(request, done)
            return redirect(back_url)
    return form_page(request, form, title=title, back_url=back_url, conflict=conflict)


def _funding(project):
    return f"{project.get_absolute_url()}#funding"


# --- Progress-matrix activities --------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, slug):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    form = ProgressActivityForm(request.POST or None, project=project)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form, lambda: project_setup.progress_activity_add(project=project, **form.changes())
        )
        if saved:
            messages.success(request, _("The activity was added to the progress matrix."))
            return redirect(_progress(project))
    return form_page(request, form, title=_("New activity"), back_url=_progress(project))


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, slug, activity_id):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    activity = get_object_or_404(project.progress_activities, pk=activity_id)
    form = ProgressActivityForm(request.POST or None, instance=activity, project=project)
    return _edit(
        request,
        form,
        lambda: save_edit(form, project_setup.progress_activity_update, activity=activity),
        title=_("Edit activity"),
        done=_("The activity was saved."),
        back_url=_progress(project),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request, slug, activity_id):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    activity = get_object_or_404(project.progress_activities, pk=activity_id)
    entries = list(activity.entries.select_related("organisation").order_by("organisation__name"))
    form = ActivityDeleteForm(request.POST or None, instance=activity, entry_count=len(entries))
    if form.is_valid():
        lost, _conflict = save_or_errors(
            form,
            lambda: project_setup.progress_activity_delete(
                activity=activity,
                entries_seen=form.cleaned_data["entries_seen"],
                seen_updated_at=form.cleaned_data["seen_updated_at"],
            ),
        )
        if lost is not None:
            messages.success(request, _("The activity was deleted."))
            return redirect(_progress(project))
    if entries:
        intro = ngettext(
            "The status recorded for %(organisations)s is lost with it.",
            "The statuses recorded for %(organisations)s are lost with it.",
            len(entries),
        ) % {"organisations": ", ".join(entry.organisation.name for entry in entries)}
    else:
        intro = _("No progress is recorded for it yet.")
    return form_page(
        request,
        form,
        title=_("Delete the activity “%(activity)s”?") % {"activity": activity.title},
        intro=intro,
        submit_label=_("Delete"),
        back_url=_progress(project),
    )


def _progress(project):
    return f"{project.get_absolute_url()}#progress"
