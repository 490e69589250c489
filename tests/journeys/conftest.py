"""Journeys that start from an empty portal: no demo, only what migrations ship.

The package flushes the database first (another package may have left committed data) and
serves it with pytest-django's live server in a thread; the browser is the same Debian Chromium
as in tests/browser. What a journey creates is committed, so it flushes again at the end.
"""

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings

from tests.browser.conftest import artefacts, browser, screenshot, watched_page  # noqa: F401
from tests.conftest import require_real_service
from tests.journeys.steps import OPERATOR, OPERATOR_PASSWORD


class EmptySite:
    def __init__(self, url: str):
        self.url = url

    def __call__(self, path: str) -> str:
        return self.url + path


@pytest.fixture(scope="package")
def empty_site(django_db_setup, django_db_blocker, tmp_path_factory):
    from pytest_django.live_server_helper import LiveServer

    require_real_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(
            MEDIA_ROOT=media,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        django_db_blocker.unblock(),
    ):
        call_command("flush", interactive=False, verbosity=0)
        max_age = connections.settings["default"]["CONN_MAX_AGE"]
        connections.settings["default"]["CONN_MAX_AGE"] = 0
        server = LiveServer("localhost")
        try:
            yield EmptySite(server.url)
        finally:
            server.stop()
            connections.settings["default"]["CONN_MAX_AGE"] = max_age
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="package")
def operator(empty_site, django_db_blocker):
    """What a deployment does before anyone opens a page (docker-compose.yml's migrate step,
    and the operator's createsuperuser from README.md)."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("DJANGO_SUPERUSER_PASSWORD", OPERATOR_PASSWORD)
        call_command("load_organisations", verbosity=0)
        call_command(
            "createsuperuser",
            interactive=False,
            username=OPERATOR,
            email="drift@samarbeid.example",
            verbosity=0,
        )
    return OPERATOR


@pytest.fixture
def page(browser, empty_site):  # noqa: F811 (the imported fixture)
    yield from watched_page(browser)
