"""The open-data API, OParl 1.1 in shape, read-only: ``/api/oparl/v1/`` (see README.md).

django-ninja describes every answer in OpenAPI (``openapi.json``) from the schemas in
``opendata.schemas``, and validates what is sent against them. Every 200 carries an ``ETag``
(a digest of the body, so it is exact) and a ``Last-Modified`` (the newest publication or
taking down among what the answer covers); ``If-None-Match`` and ``If-Modified-Since`` give
304. Errors are JSON ``{"detail": "…"}`` in Norwegian, never an HTML page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from meetings import published
from meetings.models import PublishedMinutes
from opendata import objects, schemas, selectors
from projects.models import Project

# A meeting embeds its agenda items and files; a page of 20 stays small.
MEETINGS_PER_PAGE = 20
ROWS_PER_PAGE = 100
ID_MAX = 2**31 - 1  # the database's integer: a larger id names nothing


class UTF8Renderer(JSONRenderer):
    # Names as written ("Åsnes"), not as \u escapes: the answer is UTF-8 anyway.
    json_dumps_params = {"ensure_ascii": False}


class OParlAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if response.status_code != 200:
            return response
        response["ETag"] = f'"oparl-{hashlib.sha256(response.content).hexdigest()[:32]}"'
        modified = getattr(request, "oparl_modified", None)
        if modified is not None:
            response["Last-Modified"] = http_date(modified.timestamp())
        # Revalidated each time: minutes taken down must not linger in a cache. The same for
        # everyone, but a signed-in user's answers stay out of shared caches, as every page's do
        # (samarbeid.middleware).
        signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
        response["Cache-Control"] = "private, no-cache" if signed_in else "no-cache"
        conditional = get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(modified.timestamp()) if modified else None,
            response=response,
        )
        return conditional


api = OParlAPI(
    title="Samarbeid – OParl 1.1",
    version="1.1",
    description=(
        "Published minutes of the inter-municipal collaboration projects, shaped like OParl "
        "1.1. Read-only and public: only what the public pages show."
    ),
    urls_namespace="oparl",
    renderer=UTF8Renderer(),
    # ninja's docs page loads Swagger UI from a CDN, which the portal's CSP forbids.
    docs_url=None,
)

ERRORS = {404: schemas.Error, 410: schemas.Error, 422: schemas.Error}


def _error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    fields = ", ".join(str(error["loc"][-1]) for error in exc.errors)
    return _error(request, _("Invalid value in the address: %(fields)s.") % {"fields": fields}, 422)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, _("Not found: there is no such public object."), 404)


def _modified(request: HttpRequest, when) -> None:
    request.oparl_modified = when


def _page(request, name: str, args: Sequence, items, page: int, size: int, build: Callable):
    """An OParl list: ``data``, ``pagination`` and ``links``; a page past the last is a 404."""
    paginator = Paginator(items, size)
    if page > paginator.num_pages:
        raise HttpError(404, _("There is no page %(page)s of this list.") % {"page": page})
    rows = list(paginator.page(page).object_list)
    base = objects.url(name, *args)

    def link(number: int) -> str:
        return f"{base}?page={number}"

    last = paginator.num_pages
    return {
        "data": build(rows),
        "pagination": {
            "totalElements": paginator.count,
            "elementsPerPage": size,
            "currentPage": page,
            "totalPages": last,
        },
        "links": {
            "first": link(1),
            "prev": link(page - 1) if page > 1 else None,
            "next": link(page + 1) if page < last else None,
            "last": link(last),
        },
    }


PAGE = Query(1, ge=1, le=ID_MAX, description="The page, from 1.")
SLUG = Path(..., max_length=80, examples=["vag"], description="The project's address name.")
MEETING = Path(..., ge=1, le=ID_MAX, description="The meeting's id.")
OBJECT = Path(..., ge=1, le=ID_MAX)


def _project(slug: str) -> Project:
    project = selectors.public_project(slug)
    if project is None:
        # Nothing published: the project is not public, and neither is its existence.
        raise Http404
    return project


def _version(request, meeting_id: int) -> PublishedMinutes:
    version = selectors.meeting_version(meeting_id)
    if version is not None:
        _modified(request, version.published_at)
        return version
    latest = published.current_version(meeting_id)
    if latest is not None and latest.status == PublishedMinutes.Status.TAKEN_DOWN:
        raise HttpError(
            410,
            _("The minutes were taken down: %(reason)s")
            % {"reason": latest.take_down_reason or "–"},
        )
    raise Http404


# --- System and Body ---------------------------------------------------------------------


@api.get("system", response={200: schemas.System}, url_name="system", exclude_none=True)
def system(request):
    _modified(request, selectors.all_changed_at())
    return objects.system()


@api.get(
    "body", response={200: schemas.BodyList, **ERRORS}, url_name="body_list", exclude_none=True
)
def body_list(request, page: int = PAGE):
    _modified(request, selectors.all_changed_at())
    build = lambda rows: [objects.body(project) for project in rows]  # noqa: E731
    return _page(request, "body_list", [], selectors.public_projects(), page, ROWS_PER_PAGE, build)


@api.get("body/{slug}", response={200: schemas.Body, **ERRORS}, url_name="body", exclude_none=True)
def body(request, slug: str = SLUG):
    project = _project(slug)
    _modified(request, selectors.changed_at(project))
    return objects.body(project)


@api.get(
    "body/{slug}/paper",
    response={200: schemas.PaperList, **ERRORS},
    url_name="paper_list",
    exclude_none=True,
)
def paper_list(request, slug: str = SLUG, page: int = PAGE):
    """Always empty: a case has no paper of its own; its decision is the agenda item's."""
    project = _project(slug)
    _modified(request, selectors.changed_at(project))
    return _page(request, "paper_list", [slug], [], page, ROWS_PER_PAGE, lambda rows: [])


# --- Organizations -----------------------------------------------------------------------


@api.get(
    "body/{slug}/organization",
    response={200: schemas.OrganizationList, **ERRORS},
    url_name="organization_list",
    exclude_none=True,
)
def organization_list(request, slug: str = SLUG, page: int = PAGE):
    """The groups with published minutes, then the organisations taking part."""
    project = _project(slug)
    _modified(request, selectors.changed_at(project))
    rows = [
        *(objects.group_organization(g, project) for g in selectors.public_groups(project)),
        *(objects.participant_organization(p, project) for p in selectors.participations(project)),
    ]
    return _page(request, "organization_list", [slug], rows, page, ROWS_PER_PAGE, list)


@api.get(
    "body/{slug}/group/{group_id}",
    response={200: schemas.Organization, **ERRORS},
    url_name="group",
    exclude_none=True,
)
def group(request, slug: str = SLUG, group_id: int = OBJECT):
    project = _project(slug)
    found = selectors.public_groups(project).filter(pk=group_id).first()
    if found is None:
        raise Http404
    _modified(request, selectors.changed_at(project))
    return objects.group_organization(found, project)


@api.get(
    "body/{slug}/member/{organisation_id}",
    response={200: schemas.Organization, **ERRORS},
    url_name="member",
    exclude_none=True,
)
def member(request, slug: str = SLUG, organisation_id: int = OBJECT):
    project = _project(slug)
    found = selectors.participations(project).filter(organisation_id=organisation_id).first()
    if found is None:
        raise Http404
    _modified(request, selectors.changed_at(project))
    return objects.participant_organization(found, project)


# --- People ------------------------------------------------------------------------------


@api.get(
    "body/{slug}/person",
    response={200: schemas.PersonList, **ERRORS},
    url_name="person_list",
    exclude_none=True,
)
def person_list(request, slug: str = SLUG, page: int = PAGE):
    project = _project(slug)
    _modified(request, selectors.changed_at(project))
    people = selectors.people_of(project)
    build = lambda rows: [objects.person(p, project) for p in rows]  # noqa: E731
    return _page(request, "person_list", [slug], people, page, ROWS_PER_PAGE, build)


@api.get(
    "body/{slug}/person/{key}",
    response={200: schemas.Person, **ERRORS},
    url_name="person",
    exclude_none=True,
)
def person(request, slug: str = SLUG, key: str = Path(..., max_length=64)):
    project = _project(slug)
    found = next((p for p in selectors.people_of(project) if p.key == key), None)
    if found is None:
        raise Http404
    _modified(request, selectors.changed_at(project))
    return objects.person(found, project)


# --- Meetings and what they hold ---------------------------------------------------------


def _meetings(rows: list[PublishedMinutes]) -> list[dict]:
    open_files = selectors.open_attachment_ids(rows)
    return [objects.meeting(version, open_files) for version in rows]


@api.get(
    "body/{slug}/meeting",
    response={200: schemas.MeetingList, **ERRORS},
    url_name="meeting_list",
    exclude_none=True,
)
def meeting_list(request, slug: str = SLUG, page: int = PAGE):
    """Published meetings, the latest first (by the date they were published with)."""
    project = _project(slug)
    _modified(request, selectors.changed_at(project))
    versions = selectors.meetings_of(project)
    return _page(request, "meeting_list", [slug], versions, page, MEETINGS_PER_PAGE, _meetings)


@api.get(
    "meeting/{meeting_id}",
    response={200: schemas.Meeting, **ERRORS},
    url_name="meeting",
    exclude_none=True,
)
def meeting(request, meeting_id: int = MEETING):
    [found] = _meetings([_version(request, meeting_id)])
    return found


@api.get(
    "meeting/{meeting_id}/location",
    response={200: schemas.Location, **ERRORS},
    url_name="location",
    exclude_none=True,
)
def location(request, meeting_id: int = MEETING):
    found = objects.location(_version(request, meeting_id))
    if found is None:
        raise Http404
    return found


@api.get(
    "meeting/{meeting_id}/agenda-item/{case_id}",
    response={200: schemas.AgendaItem, **ERRORS},
    url_name="agenda_item",
    exclude_none=True,
)
def agenda_item(request, meeting_id: int = MEETING, case_id: int = OBJECT):
    version = _version(request, meeting_id)
    cases = version.snapshot["cases"]
    position = next((n for n, case in enumerate(cases, start=1) if case["id"] == case_id), None)
    if position is None:
        raise Http404
    open_files = selectors.open_attachment_ids([version])
    return objects.agenda_item(version, cases[position - 1], position, open_files)


@api.get(
    "meeting/{meeting_id}/minutes",
    response={200: schemas.File, **ERRORS},
    url_name="minutes_file",
    exclude_none=True,
)
def minutes_file(request, meeting_id: int = MEETING):
    return objects.minutes_file(_version(request, meeting_id))


@api.get(
    "meeting/{meeting_id}/file/{attachment_id}",
    response={200: schemas.File, **ERRORS},
    url_name="file",
    exclude_none=True,
)
def file(request, meeting_id: int = MEETING, attachment_id: int = OBJECT):
    version = _version(request, meeting_id)
    try:
        attachment, case_id = objects.find_attachment(version, attachment_id)
    except KeyError:
        raise Http404 from None
    if (meeting_id, attachment_id) not in selectors.open_attachment_ids([version]):
        raise Http404
    return objects.attachment_file(version, attachment, case_id)
