"""Sessions that end after 30 minutes idle, and 12 hours after logging in at most.

The idle limit is SESSION_COOKIE_AGE, renewed by saving the session. Saving on every
request (SESSION_SAVE_EVERY_REQUEST) would write the session row on each page and each
autosave; renewing once a minute costs the same limit give or take a minute.

A POST that arrives after the limit reaches the view as an anonymous request, so
samarbeid.auth.login_required keeps the form over the new login as it does for an
idle session; the editor's autosave answers 401 and keeps its copy in the browser.
"""

import time

from django.conf import settings
from django.contrib.auth import logout

from samarbeid.auth import WRITER_SESSION_KEY, remember_writer

SESSION_KEY = "logged_in_at"
RENEWED_KEY = "renewed_at"
RENEW_SECONDS = 60


def record_login_time(sender, request, user, **kwargs):
    """Connected to user_logged_in: the clock starts at each login, not at the first page."""
    if request is not None and hasattr(request, "session"):
        # Logging in saves the session with a fresh expiry: that counts as a renewal.
        request.session[SESSION_KEY] = request.session[RENEWED_KEY] = time.time()


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        renewed = False
        if request.user.is_authenticated:
            now = time.time()
            logged_in_at = request.session.setdefault(SESSION_KEY, now)
            if now - logged_in_at > settings.SESSION_MAX_HOURS * 60 * 60:
                # A fresh anonymous session, so a POST can still be kept over the login, for
                # the user it came from.
                writer = request.user.pk
                logout(request)
                request.session[WRITER_SESSION_KEY] = writer
            elif now - request.session.get(RENEWED_KEY, 0) > RENEW_SECONDS:
                # Marks the session modified: saved with a new expiry, and the cookie resent.
                request.session[RENEWED_KEY] = now
                renewed = True
        response = self.get_response(request)
        remember_writer(request, response, renewed=renewed)
        return response
