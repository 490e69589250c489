"""Run by tests/search/test_sqlite_fallback.py in a process of its own on a SQLite file.

Migrates (which creates the FTS5 table and its triggers), builds the test world and its
search content through the services, searches through the view as three roles, and
prints what each found as JSON.
"""

import json

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import reverse


def found(client, q, url=None, **params) -> dict:
    response = client.get(url or reverse("search:results"), {"q": q, **params})
    page = response.context["page"]
    return {
        "status": response.status_code,
        "titles": [entry.title for entry in page] if page is not None else None,
        "html": response.content.decode(),
    }


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from tests.conftest import build_world
    from tests.search.helpers import EXEMPT_MARKER, build

    world = build_world()
    content = build(world)
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    report = {"vendor": connection.vendor}
    for role in ("member", "reader", "outsider"):
        client = Client()
        client.force_login(world.users[role])
        report[role] = {
            "avtale": found(client, "avtale"),
            "barnevern": found(client, "barnevern"),
            "exempt": found(client, EXEMPT_MARKER.lower()),
            "case_number": found(client, "sak 1/18"),
            "newest": found(client, "styringsgruppemøte", order="newest", kind="meeting"),
        }
    report["attachments"] = attachment_report(world, content)
    report["public"] = public_report(world, content, EXEMPT_MARKER)
    print("REPORT" + json.dumps(report))


def attachment_report(world, content) -> dict:
    """Files on the draft meeting, read by the outbox task in this process (as the embedded
    default without Redis does), searched through the view before and after approval."""
    from django.core.files.base import ContentFile
    from django.test import override_settings

    from meetings import attachments, services
    from tests.search.attachment_files import DOCX_MARKER, PDF_MARKER, docx_bytes, pdf_bytes

    secretary = world.users["secretary"]
    with override_settings(CELERY_TASK_ALWAYS_EAGER=True):
        attachments.attachment_add(
            meeting=content.draft,
            upload=ContentFile(pdf_bytes(PDF_MARKER), name="Befaring.pdf"),
            by=secretary,
        )
        attachments.attachment_add(
            meeting=content.draft,
            upload=ContentFile(docx_bytes(DOCX_MARKER), name="Notat.docx"),
            confidential=True,
            by=secretary,
        )
    report = {}
    for stage in ("draft", "approved"):
        if stage == "approved":
            services.minutes_approve(meeting=content.draft, by=None)
        for role in ("member", "reader", "outsider"):
            client = Client()
            client.force_login(world.users[role])
            report[f"{stage}:{role}"] = {
                "pdf": found(client, PDF_MARKER.lower(), kind="attachment")["titles"],
                "docx": found(client, DOCX_MARKER.lower())["titles"],
            }
    return report


def public_report(world, content, marker) -> dict:
    """The public search on SQLite: the published version found, the exempt text not, and
    nothing after the take-down."""
    from meetings import services

    services.minutes_publish(meeting=content.approved, by=world.users["secretary"])
    anonymous = Client()
    url = reverse("meetings:public_search")
    report = {
        "avtale": found(anonymous, "avtale", url=url),
        "exempt": found(anonymous, marker.lower(), url=url),
    }
    services.minutes_unpublish(meeting=content.approved, by=world.users["secretary"], reason="Feil")
    report["taken_down"] = found(anonymous, "avtale", url=url)
    return report


main()
