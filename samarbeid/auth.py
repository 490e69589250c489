"""``login_required`` that loses nothing when a session expires in the middle of an edit.

A form posted by a browser whose session has ended is kept in the (new, anonymous)
session, the user logs in, and on the way back to the same page the kept form is
submitted again as that user. The stale-save check still applies, so a text that
someone else has changed meanwhile comes back as a conflict page with both versions.

Only a POST that passed Django's CSRF check is kept, so no other site can plant one.
Uploaded files cannot be kept; the user is asked to choose the file again.

A kept form belongs to the user whose session it was sent from, and only that user's next
login submits it: anyone else logging in on the same browser gets it discarded unseen. The
writer is known from a signed cookie bound to the session (the session itself is gone after
an idle expiry), or, after the 12-hour limit, from the fresh session the limit starts. A POST
with no known writer (a visitor who never logged in) or one too large is not kept, and the
user is told so: only logged-in users' forms take room in the session table, and a bounded one.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import QueryDict
from django.utils.translation import gettext as _

SESSION_KEY = "kept_post"
KEEP_SECONDS = 12 * 60 * 60
# About 100 pages of minutes text; a form beyond it is not kept (the user is told).
MAX_CHARACTERS = 256_000
# Who wrote what the browser sends: a signed "<user id>:<hash of the session key>".
WRITER_COOKIE = "samarbeid_writer"
WRITER_SALT = "samarbeid.auth.writer"
# Set by the 12-hour limit in the fresh session it starts (samarbeid.sessions).
WRITER_SESSION_KEY = "kept_post_writer"


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


def _session_hash(session_key: str | None) -> str:
    return hashlib.sha256((session_key or "").encode()).hexdigest()[:32]


def _writer_cookie(request) -> tuple[int, str] | None:
    value = request.get_signed_cookie(
        WRITER_COOKIE, default=None, salt=WRITER_SALT, max_age=KEEP_SECONDS
    )
    user_id, _sep, session_hash = (value or "").partition(":")
    return (int(user_id), session_hash) if user_id.isdigit() else None


def writer_of(request) -> int | None:
    """The id of the user whose (now ended) session this anonymous request comes from."""
    if WRITER_SESSION_KEY in request.session:
        return request.session[WRITER_SESSION_KEY]
    cookie = _writer_cookie(request)
    # Only the browser still holding that session's cookie: after logging out, or on a
    # browser with another session, nobody is the writer.
    sent_session = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if cookie and sent_session and cookie[1] == _session_hash(sent_session):
        return cookie[0]
    return None


def remember_writer(request, response, *, renewed: bool) -> None:
    """Called for each response: a logged-in user's browser carries who it is, for later."""
    user = request.user
    if not user.is_authenticated or request.session.session_key is None:
        return
    current = (user.pk, _session_hash(request.session.session_key))
    if renewed or _writer_cookie(request) != current:
        response.set_signed_cookie(
            WRITER_COOKIE,
            f"{current[0]}:{current[1]}",
            salt=WRITER_SALT,
            max_age=KEEP_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


def discard_foreign_kept_post(sender, request, user, **kwargs):
    """Connected to user_logged_in: a form kept for someone else is dropped unread."""
    if request is None or not hasattr(request, "session"):
        return
    request.session.pop(WRITER_SESSION_KEY, None)
    kept = request.session.get(SESSION_KEY)
    if kept and kept.get("user_id") != user.pk:
        del request.session[SESSION_KEY]


def _keep(request) -> None:
    writer = writer_of(request)
    data = request.POST.copy()
    data.pop("csrfmiddlewaretoken", None)
    encoded = data.urlencode()
    if writer is not None:
        # The new anonymous session stands for the writer now: the cookie names the old one.
        request.session[WRITER_SESSION_KEY] = writer
    if writer is None or len(encoded) > MAX_CHARACTERS:
        messages.warning(
            request,
            _(
                "You are logged out, and what you sent could not be kept. Log in and "
                "send it again; your browser's Back button may still have the text."
            ),
        )
        return
    request.session[SESSION_KEY] = {
        "path": request.path,
        "data": encoded,
        "at": time.time(),
        "had_files": bool(request.FILES),
        "user_id": writer,
    }


def _replay(request) -> None:
    kept = request.session.pop(SESSION_KEY)
    if time.time() - kept["at"] > KEEP_SECONDS or kept.get("user_id") != request.user.pk:
        return
    request.method = "POST"
    request.POST = QueryDict(kept["data"])
    message = _("You were logged out while editing. What you sent has been submitted again.")
    if kept["had_files"]:
        message += " " + _("Choose the file again: files cannot be kept.")
    messages.info(request, message)
