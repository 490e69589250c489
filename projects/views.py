"""Project and group pages. Each view first fetches its object through projects.permissions."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from projects import permissions, selectors, services
from projects.forms import (
    CouncilDecisionForm,
    GroupCreateForm,
    GroupForm,
    GroupMembersForm,
    MandateForm,
    MembershipEndForm,
    MembershipForm,
    ParticipationForm,
    PhaseForm,
    ProgressEntryForm,
    ProjectForm,
)
from projects.models import Organisation, ProgressActivity, ProgressEntry
from samarbeid.auth import login_required
from samarbeid.views import form_page, save_edit, save_or_errors

CHANGE = permissions.CHANGE_PROJECT


@login_required
def home(request):
    """My page; logged out, the portal's address shows the public front door instead
    (meetings.public_views.portal_home)."""
    context = {
        "projects": selectors.projects_for_list(request.user)[:50],
        "memberships": selectors.my_memberships(request.user),
    }
    return render(request, "projects/home.html", context)


@login_required
def project_list(request):
    page = Paginator(selectors.projects_for_list(request.user), 50).get_page(
        request.GET.get("side")
    )
    context = {"page": page, "may_create_project": permissions.may_create_project(request.user)}
    return render(request, "projects/project_list.html", context)


@login_required
def project_detail(request, slug):
    project = permissions.get_project_for_user(request.user, slug)
    participations = list(
        project.participations.select_related("organisation__merged_into").prefetch_related(
            "organisation__predecessors"
        )
    )
    municipalities = [p.organisation for p in participations if p.organisation.is_municipality]
    context = {
        "project": project,
        "abilities": permissions.project_abilities(request.user, project),
        "participations": participations,
        "phases": project.phases.all(),
        "groups": selectors.groups_for_project(project),
        "subprojects": selectors.subprojects_for(request.user, project),
        "funding_lines": list(project.funding_lines.all()),
        "decisions": project.council_decisions.select_related("municipality", "phase"),
        "matrix_columns": municipalities,
        "matrix": selectors.progress_matrix(project, municipalities),
        "has_public_minutes": selectors.has_public_minutes(project),
        "agreements": permissions.agreements_for_user(request.user)
        .filter(project=project)
        .order_by("title"),
    }
    return render(request, "projects/project_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, slug):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    parents = permissions.projects_for_user(request.user)
    form = ProjectForm(request.POST or None, instance=project, parent_choices=parents)
    conflict = None
    if form.is_valid():
        saved, conflict = save_edit(form, services.project_update, project=project)
        if saved:
            messages.success(request, _("The project was saved."))
            return redirect(saved)
    return form_page(
        request,
        form,
        title=_("Edit project"),
        back_url=project.get_absolute_url(),
        conflict=conflict,
    )


@login_required
@require_http_methods(["GET", "POST"])
def phase_create(request, slug):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    form = PhaseForm(request.POST or None, initial={"number": project.phases.count() + 1})
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form, lambda: services.phase_create(project=project, **form.changes())
        )
        if saved:
            messages.success(request, _("The phase was added."))
            return redirect(project)
    return form_page(request, form, title=_("New phase"), back_url=project.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def phase_edit(request, slug, number):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    phase = get_object_or_404(project.phases, number=number)
    form = PhaseForm(request.POST or None, instance=phase)
    conflict = None
    if form.is_valid():
        saved, conflict = save_edit(form, services.phase_update, phase=phase)
        if saved:
            messages.success(request, _("The phase was saved."))
            return redirect(project)
    return form_page(
        request,
        form,
        title=_("Edit phase"),
        back_url=project.get_absolute_url(),
        conflict=conflict,
    )


@login_required
@require_http_methods(["GET", "POST"])
def participation_add(request, slug):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    form = ParticipationForm(request.POST or None)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form, lambda: services.project_participation_set(project=project, **form.cleaned_data)
        )
        if saved:
            messages.success(request, _("The organisation now takes part in the project."))
            return redirect(project)
    return form_page(
        request,
        form,
        title=_("Add participating organisation"),
        back_url=project.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def participation_remove(request, slug, participation_id):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    participation = get_object_or_404(
        project.participations.select_related("organisation"), pk=participation_id
    )
    if request.method == "POST":
        services.project_participation_remove(participation=participation)
        messages.success(request, _("The organisation no longer takes part in the project."))
        return redirect(project)
    name = participation.organisation.name
    return form_page(
        request,
        forms.Form(),
        title=_("Remove %(organisation)s from the project?") % {"organisation": name},
        intro=_(
            "Everyone in %(organisation)s who sits in no group of the project loses access to it."
        )
        % {"organisation": name},
        submit_label=_("Remove"),
        back_url=project.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_decision_create(request, slug):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    form = CouncilDecisionForm(request.POST or None, project=project)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form, lambda: services.council_decision_create(project=project, **form.cleaned_data)
        )
        if saved:
            messages.success(request, _("The council decision was recorded."))
            return redirect(project)
    return form_page(
        request, form, title=_("Record council decision"), back_url=project.get_absolute_url()
    )


@login_required
@require_http_methods(["GET", "POST"])
def progress_edit(request, slug, activity_id, organisation_id):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    activity = get_object_or_404(ProgressActivity, pk=activity_id, project=project)
    organisation = get_object_or_404(
        Organisation, pk=organisation_id, participations__project=project
    )
    entry = ProgressEntry.objects.filter(activity=activity, organisation=organisation).first()
    entry = entry or ProgressEntry(activity=activity, organisation=organisation)
    form = ProgressEntryForm(
        request.POST or None, instance=entry, project=project, organisation=organisation
    )
    conflict = None
    if form.is_valid():
        saved, conflict = save_or_errors(
            form,
            lambda: services.progress_entry_set(
                activity=activity,
                organisation=organisation,
                **form.changes(),
                seen_updated_at=form.cleaned_data["seen_updated_at"],
                check_seen=True,
            ),
        )
        if saved:
            messages.success(request, _("The progress was saved."))
            return redirect(project)
    title = _("Progress: %(activity)s – %(organisation)s") % {
        "activity": activity,
        "organisation": organisation,
    }
    return form_page(
        request, form, title=title, back_url=project.get_absolute_url(), conflict=conflict
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request, slug):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE)
    form = GroupCreateForm(request.POST or None)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form, lambda: services.group_create(project=project, **form.changes())
        )
        if saved:
            messages.success(request, _("The group was created."))
            return redirect(saved)
    return form_page(request, form, title=_("New group"), back_url=project.get_absolute_url())


@login_required
def group_detail(request, slug, group_id):
    project = permissions.get_project_for_user(request.user, slug)
    group = permissions.get_group_for_user(request.user, project, group_id)
    current, former, upcoming = selectors.group_page_memberships(group)
    context = {
        "project": project,
        "group": group,
        "mandates": list(group.mandates.all()),
        "current_members": current,
        "seat_plan": selectors.seat_plan_rows(
            group, [seat for row in current for seat in (row, *row.deputies_now)]
        ),
        "former_members": former,
        "upcoming_members": upcoming,
        "can_change": permissions.has_group_perm(request.user, permissions.CHANGE_GROUP, group),
        "can_manage_members": permissions.has_group_perm(
            request.user, permissions.MANAGE_MEMBERS, group
        ),
        "can_plan": permissions.has_group_perm(request.user, permissions.RECORD_MINUTES, group),
        "can_propose": permissions.has_group_perm(request.user, permissions.TAKE_PART, group),
        "meetings": permissions.meetings_for_user(request.user)
        .filter(group=group)
        .order_by("-starts_at", "-pk")[:5],
    }
    return render(request, "projects/group_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, slug, group_id):
    project = permissions.get_project_for_user(request.user, slug)
    group = permissions.get_group_for_user(
        request.user, project, group_id, perm=permissions.CHANGE_GROUP
    )
    form = GroupForm(request.POST or None, instance=group)
    conflict = None
    if form.is_valid():
        saved, conflict = save_edit(form, services.group_update, group=group)
        if saved:
            messages.success(request, _("The group was saved."))
            return redirect(saved)
    return form_page(
        request,
        form,
        title=_("Edit group"),
        back_url=group.get_absolute_url(),
        conflict=conflict,
    )


@login_required
@require_http_methods(["GET", "POST"])
def mandate_revise(request, slug, group_id):
    project = permissions.get_project_for_user(request.user, slug)
    group = permissions.get_group_for_user(
        request.user, project, group_id, perm=permissions.CHANGE_GROUP
    )
    current = group.mandates.first()
    form = MandateForm(request.POST or None, initial={"text": current.text if current else ""})
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form, lambda: services.group_mandate_revise(group=group, **form.cleaned_data)
        )
        if saved:
            messages.success(request, _("The revised mandate was saved; earlier ones are kept."))
            return redirect(group)
    return form_page(request, form, title=_("Revise mandate"), back_url=group.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request, slug, group_id):
    project = permissions.get_project_for_user(request.user, slug)
    group = permissions.get_group_for_user(
        request.user, project, group_id, perm=permissions.MANAGE_MEMBERS
    )
    form = MembershipForm(request.POST or None, group=group)
    if form.is_valid():
        saved, _conflict = save_or_errors(form, lambda: _seat_from_form(group, form.cleaned_data))
        if saved:
            messages.success(request, _("The member was added."))
            return redirect(group)
    return form_page(request, form, title=_("Add member"), back_url=group.get_absolute_url())


@transaction.atomic
def _seat_from_form(group, data):
    """Both or nothing: no orphan person if the seat is refused."""
    person = data["person"] or services.person_create(
        name=data["new_person_name"].strip(),
        organisation=data["organisation"],
        title=data["new_person_title"],
        email=data["new_person_email"].strip(),
    )
    return services.group_membership_add(
        group=group,
        person=person,
        role=data["role"],
        organisation=data["organisation"],
        start_date=data["start_date"],
        replaces=data["replaces"],
        stands_in_for=data["stands_in_for"],
        note=data["note"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def members_add(request, slug, group_id):
    """Several members at once: a preview first, then all of them or none."""
    project = permissions.get_project_for_user(request.user, slug)
    group = permissions.get_group_for_user(
        request.user, project, group_id, perm=permissions.MANAGE_MEMBERS
    )
    form = GroupMembersForm(request.POST or None, group=group)
    if form.confirmed():
        saved, _conflict = save_or_errors(
            form,
            lambda: services.group_members_add(
                group=group, people=form.batch.entries, **form.options()
            ),
        )
        if saved:
            count = len(saved)
            messages.success(
                request,
                ngettext("%(count)s member was added.", "%(count)s members were added.", count)
                % {"count": count},
            )
            return redirect(group)
    return form_page(
        request,
        form,
        title=_("Add several members"),
        intro=_("Tick people the project knows, paste a list of names, or both."),
        back_url=group.get_absolute_url(),
        template="people_batch.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request, slug, group_id, membership_id):
    project = permissions.get_project_for_user(request.user, slug)
    group = permissions.get_group_for_user(
        request.user, project, group_id, perm=permissions.MANAGE_MEMBERS
    )
    membership = get_object_or_404(group.memberships.select_related("person"), pk=membership_id)
    form = MembershipEndForm(request.POST or None)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form,
            lambda: services.group_membership_end(
                membership=membership, end_date=form.cleaned_data["end_date"]
            ),
        )
        if saved:
            messages.success(request, _("The membership was ended."))
            return redirect(group)
    title = _("End membership: %(person)s") % {"person": membership.person.name}
    return form_page(request, form, title=title, back_url=group.get_absolute_url())
