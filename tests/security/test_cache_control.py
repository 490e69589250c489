"""What one user sees stays out of shared and browser caches; the cheap ASVS headers are set.

A crawl follows every link as the project admin (who reaches every kind of page, export
and download of the demo) and as an anonymous visitor, and reads each response's headers.
"""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from accounts.models import User
from meetings import feeds
from meetings.models import Attachment, Meeting
from tests.crawler import START, crawl, url_name
from tests.demo_extra import TINY_PDF

pytestmark = pytest.mark.django_db

DOWNLOAD_TYPES = ("application/pdf", "text/csv", "text/calendar", "application/vnd.openxml")


def header_getter(client, seen: dict):
    def get(path):
        response = client.get(path, follow=True)
        seen[path] = response
        content_type = response.get("Content-Type", "")
        if response.streaming or not content_type.startswith("text/html"):
            return response.status_code, content_type, ""
        return response.status_code, content_type, response.content.decode()

    return get


@pytest.fixture(scope="module")
def responses(demo_clients):
    seen = {}
    crawl(header_getter(demo_clients["project_admin"], seen), per_pattern=2)
    return seen


def personal(responses: dict) -> dict:
    """All but the published pages (`public_*` views), which answer everyone alike."""
    return {path: r for path, r in responses.items() if ":public_" not in (url_name(path) or "")}


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def test_every_response_to_a_logged_in_user_is_private(responses):
    assert len(responses) > 30
    shared = {
        path: r.get("Cache-Control")
        for path, r in personal(responses).items()
        if "private" not in cache_control(r)
    }
    assert shared == {}


def test_pages_without_their_own_policy_are_not_stored(responses):
    pages = [r for r in personal(responses).values() if r["Content-Type"].startswith("text/html")]
    assert pages
    assert all(cache_control(r) == {"private", "no-store"} for r in pages if r.status_code == 200)


def test_the_crawl_reaches_exports_and_downloads_and_none_is_shared(responses):
    downloads = {
        path: r
        for path, r in personal(responses).items()
        if r["Content-Type"].startswith(DOWNLOAD_TYPES)
    }
    kinds = {r["Content-Type"].split(";")[0] for r in downloads.values()}
    assert {"application/pdf", "text/csv"} <= kinds, kinds
    for path, response in downloads.items():
        assert "private" in cache_control(response), path
        assert "public" not in cache_control(response), path


def test_an_anonymous_download_without_its_own_policy_is_private(demo_clients):
    # A published meeting's attachment is served to anyone, with no policy of its own.
    # The minutes are approved, so the service refuses a new file: the row is made directly.
    meeting = Meeting.objects.published().order_by("pk").first()
    attachment = Attachment.objects.create(
        meeting=meeting,
        file=default_storage.save("vedlegg/test/vedtak", ContentFile(TINY_PDF)),
        title="Vedtak",
        original_name="vedtak.pdf",
        content_type="application/pdf",
        size=len(TINY_PDF),
        sha256=hashlib.sha256(TINY_PDF).hexdigest(),
    )
    # The public serves only what was published: freeze the file into the published version,
    # as publishing the minutes again would.
    from meetings import published

    version = meeting.published_versions.public().get()
    version.snapshot = published.snapshot_of(meeting)
    version.save(update_fields=["snapshot"])
    url = reverse("meetings:public_attachment_download", args=[meeting.pk, attachment.pk])
    response = demo_clients["anonymous"].get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert cache_control(response) == {"private", "no-store"}


def test_anonymous_pages_carry_the_cross_origin_and_permissions_headers(demo_clients):
    seen = {}
    crawl(header_getter(demo_clients["anonymous"], seen), START, per_pattern=1)
    assert "/konto/logg-inn/" in seen
    for response in seen.values():
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


def test_a_view_that_sets_its_own_policy_keeps_it(demo_clients):
    # Calendar apps poll the feed with its secret address, logged in as nobody; it may be
    # kept privately for a quarter of an hour.
    _feed, token = feeds.calendar_feed_create(user=User.objects.get(username="prosjektleder"))
    response = demo_clients["anonymous"].get(reverse("meetings:calendar_feed", args=[token]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=900"
