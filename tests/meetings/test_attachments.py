"""Attachments: checked by content on upload, stored under a random name, downloaded by those
who may see the meeting (confidential ones by the group's insiders only)."""

import datetime
import functools
import hashlib
import io
import zipfile
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from meetings import attachments, services
from meetings.models import Attachment

# --- Files ------------------------------------------------------------------


@functools.cache
def pdf_bytes() -> bytes:
    import weasyprint

    return weasyprint.HTML(string="<p>Referat fra styringsgruppen</p>").write_pdf()


def zip_bytes(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            # ODF wants its mimetype first and uncompressed.
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, text, compress_type=compression)
    return buffer.getvalue()


CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def docx_bytes(*, parts_first: tuple[str, ...] = ()) -> bytes:
    members = dict.fromkeys(parts_first, "<x/>")
    members |= {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": "<Relationships/>",
        "word/document.xml": "<w:document/>",
    }
    return zip_bytes(members)


def xlsx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": "<Relationships/>",
            "xl/workbook.xml": "<workbook/>",
        }
    )


def odt_bytes() -> bytes:
    return zip_bytes({"mimetype": attachments.ODT, "content.xml": "<office:document-content/>"})


def image_bytes(fmt: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, fmt)
    return buffer.getvalue()


def elf_bytes() -> bytes:
    return b"\x7fELF\x02\x01\x01" + b"\x00" * 200


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03" + b"\x00" * 200


def html_bytes() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def plain_zip_bytes() -> bytes:
    return zip_bytes({"les-meg.txt": "Hei"})


# --- Fixtures and helpers ---------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads go to a fresh folder per test, through the default storage."""
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": "/media/"},
        },
    }
    return root


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def meeting(world):
    return services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte VÅG",
        starts_at=timezone.make_aware(datetime.datetime(2022, 6, 28, 11)),
    )


@pytest.fixture
def as_role(world, client_for):
    """A client for the role, in English so the tests can read the messages."""

    def _client(role):
        client = client_for(world.users[role])
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _client


def upload(client, meeting, name, content, **data):
    return client.post(
        reverse("meetings:attachment_upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile(name, content), "title": "", **data},
    )


def download_url(attachment):
    return reverse("meetings:attachment_download", args=[attachment.meeting_id, attachment.pk])


def public_url(attachment):
    return reverse(
        "meetings:public_attachment_download", args=[attachment.meeting_id, attachment.pk]
    )


def read(response) -> bytes:
    # Reading to the end closes the file. Never response.close() in a test: it sends
    # request_finished, and that closes the database connection under the test.
    return b"".join(response.streaming_content)


def file_error(response) -> str:
    assert response.status_code == 200
    form = response.context["form"]
    return " ".join(form.errors.get("file", []) + form.non_field_errors())


# --- Upload -----------------------------------------------------------------


def test_secretary_attaches_a_pdf_to_the_meeting(world, as_role, meeting, media):
    client = as_role("secretary")
    response = upload(client, meeting, "Møtereferat.pdf", pdf_bytes(), title="Referat")
    assert response.status_code == 302
    assert response["Location"] == f"{meeting.get_absolute_url()}#vedlegg"
    attachment = Attachment.objects.get()
    assert attachment.meeting == meeting
    assert attachment.case is None
    assert attachment.original_name == "Møtereferat.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(pdf_bytes())
    assert attachment.sha256 == hashlib.sha256(pdf_bytes()).hexdigest()
    assert attachment.uploaded_by == world.users["secretary"]
    assert not attachment.confidential
    # Stored under a random name, never the user's.
    assert attachment.file.name.startswith("vedlegg/")
    assert "referat" not in attachment.file.name.lower()
    [path] = stored_files(media)
    assert path.read_bytes() == pdf_bytes()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Referat" in page
    assert download_url(attachment) in page


@pytest.mark.parametrize(
    ("name", "build", "content_type"),
    [
        ("Notat.docx", docx_bytes, attachments.DOCX),
        ("Budsjett 2022.xlsx", xlsx_bytes, attachments.XLSX),
        ("Utredning.odt", odt_bytes, attachments.ODT),
        ("kart.png", lambda: image_bytes("PNG"), "image/png"),
        ("foto.JPG", lambda: image_bytes("JPEG"), "image/jpeg"),
        ("animasjon.gif", lambda: image_bytes("GIF"), "image/gif"),
    ],
)
def test_office_documents_and_images_attach_to_a_case(as_role, meeting, name, build, content_type):
    case = meeting.cases.first()
    response = upload(as_role("secretary"), meeting, name, build(), case=case.pk, confidential="on")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#sak-{case.pk}")
    attachment = Attachment.objects.get()
    assert (attachment.case, attachment.content_type) == (case, content_type)
    assert attachment.confidential


def test_docx_is_recognised_by_its_parts_whatever_their_order(world, meeting):
    # filetype alone looks at the first few entries only and would call this a plain zip.
    content = docx_bytes(parts_first=("docProps/app.xml", "docProps/core.xml", "customXml/a.xml"))
    attachment = attachments.attachment_add(
        meeting=meeting, upload=ContentFile(content, name="Notat.docx"), by=world.users["secretary"]
    )
    assert attachment.content_type == attachments.DOCX


@pytest.mark.parametrize(
    ("name", "build", "message"),
    [
        ("program.pdf", elf_bytes, "This file is of type ELF."),
        ("program.pdf", exe_bytes, "This file is of type EXE."),
        ("side.pdf", html_bytes, "The type of this file was not recognised."),
        ("arkiv.docx", plain_zip_bytes, "This file is of type ZIP."),
        ("referat.docx", pdf_bytes, "the content is PDF, so the name must end in .pdf."),
        ("referat", pdf_bytes, "the content is PDF, so the name must end in .pdf."),
        ("budsjett.docx", xlsx_bytes, "so the name must end in .xlsx."),
        ("kart.jpg", lambda: image_bytes("PNG"), "so the name must end in .png."),
    ],
)
def test_refused_files_say_why_and_store_nothing(as_role, meeting, media, name, build, message):
    response = upload(as_role("secretary"), meeting, name, build())
    assert message in file_error(response)
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_empty_file_is_refused(as_role, meeting, media):
    response = upload(as_role("secretary"), meeting, "tom.pdf", b"")
    assert file_error(response)
    assert "The submitted file is empty." in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_service_refuses_an_empty_file_too(world, meeting):
    with translation.override("en"), pytest.raises(ValidationError, match="The file is empty"):
        attachments.attachment_add(
            meeting=meeting, upload=ContentFile(b"", name="a.pdf"), by=world.users["secretary"]
        )


def test_file_over_the_limit_is_refused(settings, as_role, meeting, media):
    settings.ATTACHMENT_MAX_BYTES = 1024
    assert len(pdf_bytes()) > 1024
    response = upload(as_role("secretary"), meeting, "stor.pdf", pdf_bytes())
    error = file_error(response)
    assert "the limit is 1.0\xa0KB" in error
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_the_form_tells_the_limit_and_accepts_only_known_extensions(as_role, meeting):
    page = as_role("secretary").get(reverse("meetings:attachment_upload", args=[meeting.pk]))
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert "at most 25.0\xa0MB" in html
    assert 'accept=".pdf,.docx,' in html


def test_path_tricks_in_the_name_are_taken_out(as_role, meeting, media, tmp_path):
    response = upload(as_role("secretary"), meeting, "../../etc/passwd.pdf", pdf_bytes())
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "passwd.pdf"
    [path] = stored_files(media)
    assert path.resolve().is_relative_to(media.resolve())
    assert not (tmp_path / "etc").exists()


def test_service_sanitises_names_it_is_given_directly(world, meeting, media):
    attachment = attachments.attachment_add(
        meeting=meeting,
        upload=ContentFile(pdf_bytes(), name="../../etc/\x00pass\u202ewd\n.pdf"),
        by=world.users["secretary"],
    )
    assert attachment.original_name == "passwd.pdf"
    assert attachment.file.name.startswith("vedlegg/")
    assert stored_files(media)[0].resolve().is_relative_to(media.resolve())


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\kari\\Referat.pdf", "Referat.pdf"),
        ("..", "attachment"),
        (".skjult.pdf", "skjult.pdf"),
        ("rapport\u202efdp.exe", "rapportfdp.exe"),
        ("tab\tog\x00nul\x07.pdf", "tabognul.pdf"),
        ("  mange   mellomrom  .pdf", "mange mellomrom.pdf"),
        ("", "attachment"),
    ],
)
def test_clean_file_name(given, shown):
    with translation.override("en"):
        assert attachments.clean_file_name(given) == shown


def test_very_long_names_are_shortened_but_keep_their_extension():
    name = attachments.clean_file_name("å" * 1000 + ".pdf")
    assert len(name) == attachments.MAX_NAME_LENGTH
    assert name.endswith("å.pdf")


def test_approved_minutes_refuse_uploads(as_role, meeting, media):
    services.minutes_approve(meeting=meeting, by=None)
    client = as_role("secretary")
    # The form is not offered: the meeting's page says why.
    page = client.get(reverse("meetings:attachment_upload", args=[meeting.pk]), follow=True)
    assert page.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert "Reopen them to attach files" in page.content.decode()
    response = upload(client, meeting, "referat.pdf", pdf_bytes())
    assert "The minutes are approved and locked" in file_error(response)
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


# --- Download ---------------------------------------------------------------


@pytest.fixture
def attached(world, meeting):
    """An open PDF on the meeting and a confidential PNG on its first case."""
    by = world.users["secretary"]
    open_one = attachments.attachment_add(
        meeting=meeting, upload=ContentFile(pdf_bytes(), name="Møtereferat.pdf"), by=by
    )
    confidential = attachments.attachment_add(
        meeting=meeting,
        case=meeting.cases.first(),
        upload=ContentFile(image_bytes("PNG"), name="tomtekart.png"),
        confidential=True,
        by=by,
    )
    return open_one, confidential


@pytest.mark.parametrize("role", ["secretary", "member", "project_admin", "portal_admin"])
def test_insiders_download_every_attachment(as_role, attached, role):
    client = as_role(role)
    expected = [
        (pdf_bytes(), f"attachment; filename*=utf-8''{quote('Møtereferat.pdf')}"),
        (image_bytes("PNG"), 'attachment; filename="tomtekart.png"'),
    ]
    for attachment, (content, disposition) in zip(attached, expected, strict=True):
        response = client.get(download_url(attachment))
        assert response.status_code == 200
        assert read(response) == content
        assert response["Content-Type"] == attachment.content_type
        assert response["Content-Disposition"] == disposition
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("role", ["reader", "director"])
def test_readers_get_open_attachments_once_the_minutes_are_approved(as_role, attached, role):
    open_one, confidential = attached
    client = as_role(role)
    assert client.get(download_url(open_one)).status_code == 404
    assert client.get(download_url(confidential)).status_code == 404
    services.minutes_approve(meeting=open_one.meeting, by=None)
    response = client.get(download_url(open_one))
    assert response.status_code == 200
    assert read(response) == pdf_bytes()
    assert client.get(download_url(confidential)).status_code == 404


def test_attachments_of_an_exempt_case_are_for_insiders_only(world, as_role, meeting):
    case = meeting.cases.first()
    services.case_update(
        case=case,
        changes={"exempt_from_public": True, "legal_basis": "offl. § 13"},
        seen_updated_at=case.updated_at,
    )
    attachment = attachments.attachment_add(
        meeting=meeting,
        case=case,
        upload=ContentFile(pdf_bytes(), name="a.pdf"),
        by=world.users["secretary"],
    )
    services.minutes_approve(meeting=meeting, by=None)
    assert as_role("member").get(download_url(attachment)).status_code == 200
    assert as_role("reader").get(download_url(attachment)).status_code == 404


def test_outsider_gets_404(as_role, attached):
    client = as_role("outsider")
    for attachment in attached:
        assert client.get(download_url(attachment)).status_code == 404
    services.minutes_approve(meeting=attached[0].meeting, by=None)
    for attachment in attached:
        assert client.get(download_url(attachment)).status_code == 404


def test_anonymous_is_sent_to_log_in(as_role, attached):
    response = as_role("anonymous").get(download_url(attached[0]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(django_settings.LOGIN_URL))


def test_attachment_is_found_only_under_its_own_meeting(world, as_role, attached):
    other = services.meeting_plan(
        group=world.steering_group,
        title="Neste møte",
        starts_at=timezone.make_aware(datetime.datetime(2022, 8, 30, 11)),
    )
    url = reverse("meetings:attachment_download", args=[other.pk, attached[0].pk])
    assert as_role("secretary").get(url).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "reader", "outsider", "secretary"])
def test_public_download_only_open_attachments_of_published_minutes(as_role, attached, role):
    open_one, confidential = attached
    client = as_role(role)
    assert client.get(public_url(open_one)).status_code == 404
    services.minutes_publish(meeting=open_one.meeting, by=None)
    response = client.get(public_url(open_one))
    assert response.status_code == 200
    assert read(response) == pdf_bytes()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(public_url(confidential)).status_code == 404


# --- Pages ------------------------------------------------------------------


def test_meeting_page_lists_what_each_viewer_may_open(as_role, attached):
    open_one, confidential = attached
    meeting = open_one.meeting
    page = as_role("secretary").get(meeting.get_absolute_url()).content.decode()
    assert download_url(open_one) in page
    assert download_url(confidential) in page
    assert reverse("meetings:attachment_remove", args=[meeting.pk, open_one.pk]) in page
    assert reverse("meetings:attachment_upload", args=[meeting.pk]) in page
    services.minutes_approve(meeting=meeting, by=None)
    page = as_role("reader").get(meeting.get_absolute_url()).content.decode()
    assert download_url(open_one) in page
    assert "tomtekart" not in page
    services.minutes_publish(meeting=meeting, by=None)
    page = as_role("anonymous").get(reverse("meetings:public_meeting", args=[meeting.pk]))
    html = page.content.decode()
    assert public_url(open_one) in html
    assert "tomtekart" not in html


def test_meeting_page_queries_do_not_grow_with_attachments(world, as_role, meeting):
    client = as_role("secretary")
    cases = list(meeting.cases.all())

    def add(n):
        Attachment.objects.bulk_create(
            Attachment(
                meeting=meeting,
                case=case if i % 2 else None,
                file=f"vedlegg/x{i}",
                original_name=f"v{i}.pdf",
                content_type=attachments.PDF,
                size=100,
                sha256="0" * 64,
            )
            for i in range(n)
            for case in cases
        )

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(meeting.get_absolute_url()).status_code == 200
        return len(queries)

    add(2)
    small = count()
    add(20)
    assert count() == small


# --- Remove -----------------------------------------------------------------


def test_secretary_removes_an_attachment_and_its_file_after_commit(
    as_role, attached, media, django_capture_on_commit_callbacks
):
    open_one = attached[0]
    path = media / open_one.file.name
    url = reverse("meetings:attachment_remove", args=[open_one.meeting_id, open_one.pk])
    with django_capture_on_commit_callbacks() as callbacks:
        response = as_role("secretary").post(url)
    assert response.status_code == 302
    assert not Attachment.objects.filter(pk=open_one.pk).exists()
    assert path.exists()  # until the removal is committed
    for callback in callbacks:
        callback()
    assert not path.exists()
    assert Attachment.history.filter(id=open_one.pk, history_type="-").exists()


def test_approved_minutes_keep_their_attachments(as_role, attached, media):
    open_one = attached[0]
    services.minutes_approve(meeting=open_one.meeting, by=None)
    url = reverse("meetings:attachment_remove", args=[open_one.meeting_id, open_one.pk])
    response = as_role("secretary").post(url, follow=True)
    assert "The minutes are approved and locked" in response.content.decode()
    assert Attachment.objects.filter(pk=open_one.pk).exists()
    assert (media / open_one.file.name).exists()


def test_case_must_be_on_the_meeting(world, meeting):
    elsewhere = services.case_propose(group=world.steering_group, title="I køen")
    with pytest.raises(ValidationError) as refused:
        attachments.attachment_add(
            meeting=meeting,
            case=elsewhere,
            upload=ContentFile(pdf_bytes(), name="a.pdf"),
            by=world.users["secretary"],
        )
    assert "case" in refused.value.message_dict


def test_deleting_a_case_deletes_its_stored_files_after_commit(
    world, meeting, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    case = services.case_add(meeting=meeting, title="Med vedlegg")
    upload = SimpleUploadedFile("referat.pdf", pdf_bytes())
    attachment = attachments.attachment_add(
        meeting=meeting, case=case, upload=upload, by=world.users["secretary"]
    )
    name = attachment.file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_delete(case=case)
    assert not default_storage.exists(name)
