"""The dashboard and registers cost the same number of queries for 10 items as for 1,000."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import ActionItem, ActionItemUpdate, Case


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def meeting(world):
    return services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2026, 10, 20, 11)),
    )


def grow(world, meeting, n):
    """n items answered for in every way, each with a note, over n cases (bulk: test data)."""
    start = Case.objects.count()
    cases = Case.objects.bulk_create(
        Case(
            group=meeting.group,
            meeting=meeting,
            year=2026,
            number=5000 + start + i,
            position=start + i + 1,
            title=f"Sak {i}",
        )
        for i in range(n)
    )
    today = timezone.localdate()
    kinds = [
        {"responsible_organisation": world.grue},
        {"responsible_group": world.steering_group},
        {},
    ]
    items = ActionItem.objects.bulk_create(
        ActionItem(
            case=case,
            description=f"Punkt {i}",
            deadline=today + datetime.timedelta(days=i % 60 - 20),
            status="done" if i % 7 == 0 else "open",
            **kinds[i % 3],
        )
        for i, case in enumerate(cases)
    )
    person = world.users["member"].person
    ActionItem.responsible_people.through.objects.bulk_create(
        ActionItem.responsible_people.through(actionitem=item, person=person)
        for item in items[2::3]
    )
    ActionItemUpdate.objects.bulk_create(
        ActionItemUpdate(item=item, status=item.status, note="Notat") for item in items
    )


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("member", lambda world: reverse("meetings:my_action_items")),
        ("reader", lambda world: reverse("meetings:my_action_items")),
        ("project_admin", lambda world: reverse("meetings:project_register", args=["vag"])),
        ("reader", lambda world: reverse("meetings:project_register", args=["vag"])),
        (
            "member",
            lambda world: reverse("meetings:group_register", args=[world.steering_group.pk]),
        ),
        ("member", lambda world: reverse("meetings:my_action_items") + "?status=open"),
    ],
)
def test_lists_are_constant(world, client_for, meeting, role, url):
    client = client_for(world.users[role])
    grow(world, meeting, 10)
    small = count(client, url(world))
    grow(world, meeting, 990)
    assert count(client, url(world)) == small
