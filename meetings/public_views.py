"""Published minutes, for everyone: no login, only the version frozen when it was published."""

import hashlib

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

from meetings import einnsyn, public_front, published
from meetings.models import PublishedMinutes
from projects import views as project_views
from projects.models import Project
from search.forms import PublicSearchForm
from search.selectors import public_search_entries, results_page
from search.snippets import snippet

SEARCH_PAGE_SIZE = 20


def portal_home(request):
    """The portal's address is also the public's: logged out, it is the front door. Here, not in
    projects, which must not load the apps above it (tests/infra/test_layers.py)."""
    if request.user.is_authenticated:
        return project_views.home(request)
    return public_front_door(request)


def public_front_door(request):
    """The public's way in: what each project has published, the latest meetings first."""
    page = Paginator(public_front.public_meetings(), 25).get_page(request.GET.get("side"))
    page.object_list = public_front.rows(page.object_list)
    context = {"projects": public_front.public_projects(), "page": page}
    return render(request, "meetings/public_front.html", context)


def public_search(request):
    """Search in the published minutes (search.public_index): the public's text, nothing else."""
    form = PublicSearchForm(request.GET or None)
    page = None
    if form.is_valid():
        query = form.cleaned_data["q"]
        project = form.cleaned_data["project"]
        entries = public_search_entries(
            query,
            project_id=project.pk if project else None,
            year=form.cleaned_data["year"],
            order=form.cleaned_data["order"] or "relevance",
        )
        page = results_page(entries, request.GET.get("side"), per_page=SEARCH_PAGE_SIZE)
        for entry in page.object_list:
            entry.snippet = snippet(entry.body, query.words)
    return render(request, "meetings/public_search.html", {"form": form, "page": page})


def public_project(request, slug):
    project = get_object_or_404(Project, slug=slug)
    versions = (
        PublishedMinutes.objects.public()
        .filter(meeting__group__project=project)
        .select_related("meeting__group")
        .order_by("-meeting__starts_at", "-meeting_id")
    )
    page = Paginator(versions, 25).get_page(request.GET.get("side"))
    if not page.object_list:
        # Nothing published: the project is not public, so its existence is not either.
        raise Http404
    return render(request, "meetings/public_project.html", {"project": project, "page": page})


def public_meeting(request, meeting_id):
    version = public_version_or_gone(request, meeting_id)
    if not isinstance(version, PublishedMinutes):
        return version
    return render_public_meeting(request, version)


@require_safe
def public_meeting_einnsyn(request, meeting_id):
    """The published version as eInnsyn XML (``meetings.einnsyn``), for eInnsyn or an archive."""
    version = public_version_or_gone(request, meeting_id)
    if not isinstance(version, PublishedMinutes):
        return version
    xml = einnsyn.meeting_xml(version)
    # Named by its bytes: the group's name and the archive copy's checksum are part of it too.
    etag = f'"einnsyn-{hashlib.sha256(xml).hexdigest()[:32]}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(xml, content_type="application/xml; charset=utf-8")
        response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = etag
    # Revalidated each time, as the public PDF: a version taken down leaves no cached copy.
    # A signed-in reader's copy stays out of shared caches, as every page's does.
    response["Cache-Control"] = "private, no-cache" if request.user.is_authenticated else "no-cache"
    return response


def render_public_meeting(request, version: PublishedMinutes):
    return render(request, "meetings/public_meeting.html", published.public_context(version))


def public_version_or_gone(request, meeting_id):
    """The version the public sees; a 410 page with the reason once taken down; else 404."""
    version = published.current_version(meeting_id)
    if version is None:
        raise Http404
    if version.status == PublishedMinutes.Status.TAKEN_DOWN:
        context = {"version": version, "meeting": version.meeting}
        return render(request, "meetings/public_taken_down.html", context, status=410)
    return version
