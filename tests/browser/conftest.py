"""A real browser against a real server: Debian's Chromium, driven by Playwright.

- ``site``: pytest-django's live server thread on the test PostgreSQL database, holding
  the demo data plus meetings in progress (tests/demo_extra.py), committed so the server
  thread sees it; loaded once for the package and flushed at its end.
- ``browser``: one Chromium for the package; ``page`` a fresh context for each test,
  failing the test on any JavaScript error or Content-Security-Policy violation.
- ``login(page, username)``: logs in through the form, as a person would.
- ``screenshot(page, name)``: keeps the page under var/artefacts/browser/ (CI artefact).

Each test module sets ``pytestmark = pytest.mark.django_db`` so pytest-django sets up the
test database even when the browser tests run alone.

Chromium comes from Debian (`make test` installs it); Playwright never downloads one.
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings
from django.urls import reverse

from meetings.models import Meeting
from projects.models import Project
from tests.conftest import require_real_service
from tests.demo_extra import DEMO_PASSWORD, add_meetings_in_progress, add_xss_meeting
from tests.security.xss import vectors

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "artefacts" / "browser"


@pytest.fixture(scope="package")
def site(browser, django_db_setup, django_db_blocker, tmp_path_factory):
    from pytest_django.live_server_helper import LiveServer

    require_real_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    media = tmp_path_factory.mktemp("media")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": "/media/"},
        },
    }
    # The live server thread must see the data, so it is committed rather than rolled back;
    # pytest-django's live_server fixture would flush it after every test.
    with (
        override_settings(
            MEDIA_ROOT=media,
            STORAGES=storages,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        django_db_blocker.unblock(),
    ):
        call_command("load_demo", "--allow-without-debug", stdout=io.StringIO())
        extra = add_meetings_in_progress() | add_xss_meeting(vectors())
        # Each request thread of the server closes its connection when done, so none is
        # left open on the test database when pytest-django drops it.
        max_age = connections.settings["default"]["CONN_MAX_AGE"]
        connections.settings["default"]["CONN_MAX_AGE"] = 0
        server = LiveServer("localhost")
        try:
            public = [
                reverse("meetings:public_meeting", args=[meeting.pk])
                for meeting in Meeting.objects.published()
            ]
            public += [
                reverse("meetings:public_project", args=[slug])
                for slug in Project.objects.values_list("slug", flat=True)
            ]
            yield Site(url=server.url, media=media, public_urls=public, **extra)
        finally:
            server.stop()
            connections.settings["default"]["CONN_MAX_AGE"] = max_age
            call_command("flush", interactive=False, verbosity=0)


class Site:
    def __init__(self, *, url, media, public_urls, **objects):
        self.url = url
        self.media = media
        # Shared links to published minutes: where anonymous visitors start.
        self.public_urls = public_urls
        self.objects = objects

    def __call__(self, path: str) -> str:
        return self.url + path


@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        require_real_service(False, f"Debian's Chromium at {CHROMIUM} (make test installs it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, and Django refuses database
    # calls from a thread with a running loop; the tests' own queries are plain sync code.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if before is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def watched_page(browser):
    """A fresh context's page that fails the test on a JavaScript error or a CSP violation."""
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if message.type == "error" and "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.problems = problems
    yield page
    context.close()
    assert problems == [], problems


@pytest.fixture
def page(browser, site):
    yield from watched_page(browser)


@pytest.fixture
def login(site):
    def _login(page, username: str) -> None:
        page.goto(site("/konto/logg-inn/"))
        page.get_by_label("Brukernavn").fill(username)
        page.get_by_label("Passord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        page.wait_for_url(lambda url: "/konto/logg-inn/" not in url)

    return _login


@pytest.fixture(scope="session")
def artefacts() -> Path:
    if ARTEFACTS.exists():
        shutil.rmtree(ARTEFACTS)
    ARTEFACTS.mkdir(parents=True)
    return ARTEFACTS


@pytest.fixture
def screenshot(artefacts):
    def _screenshot(page, name: str) -> Path:
        path = artefacts / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _screenshot


@pytest.fixture(scope="session")
def scanned():
    """Pages scanned by axe per role, printed at the end for the CI log."""
    counts = {}
    yield counts
    if counts:
        print(f"\naxe: {sum(counts.values())} pages x roles scanned: {counts}")
