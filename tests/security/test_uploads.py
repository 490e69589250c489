# The fixtures come from the attachment tests; pytest passes them in by name.
# ruff: noqa: F811
"""Uploads that lie about their type, are too big, or carry tricks in their names.

tests/meetings/test_attachments.py covers the everyday refusals; these are the hostile
files: script dressed as a document or picture, and names built to escape the folder.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Attachment
from tests.meetings.test_attachments import (  # noqa: F401 - fixtures
    as_role,
    media,
    meeting,
    pdf_bytes,
    stored_files,
)

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
JS_FILE = b"fetch('/konto/').then(r => r.text()).then(alert)"


def upload(client, meeting, name, content):
    return client.post(
        reverse("meetings:attachment_upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile(name, content), "title": ""},
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("kart.png", SVG_WITH_SCRIPT),
        ("kart.svg", SVG_WITH_SCRIPT),
        ("referat.pdf", HTML_PAGE),
        ("referat.html", HTML_PAGE),
        ("budsjett.xlsx", JS_FILE),
        ("notat.docx", b"MZ\x90\x00" + b"\x00" * 200),
        ("bilde.jpg", b"GIF89a" + HTML_PAGE),
    ],
)
def test_files_that_lie_about_their_type_are_refused(as_role, meeting, media, name, content):
    response = upload(as_role("secretary"), meeting, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


@pytest.mark.parametrize(
    "name",
    [
        "../../../../etc/cron.d/x.pdf",
        "..\\..\\windows\\system32\\x.pdf",
        "/absolute/path/x.pdf",
        "%2e%2e%2fx.pdf",
        "x.pdf\x00.exe",
        "CON.pdf",
        ".htaccess.pdf",
    ],
)
def test_names_never_leave_the_media_folder(as_role, meeting, media, tmp_path, name):
    response = upload(as_role("secretary"), meeting, name, pdf_bytes())
    assert response.status_code in (200, 302)
    for path in stored_files(media):
        assert path.resolve().is_relative_to(media.resolve())
        assert "/" not in path.name and "\\" not in path.name
    for attachment in Attachment.objects.all():
        assert ".." not in attachment.original_name
        assert "/" not in attachment.original_name and "\\" not in attachment.original_name
        assert "\x00" not in attachment.original_name


def test_an_oversized_upload_is_refused_and_nothing_is_kept(settings, as_role, meeting, media):
    settings.ATTACHMENT_MAX_BYTES = 10_000
    content = pdf_bytes() + b"%" + b"0" * 20_000
    response = upload(as_role("secretary"), meeting, "stor.pdf", content)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Attachment.objects.exists()
    assert stored_files(media) == []
