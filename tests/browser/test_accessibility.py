"""axe-core on every kind of page each role can reach, in Chromium: no WCAG 2.1 A/AA violation.

Each role logs in and crawls the site by its links (tests/crawler.py), so a new page is
scanned as soon as something links to it. Pages of one URL pattern share a template: the
first one of each pattern is scanned, for every role that reaches it.
"""

import pytest

from tests.browser.axe import scan
from tests.crawler import START, crawl
from tests.demo_extra import DEMO_LOGINS

pytestmark = pytest.mark.django_db


def browser_getter(page, site):
    """``get`` for crawl(): through the page's own cookies, without rendering."""

    def get(path):
        response = page.context.request.get(site(path))
        content_type = response.headers.get("content-type", "")
        text = response.text() if content_type.startswith("text/html") else ""
        return response.status, content_type, text

    return get


def pages_to_scan(page, site) -> list[str]:
    pages = crawl(browser_getter(page, site), (*START, *site.public_urls))
    first_of_each = {}
    for url, found in pages.items():
        if found.status == 200 and found.html:
            first_of_each.setdefault(found.url_name, url)
    return sorted(first_of_each.values())


@pytest.mark.parametrize("role", list(DEMO_LOGINS))
def test_no_wcag_violations_on_any_page(page, site, login, role, scanned):
    if DEMO_LOGINS[role]:
        login(page, DEMO_LOGINS[role])
    urls = pages_to_scan(page, site)
    assert len(urls) >= 3
    violations = {}
    for url in urls:
        page.goto(site(url))
        found = scan(page)
        if found:
            violations[url] = found
    scanned[role] = len(urls)
    assert violations == {}
