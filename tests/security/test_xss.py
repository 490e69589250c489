"""Hostile input: every XSS vector in every text field, rendered on every page, runs nothing.

Rich-text fields (those a form edits with the editor) get each vector through the real
form, as the secretary would paste it. Every other text field of every model gets the
vectors written straight to the database, the worst case: whatever a form or an import
lets through, the templates must escape. Then every role crawls every page, and each
page is parsed for any script, event handler, javascript: URL or foreign tag.
"""

import itertools

import pytest
from django.apps import apps
from django.db import DatabaseError, models, transaction
from django.urls import reverse

from tests.crawler import START, client_getter, crawl
from tests.forms_inventory import rich_text_fields
from tests.security.xss import live_markup, vectors

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"accounts", "projects", "meetings", "agreements"}
ROWS_PER_MODEL = 2
SKIPPED_FIELDS = {"password", "sha256", "content_type", "file", "slug"}


def plain_text_fields(model) -> list[models.Field]:
    rich = rich_text_fields()
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField | models.EmailField | models.URLField)
        and not field.choices
        and field.name not in SKIPPED_FIELDS
        and (model._meta.label, field.name) not in rich
        and not model._meta.label.startswith(("auth.", "axes."))
    ]


def tracked_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and "Historical" not in model.__name__
    ]


@pytest.fixture(scope="module")
def poisoned(demo_clients, django_db_blocker):
    """Vectors in every text field; returns what was written, for the coverage checks."""
    from tests.demo_extra import DEMO_LOGINS

    written = {"rich": 0, "plain": set()}
    with django_db_blocker.unblock():
        from meetings.models import Meeting

        client = demo_clients["project_admin"]
        meeting = Meeting.objects.get(title="Neste styringsgruppemøte")
        url = reverse("meetings:case_create", args=[meeting.pk])
        for vector in vectors():
            response = client.post(
                url,
                {"title": vector[:200], "kind": "decision", "notes": vector, "decision": vector},
            )
            assert response.status_code == 302, vector
            written["rich"] += 1

        pool = itertools.cycle(vectors())
        for model in tracked_models():
            fields = plain_text_fields(model)
            if not fields:
                continue
            # The oldest rows are the demo's published meetings, the newest the ones in progress.
            manager = model._default_manager
            rows = {row.pk: row for row in manager.order_by("pk")[:ROWS_PER_MODEL]}
            rows |= {row.pk: row for row in manager.order_by("-pk")[:ROWS_PER_MODEL]}
            for row in rows.values():
                for field in fields:
                    vector = next(pool)
                    if field.max_length:
                        vector = vector[: field.max_length]
                    # The logins the crawl uses must still work.
                    if field.name == "username" and row.username in DEMO_LOGINS.values():
                        continue
                    setattr(row, field.name, vector)
                    try:
                        with transaction.atomic():
                            row.save(update_fields=[field.name])
                    except DatabaseError:
                        continue  # a unique field already holding this vector
                    written["plain"].add((model._meta.label, field.name))

        # The public reads only the published version: freeze the poisoned minutes into it,
        # as publishing them again would, so the public pages render the vectors too.
        from meetings import published
        from meetings.models import PublishedMinutes

        for version in PublishedMinutes.objects.public().select_related("meeting"):
            version.snapshot = published.snapshot_of(version.meeting)
            version.save(update_fields=["snapshot"])
    return written


# The secretary sees every editing page, the member the comment forms, the reader what a
# partner municipality sees, the anonymous visitor the public pages: every template branch.
XSS_ROLES = ("project_admin", "member", "reader", "anonymous")


@pytest.fixture(scope="module")
def crawls(poisoned, demo_clients):
    pages = {
        role: crawl(client_getter(demo_clients[role])) for role in XSS_ROLES if role != "anonymous"
    }
    public = [url for url, page in pages["project_admin"].items() if ":public_" in page.url_name]
    pages["anonymous"] = crawl(client_getter(demo_clients["anonymous"]), (*START, *public))
    return pages


def test_there_are_at_least_a_hundred_vectors():
    assert len(vectors()) >= 100
    assert len(set(vectors())) == len(vectors())


def test_every_rich_text_and_text_field_got_vectors(poisoned):
    assert poisoned["rich"] == len(vectors())
    assert ("meetings.Case", "notes") in rich_text_fields()
    assert ("meetings.Case", "decision") in rich_text_fields()
    expected = {
        ("meetings.Meeting", "title"),
        ("meetings.Case", "title"),
        ("meetings.ActionItem", "description"),
        ("meetings.CaseComment", "text"),
        ("meetings.Attachment", "title"),
        ("projects.Project", "name"),
        ("projects.Person", "name"),
        ("projects.Organisation", "name"),
        ("projects.ProjectGroup", "name"),
    }
    assert expected <= poisoned["plain"], expected - poisoned["plain"]


@pytest.mark.parametrize("role", XSS_ROLES)
def test_no_vector_survives_as_markup_on_any_page(crawls, role):
    pages = crawls[role]
    assert len(pages) >= 3
    assert [url for url, page in pages.items() if page.status >= 500] == []
    found = {url: live_markup(page.html) for url, page in pages.items() if page.html}
    assert {url: marks for url, marks in found.items() if marks} == {}


def test_the_vectors_reach_the_pages(crawls):
    # Escaped, but there: a page that dropped every field would pass the check above.
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert any(escaped in page.html for page in crawls["project_admin"].values())
    assert any(escaped in page.html for page in crawls["anonymous"].values())


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        "<svg><a>x</a></svg>",
        '<p style="x:expression(alert(1))">x</p>',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<link rel="import" href="/x.html">',
        '<link rel="alternate" href="//elsewhere.example/feed">',
    ],
)
def test_the_check_finds_live_markup(html):
    assert live_markup(html)


def test_the_check_passes_our_own_markup():
    html = (
        '<link rel="stylesheet" href="/static/css/site.css"><link rel="icon" href="data:,">'
        '<script src="/static/js/editor.js" defer></script><a href="/moter/1/">x</a>'
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        '<link rel="alternate" type="application/atom+xml" href="/offentlig/vag/feed/"'
        ' title="Publiserte referater: &lt;video src=x onerror=alert(1)&gt;">'
    )
    assert live_markup(html) == []
