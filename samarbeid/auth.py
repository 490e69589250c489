"""``login_required`` that loses nothing when a session expires in the middle of an edit.

A form posted by a browser whose session has ended is kept in the (new, anonymous)
session, the user logs in, and on the way back to the same page the kept form is
submitted again as that user. The stale-save check still applies, so a text that
someone else has changed meanwhile comes back as a conflict page with both versions.

Only a POST that passed Django's CSRF check is kept, so no other site can plant one.
Uploaded files cannot be kept; the user is asked to choose the file again.
"""

import time
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import QueryDict
from django.utils.translation import gettext as _

SESSION_KEY = "kept_post"
KEEP_SECONDS = 12 * 60 * 60
MAX_CHARACTERS = 1_000_000


def login_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if request.method == "POST":
                _keep(request)
            return redirect_to_login(request.get_full_path())
        kept = request.session.get(SESSION_KEY)
        if request.method == "GET" and kept and kept["path"] == request.path:
            _replay(request)
        return view(request, *args, **kwargs)

    return wrapper


def _keep(request) -> None:
    data = request.POST.copy()
    data.pop("csrfmiddlewaretoken", None)
    encoded = data.urlencode()
    if len(encoded) > MAX_CHARACTERS:
        return
    request.session[SESSION_KEY] = {
        "path": request.path,
        "data": encoded,
        "at": time.time(),
        "had_files": bool(request.FILES),
    }


def _replay(request) -> None:
    kept = request.session.pop(SESSION_KEY)
    if time.time() - kept["at"] > KEEP_SECONDS:
        return
    request.method = "POST"
    request.POST = QueryDict(kept["data"])
    message = _("You were logged out while editing. What you sent has been submitted again.")
    if kept["had_files"]:
        message += " " + _("Choose the file again: files cannot be kept.")
    messages.info(request, message)
