"""Shared by the tests of what a case decides into being (issue 21): a meeting of VÅG's
steering group with one case, and posting a page's own form as a browser sends it.

Import the ``*_fixture`` functions into a test module to use the fixtures by their names;
``media`` and ``quiet_minutes_tasks`` come from tests/conftest.py.
"""

import datetime

import pytest
from django.utils import timezone

from meetings import services
from tests.browser_forms import parse_forms, submission

DECISION = "Styringsgruppen oppretter en arbeidsgruppe for økonomi."


@pytest.fixture(name="meeting")
def meeting_fixture(world, media):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2018, 3, 12, 11)),
    )
    services.case_add(meeting=meeting, title="Organisering", decision=f"<p>{DECISION}</p>")
    return meeting


@pytest.fixture(name="case")
def case_fixture(meeting):
    return meeting.cases.get(title="Organisering")


def browser_post(client, url, values: dict):
    """GET the page, then POST its form as a browser would, with ``values`` typed in."""
    page = client.get(url)
    assert page.status_code == 200, page.content[:300]
    forms = parse_forms(page.content.decode())
    form = next(f for f in forms if f.method == "post" and not f.action)
    data = submission(form, today=timezone.localdate()).data
    for name, value in values.items():
        data[name] = value if isinstance(value, list) else [str(value)]
    return client.post(url, data)


def words(html_or_text: str) -> str:
    return " ".join(html_or_text.split())
