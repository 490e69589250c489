from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins from a web request only.

    Every login form passes the request. Code that authenticates without one
    (management commands, the test client's ``login()``) has no address to count
    and is not a guess from outside, so it passes on to the password check.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_address(request) -> str:
    """The address failed logins are counted by.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so with N proxies the
    client is the N-th entry from the right; anything further left was sent by the client
    and may be forged. With no trusted proxy the header is ignored.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
