"""Every page reachable by links, as every role, on the demo data.

One crawl per role serves three checks: no page answers 500; every POST form carries
the CSRF token; no page holds an inline script, an event handler, a style attribute or a
javascript: URL, which the Content-Security-Policy would block (or which would be XSS).
"""

import re

import pytest
from django.test import Client

from tests.conftest import ROLES
from tests.crawler import START, client_getter, crawl, parse

EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)
# The crawl reads the demo inside its own transaction; the mark makes pytest-django set up
# the test database for this module.
pytestmark = pytest.mark.django_db

JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


@pytest.fixture(scope="module")
def crawls(demo_clients):
    pages = {
        role: crawl(client_getter(demo_clients[role])) for role in ROLES if role != "anonymous"
    }
    # Public pages are reached from a shared link, not from the login page.
    public = [url for url, page in pages["portal_admin"].items() if ":public_" in page.url_name]
    pages["anonymous"] = crawl(client_getter(demo_clients["anonymous"]), (*START, *public))
    return pages


@pytest.mark.parametrize("role", ROLES)
def test_no_page_answers_500(crawls, role):
    pages = crawls[role]
    assert len(pages) >= 2
    assert [url for url, page in pages.items() if page.status >= 500] == []


def test_the_crawl_reaches_the_pages_of_each_kind(crawls):
    # The secretary of the demo's steering group reaches meetings, cases and the editor:
    # a crawl that stopped at the front page would prove nothing.
    names = {page.url_name for page in crawls["project_admin"].values()}
    assert {
        "home",
        "projects:detail",
        "projects:group_detail",
        "meetings:detail",
        "meetings:case_edit",
    } <= names, names
    anonymous = {page.url_name for page in crawls["anonymous"].values()}
    assert {"login", "meetings:public_project", "meetings:public_meeting"} <= anonymous


@pytest.mark.parametrize("role", ROLES)
def test_every_post_form_carries_the_csrf_token(crawls, role):
    forms = [
        (url, form)
        for url, page in crawls[role].items()
        for form in page.forms
        if form.method == "post"
    ]
    assert forms, "the crawl found no form to check"
    missing = [
        (url, form.action)
        for url, form in forms
        if not any(
            field.get("name") == "csrfmiddlewaretoken" and field.get("value")
            for field in form.inputs
        )
    ]
    assert missing == []


@pytest.mark.parametrize("role", ROLES)
def test_no_page_needs_inline_script_or_style(crawls, role):
    problems = []
    for url, page in crawls[role].items():
        for name, pattern in (
            ("inline script", INLINE_SCRIPT),
            ("event handler", EVENT_HANDLER),
            ("style attribute", STYLE_ATTRIBUTE),
            ("javascript: URL", JAVASCRIPT_URL),
        ):
            if pattern.search(page.html):
                problems.append((url, name))
    assert problems == []


def test_a_form_posted_without_the_token_is_refused(crawls, demo_clients):
    # One form of each kind, posted by a client that enforces CSRF as a browser would.
    client = Client(enforce_csrf_checks=True)
    client.cookies = demo_clients["project_admin"].cookies
    actions = {
        form.action or url
        for url, page in crawls["project_admin"].items()
        for form in page.forms
        if form.method == "post"
    }
    assert len(actions) > 5
    for action in sorted(actions):
        assert client.post(action, {}).status_code == 403, action


def test_the_parser_sees_what_the_checks_look_for():
    html = '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="x"></form>'
    assert parse(html).forms[0].inputs[0]["name"] == "csrfmiddlewaretoken"
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/editor.js" defer></script>')
    assert EVENT_HANDLER.search('<img src=x onerror="alert(1)">')
    assert STYLE_ATTRIBUTE.search('<p style="color:red">')
    assert JAVASCRIPT_URL.search('<a href="javascript:alert(1)">')


def test_form_errors_show_beside_each_field_and_in_a_linked_summary(crawls, demo_clients):
    """Every form with a required field, sent empty: the page says what is wrong twice, at
    the top with links to the fields, and beside each field."""
    client = demo_clients["project_admin"]
    checked = 0
    for url, page in crawls["project_admin"].items():
        for form in page.forms:
            # A radio group is one field: its summary link and error belong to the first input.
            required = list(
                {
                    field.get("name", field["id"]): field
                    for field in reversed(form.inputs)
                    if "required" in field and field.get("id")
                }.values()
            )
            if form.method != "post" or not required or form.action not in ("", url):
                continue
            token = next(f["value"] for f in form.inputs if f.get("name") == "csrfmiddlewaretoken")
            response = client.post(url, {"csrfmiddlewaretoken": token})
            html = response.content.decode()
            assert response.status_code == 200, url
            summary = html[html.index('class="error-summary"') :]
            summary = summary[: summary.index("</div>")]
            for field in required:
                assert f'href="#{field["id"]}"' in summary, (url, field["id"])
                assert f'id="{field["id"]}_error"' in html, (url, field["id"])
            checked += 1
    assert checked >= 5
