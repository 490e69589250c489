"""The organisation register's pages, under /organisasjoner/ (projects/organisation_urls.py).

Everyone logged in reads the register: it is public knowledge which municipalities and NAV
offices exist. Only the projects a user may see are listed on an organisation's page.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from projects import organisation_services, permissions
from projects.models import Organisation, OrganisationSuccession, Project
from projects.organisation_forms import OrganisationForm, OrganisationSearchForm
from samarbeid.auth import login_required
from samarbeid.views import form_page, save_edit, save_or_errors


@login_required
def organisation_list(request):
    form = OrganisationSearchForm(request.GET or None)
    search = form.cleaned_data if form.is_valid() else {"q": "", "kind": "", "ended": False}
    organisations = organisation_services.organisation_search(
        search["q"], kind=search["kind"], include_ended=search["ended"]
    ).select_related("merged_into")
    page = Paginator(organisations, 50).get_page(request.GET.get("side"))
    splits = OrganisationSuccession.objects.filter(
        predecessor__in=[o.pk for o in page.object_list]
    ).select_related("successor")
    split_into: dict[int, list[Organisation]] = {}
    for succession in splits:
        split_into.setdefault(succession.predecessor_id, []).append(succession.successor)
    rows = [(o, split_into.get(o.pk, [])) for o in page.object_list]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "may_create": permissions.may_manage_organisations(request.user),
    }
    return render(request, "projects/organisation_list.html", context)


@login_required
def organisation_detail(request, organisation_id):
    organisation = permissions.get_organisation_for_user(request.user, organisation_id)
    county = None
    if organisation.is_municipality and not organisation.is_ended:
        county = Organisation.objects.filter(
            kind=Organisation.Kind.COUNTY_COUNCIL,
            county_number=organisation.municipality_number[:2],
        ).first()
    projects = Project.objects.filter(
        participations__organisation=organisation,
        id__in=permissions.visible_project_ids(request.user),
    ).distinct()
    context = {
        "organisation": organisation,
        "county_council": county,
        "merged_from": organisation.predecessors.all(),
        "split_from": organisation.succeeded.select_related("predecessor"),
        "successions": organisation.successions.select_related("successor"),
        "people": organisation.people.all(),
        "projects": projects,
        "may_edit": permissions.may_edit_organisation(request.user, organisation),
    }
    return render(request, "projects/organisation_detail.html", context)


@login_required
def organisation_create(request):
    if not permissions.may_manage_organisations(request.user):
        raise Http404
    form = OrganisationForm(request.POST or None)
    if form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "seen_updated_at"}
        organisation, _conflict = save_or_errors(
            form, lambda: organisation_services.organisation_add(**fields)
        )
        if organisation is not None:
            messages.success(request, _("The organisation is registered."))
            return redirect("organisations:detail", organisation.pk)
    return form_page(
        request,
        form,
        title=_("New organisation"),
        intro=_(
            "For NAV offices, state agencies, companies and the like. Municipalities and county "
            "councils are in the register already: search for them instead."
        ),
        back_url=reverse("organisations:list"),
    )


@login_required
def organisation_edit(request, organisation_id):
    organisation = permissions.get_organisation_for_user(request.user, organisation_id, edit=True)
    form = OrganisationForm(request.POST or None, instance=organisation)
    conflict = None
    if form.is_valid():
        saved, conflict = save_edit(
            form, organisation_services.organisation_update, organisation=organisation
        )
        if saved:
            messages.success(request, _("The organisation is saved."))
            return redirect("organisations:detail", organisation.pk)
    return form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": organisation.name},
        intro=_(
            "The official number comes from Statistics Norway's register and is not edited here."
        )
        if organisation.is_from_register
        else "",
        back_url=reverse("organisations:detail", args=[organisation.pk]),
        conflict=conflict,
    )


@login_required
@require_GET
def organisation_search(request):
    """JSON for the search-as-you-type widget (projects/widgets.py): at most 20 matches."""
    query = request.GET.get("q", "")[:200]
    kind = request.GET.get("kind", "")
    if kind not in Organisation.Kind.values:
        kind = ""
    organisations = organisation_services.organisation_search(
        query, kind=kind, include_ended=request.GET.get("ended") == "1"
    )[: organisation_services.SEARCH_LIMIT]
    return JsonResponse(
        {"results": [organisation_services.organisation_as_json(o) for o in organisations]}
    )
