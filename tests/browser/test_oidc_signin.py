"""Signing in with an OpenID provider in a real browser: Chromium goes from the login page to
the provider (tests/oidc/provider.js) and back to the live server, crossing sites as it does
with Entra ID, so the session cookie (SameSite=Lax) and the CSP must let the flow through."""

import pytest

from tests.browser.axe import scan
from tests.oidc.harness import LABEL, running_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def provider(site, tmp_path_factory):
    with running_provider(
        tmp_path_factory.mktemp("oidc"), [site("/konto/oidc/tilbake/")]
    ) as running:
        yield running


@pytest.fixture
def configured(provider, settings):
    settings.OIDC_PROVIDERS = (provider.settings_entry(),)
    provider.set(mode="normal")
    return provider


def test_demo_member_signs_in_with_the_provider(page, site, configured, screenshot):
    configured.set(login="demo-member")
    page.goto(site("/konto/logg-inn/?next=/oppfolging/"))
    assert scan(page) == []
    page.get_by_role("link", name=LABEL).click()
    page.wait_for_url(site("/oppfolging/"))
    assert "Cato Rødsand" in page.content()
    screenshot(page, "oidc-signed-in")


def test_someone_not_invited_is_told_so_in_the_browser(page, site, configured):
    configured.set(login="stranger")
    page.goto(site("/konto/logg-inn/"))
    page.get_by_role("link", name=LABEL).click()
    page.wait_for_url(site("/konto/logg-inn/"))
    status = page.get_by_role("status")
    assert "Du er ikke invitert til Samarbeid ennå" in status.inner_text()
    assert "per.ukjent@grue.kommune.no" in status.inner_text()
