"""The browser keeps a copy of what a form holds until the server has it (static/js/editor.js).

A form that creates something is not autosaved, so only the server knows when its text is
safe: after a successful save the view marks the copy saved, and the next page the user sees
tells the browser to drop it (static/js/drafts.js). Without that, the next empty form of the
same kind offers the last one's text back as "unsaved".
"""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

SESSION_KEY = "saved_drafts"


def mark_saved(request, storage_key: str) -> None:
    """The text under ``storage_key`` reached the database: the browser's copy can go."""
    saved = request.session.get(SESSION_KEY, [])
    if storage_key not in saved:
        request.session[SESSION_KEY] = [*saved, storage_key][-20:]


def saved_drafts(request) -> dict:
    """Context processor: the keys to drop, taken from the session by the page that shows them."""

    def pop() -> str:
        session = getattr(request, "session", None)
        # Without a session cookie there is nothing to drop, and the session stays unread.
        if session is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return ""
        if SESSION_KEY not in session:
            return ""
        return " ".join(session.pop(SESSION_KEY))

    return {"saved_drafts": SimpleLazyObject(pop)}
