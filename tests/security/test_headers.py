"""Response headers and cookies: CSP, HSTS in production, cookie flags."""

import json

import pytest
from django.urls import reverse

from tests.factories import PASSWORD
from tests.infra.test_settings_env import run_python

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 64,
    "ALLOWED_HOSTS": "samarbeid.example.no",
}


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("url_name", ["login", "home"])
def test_csp_allows_no_inline_script_and_locks_down_the_rest(world, client_for, url_name):
    client = client_for(world.users["secretary"] if url_name == "home" else None)
    directives = policy(client.get(reverse(url_name)))
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    header = client.get(reverse(url_name))["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header


def test_error_pages_carry_the_policy_too(client):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "object-src 'none'" in response["Content-Security-Policy"]


def test_pages_may_not_be_framed_or_sniffed(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


# Production: settings as gunicorn gets them (DEBUG off, nothing else said), read in a fresh
# process, and a real response through the test client over https.
PRODUCTION_REPORT = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
response = Client().get("/health/", secure=True, HTTP_HOST="samarbeid.example.no")
print(json.dumps({
    "hsts": response.get("Strict-Transport-Security", ""),
    "redirect": settings.SECURE_SSL_REDIRECT,
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "session_samesite": settings.SESSION_COOKIE_SAMESITE,
    "csrf_samesite": settings.CSRF_COOKIE_SAMESITE,
    "idle": settings.SESSION_COOKIE_AGE,
    "max_hours": settings.SESSION_MAX_HOURS,
}))
"""


def test_production_settings_send_hsts_and_secure_cookies(tmp_path):
    result = run_python(tmp_path, PRODUCTION, ["-c", PRODUCTION_REPORT])
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["hsts"].startswith("max-age=31536000")
    assert "includeSubDomains" in report["hsts"]
    assert report["redirect"] is True
    assert report["session_secure"] and report["csrf_secure"] and report["session_httponly"]
    assert report["session_samesite"] == report["csrf_samesite"] == "Lax"
    assert report["idle"] == 30 * 60
    assert report["max_hours"] == 12


def test_login_sets_a_secure_http_only_same_site_session_cookie(world, client, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    client.get(reverse("login"), secure=True)
    response = client.post(
        reverse("login"), {"username": "referent", "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"
    assert session["max-age"] == 30 * 60
    csrf = response.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
