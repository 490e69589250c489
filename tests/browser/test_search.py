"""Search from the header in Chromium, on the demo: the prosjektleder types a word, reads the
marked results, narrows them to agreements, and opens one; the page has no WCAG violation."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import scan

pytestmark = pytest.mark.django_db


def test_prosjektleder_searches_from_the_header(page, site, login):
    login(page, "prosjektleder")
    header = page.get_by_role("banner")
    header.get_by_role("searchbox", name="Søk").fill("avtale")
    header.get_by_role("button", name="Søk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Søk")
    results = page.locator(".search-results li")
    expect(results.first).to_be_visible()
    expect(page.locator(".search-results mark").first).to_be_visible()
    assert scan(page) == []

    page.get_by_label("Type").select_option(label="Avtale")
    page.get_by_role("main").get_by_role("button", name="Søk").click()
    first = page.locator(".search-results li a").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
