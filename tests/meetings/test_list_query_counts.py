"""Every meeting and action-item list costs as many queries for 50 rows as for 2
(tests/query_counts.py). Rows are made through the services, as the pages expect them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings import attachments, feeds, services
from meetings.models import ActionItem, Participant
from projects import services as project_services
from projects.models import GroupMembership
from tests.agreements.helpers import SMALL_PDF
from tests.factories import PersonFactory, ProjectGroupFactory
from tests.query_counts import Page, assert_constant, row

DONE = ActionItem.Status.DONE

pytestmark = pytest.mark.usefixtures("media")


def at(days: int) -> datetime.datetime:
    return timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + datetime.timedelta(
        days=days
    )


def plan(world, title, days, **kwargs):
    return services.meeting_plan(
        group=world.steering_group, title=title, starts_at=at(days), **kwargs
    )


# --- One meeting with many rows ----------------------------------------------------------


@pytest.fixture
def held(world):
    """Last week's meeting of the steering group, its minutes out for comments."""
    meeting = plan(world, "Styringsgruppemøte", -7, secretary=world.users["secretary"].person)
    return services.minutes_send_for_comments(
        meeting=meeting,
        comment_deadline=timezone.localdate() + datetime.timedelta(days=14),
        by=world.users["secretary"],
    )


def grow_meeting(world, meeting, start, count):
    """Each row: a case with an action item (to a person, a municipality or a group in turn),
    its follow-up in this meeting, a comment and an attachment; a participant; a case in the
    group's queue; a new seat in the group. Every fifth case is exempt from public access.
    The minutes are published again, with the new rows."""
    secretary, member = world.users["secretary"], world.users["member"]
    group = meeting.group
    for i in range(start, start + count):
        exempt = {"exempt_from_public": True, "legal_basis": "Offl. § 14"} if i % 5 == 2 else {}
        case = services.case_add(
            meeting=meeting,
            title=f"Sak {row(i)}",
            notes=f"<p>Notat {row(i)}</p>",
            decision="<p>Vedtatt.</p>",
            **exempt,
        )
        person = PersonFactory(name=f"Deltaker {row(i)}", organisation=world.grue)
        services.participant_set(
            meeting=meeting,
            person=person,
            attendance=Participant.Attendance.PRESENT
            if i % 2 == 0
            else Participant.Attendance.ABSENT,
        )
        responsible = [
            {"responsible_people": [person]},
            {"responsible_organisation": world.grue},
            {"responsible_group": group},
        ][i % 3]
        item = services.action_item_add(
            case=case,
            description=f"Punkt {row(i)}",
            deadline=timezone.localdate() + datetime.timedelta(days=i),
            **responsible,
        )
        services.action_item_follow_up(
            item=item,
            status=item.status,
            note=f"Oppfølging {row(i)}",
            by=secretary,
            meeting=meeting,
        )
        services.case_comment(case=case, author=member, text=f"Kommentar {row(i)}")
        attachments.attachment_add(
            meeting=meeting,
            case=case,
            upload=SimpleUploadedFile(f"vedlegg-{i}.pdf", SMALL_PDF, "application/pdf"),
            title=f"Vedlegg {row(i)}",
            by=secretary,
        )
        services.case_propose(group=group, title=f"Forslag {row(i)}")
        project_services.group_membership_add(
            group=group,
            person=PersonFactory(name=f"Medlem {row(i)}", organisation=world.asnes),
            role=GroupMembership.Role.MEMBER,
        )
    services.minutes_publish(meeting=meeting, by=secretary)


def texts(*kinds):
    return lambda n: [f"{kind} {row(i)}" for kind in kinds for i in (0, n - 1)]


def test_meeting_pages_cost_the_same_for_50_rows(world, client_for, held):
    def as_(role):
        return lambda: client_for(world.users[role])

    pages = [
        # The secretary edits: the agenda, the queue and the group's open items besides.
        Page(
            as_("secretary"),
            reverse("meetings:detail", args=[held.pk]),
            texts("Sak", "Deltaker", "Punkt", "Oppfølging", "Kommentar", "Vedlegg", "Forslag"),
        ),
        Page(
            as_("member"),
            reverse("meetings:detail", args=[held.pk]),
            texts("Sak", "Punkt", "Kommentar", "Vedlegg"),
        ),
        # A reader of the project sees the published version on the meeting's own page.
        Page(
            as_("reader"),
            reverse("meetings:detail", args=[held.pk]),
            texts("Sak", "Deltaker", "Punkt", "Vedlegg"),
        ),
        Page(
            as_("anonymous"),
            reverse("meetings:public_meeting", args=[held.pk]),
            texts("Sak", "Deltaker", "Punkt", "Vedlegg"),
        ),
        Page(as_("secretary"), reverse("meetings:participants", args=[held.pk]), texts("Deltaker")),
        # Planning the next meeting lists who is invited, the queue and the open items.
        Page(
            as_("secretary"),
            reverse("meetings:create", args=[held.group_id]),
            texts("Medlem", "Forslag", "Punkt"),
        ),
    ]
    assert_constant(pages, lambda s, c: grow_meeting(world, held, s, c))


def test_case_history_costs_the_same_for_50_versions(world, client_for, held):
    case = services.case_add(meeting=held, title="Budsjett 2027")

    def grow(start, count):
        for i in range(start, start + count):
            case.refresh_from_db()
            services.case_update(
                case=case, changes={"notes": f"<p>{word(i)}</p>"}, seen_updated_at=case.updated_at
            )

    page = Page(
        lambda: client_for(world.users["secretary"]),
        reverse("meetings:case_history", args=[held.pk, case.pk]),
        lambda n: [word(0), word(n - 1)],
    )
    assert_constant([page], grow)


def word(i):
    """One word: the history shows what changed word by word."""
    return f"Versjon{i:02d}"


def test_action_item_page_costs_the_same_for_50_notes(world, client_for, held):
    case = services.case_add(meeting=held, title="Budsjett 2027")
    item = services.action_item_add(
        case=case,
        description="Merete sjekker dette",
        responsible_people=[world.users["member"].person],
    )

    def grow(start, count):
        for i in range(start, start + count):
            item.refresh_from_db()
            services.action_item_follow_up(
                item=item, status=item.status, note=f"Notat {row(i)}", by=world.users["member"]
            )

    page = Page(
        lambda: client_for(world.users["member"]),
        reverse("meetings:action_item_detail", args=[item.pk]),
        texts("Notat"),
    )
    assert_constant([page], grow)


# --- Action items across meetings ---------------------------------------------------------


def grow_items(world, meeting, start, count):
    """Each row: a case with an item answered for by Grue (two rows in four), the member or the
    steering group, deadlines a day apart from today; every fourth item (from the second) done.

    Two rows already fill each list a role sees, open and recently closed alike: an empty list
    skips its prefetches, which would differ from 50 rows without a query per row.
    """
    member = world.users["member"]
    for i in range(start, start + count):
        case = services.case_add(meeting=meeting, title=f"Sak {row(i)}")
        responsible = [
            {"responsible_organisation": world.grue},
            {"responsible_organisation": world.grue},
            {"responsible_people": [member.person]},
            {"responsible_group": world.steering_group},
        ][i % 4]
        item = services.action_item_add(
            case=case,
            description=f"Punkt {row(i)}",
            deadline=timezone.localdate() + datetime.timedelta(days=i),
            **responsible,
        )
        status = DONE if i % 4 == 1 else item.status
        services.action_item_follow_up(item=item, status=status, note=f"Notat {row(i)}", by=member)


def first(*numbers):
    """Rows that come first on every page: deadlines ascend with the row number."""
    return lambda n: [f"Punkt {row(i)}" for i in numbers]


def dashboard(n):
    """The first open item, and the last one closed (row n - 1 is done at 2 and at 50 rows)."""
    return [f"Punkt {row(0)}", f"Punkt {row(n - 1)}"]


def test_action_item_lists_cost_the_same_for_50_rows(world, client_for, held):
    def as_(role):
        return lambda: client_for(world.users[role])

    mine = reverse("meetings:my_action_items")
    project = reverse("meetings:project_register", args=["vag"])
    group = reverse("meetings:group_register", args=[world.steering_group.pk])
    pages = [
        Page(as_("member"), mine, dashboard),
        Page(as_("member"), mine + "?status=open", first(0)),
        Page(as_("reader"), mine, dashboard),
        Page(as_("project_admin"), project, first(0, 1)),
        Page(as_("reader"), project, first(0, 1)),
        Page(as_("member"), group, first(0, 1)),
        # The exports hold every row, not a page (the spreadsheet is compressed: no text).
        Page(
            as_("project_admin"),
            reverse("meetings:project_register_export", args=["vag", "csv"]),
            lambda n: [f"Punkt {row(0)}", f"Punkt {row(n - 1)}"],
        ),
        Page(
            as_("member"),
            reverse("meetings:group_register_export", args=[world.steering_group.pk, "xlsx"]),
            lambda n: [],
        ),
    ]
    assert_constant(pages, lambda s, c: grow_items(world, held, s, c))


def grow_feeds(world, start, count):
    """Groups the member sits in, each with its own calendar address."""
    member = world.users["member"]
    for i in range(start, start + count):
        group = ProjectGroupFactory(project=world.project, name=f"Gruppe {row(i)}")
        project_services.group_membership_add(
            group=group, person=member.person, role=GroupMembership.Role.MEMBER
        )
        feeds.calendar_feed_create(user=member, group=group)


def test_calendar_addresses_cost_the_same_for_50_groups(world, client_for):
    page = Page(
        lambda: client_for(world.users["member"]),
        reverse("meetings:calendar_feeds"),
        texts("Gruppe"),
    )
    assert_constant([page], lambda s, c: grow_feeds(world, s, c))


def grow_calendar(world, start, count):
    """Coming meetings of the steering group, each with an item for the member with a deadline."""
    for i in range(start, start + count):
        meeting = plan(world, f"Møte {row(i)}", i + 1, standing_cases=False)
        case = services.case_add(meeting=meeting, title=f"Sak {row(i)}")
        services.action_item_add(
            case=case,
            description=f"Punkt {row(i)}",
            responsible_people=[world.users["member"].person],
            deadline=timezone.localdate() + datetime.timedelta(days=i + 1),
        )


def test_calendars_cost_the_same_for_50_meetings(world, client):
    """The member's own calendar and the steering group's, read by a calendar program."""
    pages = [
        Page(
            lambda: client,
            reverse("meetings:calendar_feed", args=[token]),
            texts("Møte", "Punkt"),
        )
        for _feed, token in (
            feeds.calendar_feed_create(user=world.users["member"], group=group)
            for group in (None, world.steering_group)
        )
    ]
    assert_constant(pages, lambda s, c: grow_calendar(world, s, c))


# --- Lists of meetings ---------------------------------------------------------------------


def grow_meetings(world, made, start, count):
    """Held meetings of the steering group, a day apart, the newest last, each published."""
    for i in range(start, start + count):
        meeting = plan(world, f"Møte {row(i)}", i - 100, standing_cases=False)
        services.minutes_publish(meeting=meeting, by=world.users["secretary"])
        made.append(meeting)


def test_meeting_lists_cost_the_same_for_50_meetings(world, client_for):
    made = []

    def newest(link):
        # Newest first, 25 a page.
        return lambda n: [f'href="{link(made[n - 1])}"', f'href="{link(made[n - 2])}"']

    pages = [
        Page(
            lambda: client_for(world.users["member"]),
            reverse("meetings:group_meetings", args=[world.steering_group.pk]),
            newest(lambda m: m.get_absolute_url()),
        ),
        # The public list names each meeting by its group and day.
        Page(
            lambda: client_for(None),
            reverse("meetings:public_project", args=["vag"]),
            newest(lambda m: reverse("meetings:public_meeting", args=[m.pk])),
        ),
    ]
    assert_constant(pages, lambda s, c: grow_meetings(world, made, s, c))
