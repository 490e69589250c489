"""Answers for failures that reach the handler, so none of them is a bare 500 or 400.

- A ``WorkflowError`` (a step the object cannot take now) that a view did not catch:
  409 with the reason, and what the user posted shown again so nothing typed is lost.
- The database unreachable or out of connections: 503 with ``Retry-After``, on a page
  that needs no database.
- A NUL character in the query string: 400 (PostgreSQL refuses it in any query).
- A request body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``: 413 saying the text is too long
  (JSON for the editor's autosave, which shows ``error``).
"""

import logging
import sys

from django.core.exceptions import RequestDataTooBig
from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults

from samarbeid.conflicts import WorkflowError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# Posted values that mean nothing to the user.
HIDDEN_FIELDS = {"csrfmiddlewaretoken", "seen_updated_at", "seen_version"}


def _wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch" or "application/json" in (
        request.headers.get("Accept", "")
    )


def _posted_text(request) -> list[str]:
    try:
        data = request.POST
    except Exception:  # an unreadable body has nothing to show again
        return []
    return [
        value
        for name, values in data.lists()
        if name not in HIDDEN_FIELDS
        for value in values
        if len(value.strip()) > 3 and not value.strip().isdigit()
    ]


def workflow_refused(request, error: WorkflowError) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"error": str(error)}, status=409)
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = request.path
    context = {"message": str(error), "back_url": back, "posted": _posted_text(request)}
    return render(request, "errors/workflow.html", context, status=409)


def database_unavailable(request) -> HttpResponse:
    """Rendered without the request: its context would ask the database about the user."""
    if _wants_json(request):
        response = JsonResponse(
            {"error": _("The portal cannot reach its database right now. Try again shortly.")},
            status=503,
        )
    else:
        response = HttpResponse(loader.render_to_string("errors/503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class ProblemMiddleware:
    """Turns the exceptions above into their answers when a view raises them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            # PostgreSQL cannot compare text with a NUL in it: an admin search was a 500.
            return render(request, "400.html", status=400)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, WorkflowError):
            return workflow_refused(request, exception)
        if isinstance(exception, OperationalError):
            logger.error("Database unavailable: %s", exception, exc_info=exception)
            return database_unavailable(request)
        return None


def bad_request(request, exception):
    """handler400: a too-long text is 413 with the reason; anything else a Norwegian 400."""
    if isinstance(exception, RequestDataTooBig):
        message = _(
            "The text is too long to be saved. Shorten it, or split it over several "
            "cases, and save again."
        )
        if _wants_json(request):
            return JsonResponse({"error": message}, status=413)
        return render(request, "errors/413.html", {"message": message}, status=413)
    return render(request, "400.html", status=400)


def server_error(request):
    """handler500: a database failure outside a view (in a middleware) is still a 503."""
    if isinstance(sys.exc_info()[1], OperationalError):
        return database_unavailable(request)
    return defaults.server_error(request)
