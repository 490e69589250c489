"""Meeting pages cost the same number of queries for 10 rows as for many."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import ActionItem, Case, CaseComment, Meeting, Participant, PublishedMinutes
from projects.models import Person


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow_meeting(meeting, n, author):
    """n more cases, each with an action item, a responsible person and a comment (bulk)."""
    start = meeting.cases.count()
    cases = Case.objects.bulk_create(
        Case(
            group=meeting.group,
            meeting=meeting,
            year=2018,
            number=1000 + start + i,
            position=start + i + 1,
            title=f"Sak {i}",
            notes="<p>Notat</p>",
            decision="<p>Vedtak</p>",
        )
        for i in range(n)
    )
    people = Person.objects.bulk_create(Person(name=f"Ansvarlig {start + i}") for i in range(n))
    items = ActionItem.objects.bulk_create(
        ActionItem(case=c, description="Følge opp", deadline=datetime.date(2018, 12, 1))
        for c in cases
    )
    ActionItem.responsible_people.through.objects.bulk_create(
        ActionItem.responsible_people.through(actionitem=item, person=person)
        for item, person in zip(items, people, strict=True)
    )
    CaseComment.objects.bulk_create(CaseComment(case=c, author=author, text="Ok") for c in cases)
    Participant.objects.bulk_create(Participant(meeting=meeting, person=p) for p in people)


def test_meeting_page_is_constant(world, client_for):
    secretary = world.users["secretary"]
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2018, 11, 29, 11)),
    )
    client = client_for(secretary)
    grow_meeting(meeting, 10, secretary)
    small = count(client, meeting.get_absolute_url())
    grow_meeting(meeting, 200, secretary)
    assert count(client, meeting.get_absolute_url()) == small


def add_meetings(group, n, published):
    start = Meeting.objects.count()
    meetings = Meeting.objects.bulk_create(
        Meeting(
            group=group,
            title=f"Møte {start + i}",
            starts_at=timezone.now() - datetime.timedelta(days=start + i),
            published_at=timezone.now() if published else None,
        )
        for i in range(n)
    )
    if published:
        # What the public project page lists: the published version's facts, not the meeting's.
        PublishedMinutes.objects.bulk_create(
            PublishedMinutes(
                meeting=meeting,
                number=1,
                published_at=meeting.published_at,
                snapshot={
                    "meeting": {
                        "starts_at": meeting.starts_at.isoformat(),
                        "minutes_status": meeting.minutes_status,
                    }
                },
            )
            for meeting in meetings
        )


def test_meeting_lists_are_constant(world, client_for):
    group = world.steering_group
    client = client_for(world.users["member"])
    urls = [
        reverse("meetings:group_meetings", args=[group.pk]),
        group.get_absolute_url(),
        reverse("meetings:public_project", args=[group.project.slug]),
    ]
    add_meetings(group, 10, published=True)
    small = [count(client, url) for url in urls]
    add_meetings(group, 300, published=True)
    assert [count(client, url) for url in urls] == small
