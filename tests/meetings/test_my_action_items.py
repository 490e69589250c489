"""“Mine oppfølgingspunkter”: what the user answers for, in order, and the one-step update."""

import pytest
from django.urls import reverse

from meetings import action_selectors
from meetings.action_selectors import ItemFilters
from meetings.models import ActionItem, ActionItemUpdate
from tests.meetings.action_fixtures import build_items, days

URL = reverse("meetings:my_action_items")


@pytest.fixture
def items(world):
    return build_items(world)


def listed(client, query=None):
    response = client.get(URL, query or {})
    assert response.status_code == 200
    return [item.pk for item in response.context["page"].object_list]


def test_member_sees_own_organisations_and_groups_items_in_urgency_order(world, items, client_for):
    # Overdue (organisation) first, then due in 3 days (group), then in 30 days (personal).
    assert listed(client_for(world.users["member"])) == [
        items.organisation.pk,
        items.group.pk,
        items.personal.pk,
    ]


def test_reader_answers_only_through_the_organisation(world, items, client_for):
    assert listed(client_for(world.users["reader"])) == [items.organisation.pk]


def test_secretary_answers_through_the_group_not_another_municipality(world, items, client_for):
    # Åsnes' item (due tomorrow) is the secretary's organisation's; the Grue item is not theirs.
    assert listed(client_for(world.users["secretary"])) == [
        items.other_municipality.pk,
        items.group.pk,
    ]


def test_outsider_sees_nothing_of_vag(world, items, client_for):
    assert listed(client_for(world.users["outsider"])) == [items.other_project.pk]


def test_an_item_of_an_invisible_project_is_not_shown(world, items):
    # Bodø's item names Bodø; Grue's member is not responsible and cannot see the project.
    mine = action_selectors.my_open_items(world.users["member"], filters=ItemFilters())
    assert items.other_project.pk not in {i.pk for i in mine}


def test_undated_items_come_last_and_urgency_is_marked(world, items, client_for):
    from meetings import services

    undated = services.action_item_add(
        case=items.personal.case,
        description="Uten frist",
        responsible_people=[world.users["member"].person],
    )
    page = client_for(world.users["member"]).get(URL).context["page"]
    assert [i.pk for i in page.object_list][-1] == undated.pk
    urgency = {i.pk: i.urgency for i in page.object_list}
    assert urgency[items.organisation.pk] == action_selectors.Urgency.OVERDUE
    assert urgency[items.group.pk] == action_selectors.Urgency.SOON
    assert urgency[items.personal.pk] == action_selectors.Urgency.LATER


def test_completed_items_move_below(world, items, client_for):
    from meetings import services

    services.action_item_follow_up(item=items.group, status=ActionItem.Status.DONE, note="Ferdig")
    response = client_for(world.users["member"]).get(URL)
    assert items.group.pk not in [i.pk for i in response.context["page"].object_list]
    assert [i.pk for i in response.context["closed"]] == [items.group.pk]
    assert "Ferdig" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("status", "in_progress", []),
        ("status", "open", ["organisation", "group", "personal"]),
        # Grue's own item, and the one named after a person from Grue.
        ("municipality", "grue", ["organisation", "personal"]),
        ("group", "steering_group", ["organisation", "group", "personal"]),
        ("project", "project", ["organisation", "group", "personal"]),
    ],
)
def test_filters(world, items, client_for, field, value, expected):
    if field in ("municipality", "group", "project"):
        value = getattr(world, value).pk
    found = listed(client_for(world.users["member"]), {field: value})
    assert found == [getattr(items, name).pk for name in expected]


def test_filter_offers_no_project_of_another_municipality(world, items, client_for):
    form = client_for(world.users["member"]).get(URL).context["form"]
    assert world.other_project not in form.fields["project"].queryset
    assert world.bodo not in form.fields["municipality"].queryset
    # Only what the member's own items can be narrowed to.
    assert world.working_group not in form.fields["group"].queryset
    assert world.asnes not in form.fields["municipality"].queryset
    # A hidden project given by hand is refused, and the list is not narrowed to it.
    response = client_for(world.users["member"]).get(URL, {"project": world.other_project.pk})
    assert response.context["form"].errors


def test_update_with_a_note_in_one_step_from_the_list(world, items, client_for):
    client = client_for(world.users["member"])
    item = items.personal
    response = client.post(
        reverse("meetings:action_item_update", args=[item.pk]),
        {
            "status": "in_progress",
            "note": "Har ringt Merete",
            "seen_updated_at": item.updated_at.isoformat(),
            "next": f"{URL}?side=1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?side=1#punkt-{item.pk}"
    item.refresh_from_db()
    assert item.status == "in_progress"
    update = ActionItemUpdate.objects.get(item=item)
    assert (update.previous_status, update.status, update.note) == (
        "open",
        "in_progress",
        "Har ringt Merete",
    )
    assert update.by == world.users["member"]
    assert item.history.first().status == "in_progress"
    # The history page tells the story.
    page = client.get(reverse("meetings:action_item_detail", args=[item.pk])).content.decode()
    assert "Har ringt Merete" in page
    assert "Åpen → Pågår" in page


def test_update_after_someone_else_changed_it_saves_nothing(world, items, client_for):
    from meetings import services

    item = items.group
    seen = item.updated_at.isoformat()
    services.action_item_follow_up(item=item, status="done", note="Ferdig")
    client = client_for(world.users["member"])
    response = client.post(
        reverse("meetings:action_item_update", args=[item.pk]),
        {"status": "in_progress", "note": "Min merknad", "seen_updated_at": seen, "next": URL},
        follow=True,
    )
    item.refresh_from_db()
    assert item.status == "done"
    assert ActionItemUpdate.objects.filter(item=item).count() == 1
    text = response.content.decode()
    assert "Min merknad" in text  # the note is given back, not lost


def test_an_update_without_change_or_note_is_explained(world, items, client_for):
    item = items.personal
    response = client_for(world.users["member"]).post(
        reverse("meetings:action_item_update", args=[item.pk]),
        {"status": "open", "note": "", "seen_updated_at": item.updated_at.isoformat()},
        follow=True,
    )
    assert response.status_code == 200
    assert not ActionItemUpdate.objects.filter(item=item).exists()
    assert list(response.context["messages"])


def test_an_invalid_status_is_explained(world, items, client_for):
    item = items.personal
    response = client_for(world.users["member"]).post(
        reverse("meetings:action_item_update", args=[item.pk]),
        {"status": "forgotten", "seen_updated_at": item.updated_at.isoformat()},
        follow=True,
    )
    assert response.status_code == 200
    assert not ActionItemUpdate.objects.filter(item=item).exists()


@pytest.mark.parametrize(
    ("role", "item_name", "status"),
    [
        ("reader", "group", 404),  # sees the project, no seat in the group
        ("reader", "personal", 404),
        ("reader", "organisation", 302),  # Grue answers for it
        ("member", "other_municipality", 404),  # sees it (insider), does not answer for it
        ("secretary", "personal", 302),  # the group's secretary updates any item
        ("outsider", "organisation", 404),
    ],
)
def test_who_may_update(world, items, client_for, role, item_name, status):
    item = getattr(items, item_name)
    response = client_for(world.users[role]).post(
        reverse("meetings:action_item_update", args=[item.pk]),
        {"status": "in_progress", "note": "x", "seen_updated_at": item.updated_at.isoformat()},
    )
    assert response.status_code == status


def test_next_must_stay_on_the_site(world, items, client_for):
    item = items.personal
    response = client_for(world.users["member"]).post(
        reverse("meetings:action_item_update", args=[item.pk]),
        {
            "status": "in_progress",
            "note": "x",
            "seen_updated_at": item.updated_at.isoformat(),
            "next": "https://evil.example/",
        },
    )
    assert response["Location"].startswith(reverse("meetings:action_item_detail", args=[item.pk]))


@pytest.mark.parametrize(
    "garbage", ["garbage", "home", "meetings:detail", "x.y", "//evil.example/"]
)
def test_a_next_that_is_no_path_here_falls_back_to_the_item(world, items, client_for, garbage):
    item = items.personal
    response = client_for(world.users["member"]).post(
        reverse("meetings:action_item_update", args=[item.pk]),
        {
            "status": "in_progress",
            "note": "x",
            "seen_updated_at": item.updated_at.isoformat(),
            "next": garbage,
        },
    )
    assert response.status_code == 302
    detail = reverse("meetings:action_item_detail", args=[item.pk])
    assert response["Location"] == f"{detail}#punkt-{item.pk}"


def test_dashboard_is_linked_from_the_navigation(world, client_for):
    response = client_for(world.users["member"]).get(reverse("home"))
    assert URL in response.content.decode()


def test_paginated(world, items, client_for, settings):
    from meetings import services

    for n in range(30):
        services.action_item_add(
            case=items.personal.case,
            description=f"Punkt {n}",
            responsible_people=[world.users["member"].person],
            deadline=days(40 + n),
        )
    client = client_for(world.users["member"])
    first = client.get(URL).context["page"]
    assert first.paginator.count == 33 and len(first.object_list) == 25
    second = client.get(URL, {"side": 2}).context["page"]
    assert len(second.object_list) == 8
