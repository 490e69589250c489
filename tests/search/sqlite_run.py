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
    report["public"] = public_report(world, content, EXEMPT_MARKER)
    print("REPORT" + json.dumps(report))


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
