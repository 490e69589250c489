"""The register of people (/personer/): list, page, create, edit, merge, leaving.

Each view first fetches its person through projects.person_permissions (404 otherwise).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from projects import people_services, permissions, person_permissions, services
from projects.models import Project
from projects.people_forms import (
    MembersImportForm,
    PersonForm,
    PersonLeaveForm,
    PersonMergeForm,
    PersonSearchForm,
)
from projects.permissions import visible_project_ids
from samarbeid.auth import login_required
from samarbeid.views import form_page, save_edit, save_or_errors


@login_required
def person_list(request):
    search = PersonSearchForm(request.GET or None)
    people = person_permissions.people_for_user(request.user).select_related("organisation")
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    if query:
        people = people.filter(
            Q(name__icontains=query)
            | Q(email__icontains=query)
            | Q(organisation__name__icontains=query)
        )
    page = Paginator(people.order_by("name", "pk"), 50).get_page(request.GET.get("side"))
    context = {
        "page": page,
        "search": search,
        "query": query,
        "may_create": person_permissions.may_create_people(request.user),
    }
    return render(request, "projects/person_list.html", context)


@login_required
def person_detail(request, person_id):
    person = person_permissions.get_person_for_user(request.user, person_id)
    memberships = (
        person.memberships.filter(group__project_id__in=visible_project_ids(request.user))
        .select_related("group__project", "organisation")
        .order_by(F("end_date").desc(nulls_first=True), F("start_date").desc(nulls_last=True))
    )
    context = {
        "person": person,
        "memberships": memberships,
        "may_manage": person_permissions.may_manage_person(request.user, person),
        "may_merge": person_permissions.may_merge_person(request.user, person),
        "may_invite": person.user_id is None
        and bool(person.email)
        and permissions.may_invite_person(request.user, person),
    }
    return render(request, "projects/person_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    if not person_permissions.may_create_people(request.user):
        raise Http404
    form = PersonForm(request.POST or None, user=request.user)
    if form.is_valid():
        saved, _conflict = save_or_errors(form, lambda: _create(form.changes()))
        if saved:
            messages.success(request, _("The person was added."))
            return redirect(saved)
    return _person_form_page(request, form, title=_("New person"), back_url=reverse("people:list"))


def _create(fields):
    """A same-address person saved by someone else a moment ago is refused, not a 500."""
    try:
        with transaction.atomic():
            return services.person_create(**fields)
    except IntegrityError:
        raise ValidationError(
            {"email": _("Another person already has this e-mail address.")}
        ) from None


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, person_id):
    person = person_permissions.get_person_for_user(request.user, person_id, manage=True)
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    conflict = None
    if form.is_valid():
        saved, conflict = save_edit(form, people_services.person_update, person=person)
        if saved:
            messages.success(request, _("The person was saved."))
            return redirect(saved)
    return _person_form_page(
        request,
        form,
        title=_("Edit %(person)s") % {"person": person.name},
        back_url=person.get_absolute_url(),
        conflict=conflict,
    )


def _person_form_page(request, form, **kwargs):
    return form_page(request, form, template="projects/person_form.html", **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def person_merge(request, person_id):
    person = person_permissions.get_person_for_user(request.user, person_id, manage=True)
    if not person_permissions.may_merge_person(request.user, person):
        raise Http404
    form = PersonMergeForm(request.POST or None, user=request.user, person=person)
    if form.is_valid():
        keep, remove = form.pair()
        saved, _conflict = save_or_errors(
            form, lambda: people_services.person_merge(keep=keep, remove=remove)
        )
        if saved:
            messages.success(
                request, _("%(name)s was merged; one person is left.") % {"name": saved.name}
            )
            return redirect(saved)
    return form_page(
        request,
        form,
        title=_("Merge duplicates of %(person)s") % {"person": person.name},
        intro=_(
            "Seats, minutes, action items and signatures of the other person move to the one "
            "kept, who also gets the facts they lack; the other is then deleted. Their history "
            "is kept."
        )
        if form.fields["other"].queryset.exists()
        else _(
            "Nobody you manage has the same name, organisation or e-mail address: there is "
            "no duplicate to merge."
        ),
        submit_label=_("Merge"),
        back_url=person.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_leave(request, person_id):
    person = person_permissions.get_person_for_user(request.user, person_id, manage=True)
    if person.organisation is None:
        raise Http404
    current = list(person.memberships.current().select_related("group__project", "organisation"))
    mine = person_permissions.changeable_group_ids(request.user, {m.group_id for m in current})
    seats = [m for m in current if m.group_id in mine]
    form = PersonLeaveForm(request.POST or None, person=person, seats=seats)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form,
            lambda: people_services.person_leave_organisation(
                person=person,
                end_date=form.cleaned_data["end_date"],
                seats=seats,
                successors=form.successors(),
                new_organisation=form.cleaned_data["new_organisation"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The seats were ended and the person moved."))
            return redirect(person)
    # Seats elsewhere stay; those in projects the user cannot see are not even named.
    visible = set(
        Project.objects.filter(id__in=visible_project_ids(request.user)).values_list(
            "id", flat=True
        )
    )
    others = [m for m in current if m.group_id not in mine and m.group.project_id in visible]
    return form_page(
        request,
        form,
        title=_("%(person)s leaves %(organisation)s")
        % {"person": person.name, "organisation": person.organisation.name},
        intro=_(
            "Their current seats end on the last day; a successor you choose takes each seat "
            "over from the next day."
        ),
        back_url=person.get_absolute_url(),
        template="projects/person_leave.html",
        extra_context={"other_seats": others},
    )


@login_required
@require_http_methods(["GET", "POST"])
def members_import(request, slug, group_id):
    """Members from a CSV or XLSX file: a preview with every row checked, then all or none."""
    project = permissions.get_project_for_user(request.user, slug)
    group = permissions.get_group_for_user(
        request.user, project, group_id, perm=permissions.MANAGE_MEMBERS
    )
    form = MembersImportForm(request.POST or None, request.FILES or None, group=group)
    if form.confirmed():
        saved, _conflict = save_or_errors(
            form,
            lambda: people_services.group_members_import(group=group, rows=form.result.rows),
        )
        if saved:
            count = len(saved)
            messages.success(
                request,
                ngettext(
                    "%(count)s member was imported.", "%(count)s members were imported.", count
                )
                % {"count": count},
            )
            return redirect(group)
    ready = form.is_bound and form.is_valid() and not form.result.errors
    return form_page(
        request,
        form,
        title=_("Import members: %(group)s") % {"group": group.name},
        intro=_("Nothing is saved until you have seen every row and confirmed."),
        back_url=group.get_absolute_url(),
        submit_label=_("Import all") if ready else _("Preview"),
        template="projects/members_import.html",
        extra_context={"result": form.result if form.is_bound else None, "ready": ready},
    )
