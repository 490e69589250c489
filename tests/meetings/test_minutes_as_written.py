"""Minutes as real minutes write them (issue 21): attendance, old meetings, their numbers.

Each shape is recorded through the pages a secretary uses, with the form a browser sends,
and read back from the meeting page, the internal PDF and the published version.
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from meetings.models import Case, Meeting, MinutesEvent
from projects.models import Person
from samarbeid.outbox.models import OutboxMessage
from tests.pdf.helpers import pdf_text


@pytest.fixture(autouse=True)
def empty_cache():
    # The PDF cache is Redis when REDIS_URL is set, and outlives the test database.
    cache.clear()


@pytest.fixture
def secretary_client(world, client_for):
    return client_for(world.users["secretary"])


def plan(client, group, **fields):
    data = {"title": "Styringsgruppemøte", "day": "2019-03-12", "standing_cases": "on"}
    data.update(fields)
    response = client.post(reverse("meetings:create", args=[group.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    return Meeting.objects.order_by("-pk").first()


def facts_row(html: str, label: str) -> str:
    """The text of one row of the meeting page's facts (a <dt>/<dd> pair)."""
    match = re.search(rf"<dt>{label}</dt>\s*<dd>(.*?)</dd>", html, re.S)
    assert match, f"no row {label!r}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def pdf_of(client, meeting, public=False) -> str:
    name = "meetings:public_minutes_pdf" if public else "meetings:minutes_pdf"
    response = client.get(reverse(name, args=[meeting.pk]))
    assert response.status_code == 200, response.content[:300]
    return " ".join(pdf_text(response.content).split())


def between(text: str, start: str, end: str) -> str:
    return text[text.index(start) + len(start) : text.index(end, text.index(start))]


# --- Attendance ---------------------------------------------------------------------


def test_attendance_reads_as_the_minutes_write_it(world, secretary_client, media):
    secretary = world.users["secretary"].person
    member = world.users["member"].person
    Person.objects.filter(pk=member.pk).update(title="kommunalsjef")
    meeting = plan(secretary_client, world.steering_group, secretary=secretary.pk)
    # The member's seat brings the title as it is on the day, not "Medlem".
    assert meeting.participants.get(person=member).role == "kommunalsjef"

    url = reverse("meetings:participants", args=[meeting.pk])
    officer = {
        "add": "1",
        "new_person_name": "Ola Økonom",
        "attendance": "officer",
        "role": "økonomisjef",
        "organisation": world.valer.pk,
    }
    assert secretary_client.post(url, officer).status_code == 302
    guest = {
        "add": "1",
        "new_person_name": "Gunn Gjest",
        "attendance": "guest",
        "role": "rådgiver, KS",
        "note": "sak 3/19 only",
    }
    assert secretary_client.post(url, guest).status_code == 302
    # A title typed for someone new is theirs from then on.
    assert Person.objects.get(name="Ola Økonom").title == "økonomisjef"
    # The title as on the day is corrected on the attendance table, with the attendance.
    rows = {p.person.name: p for p in meeting.participants.select_related("person")}
    data = {}
    for p in rows.values():
        data[f"p{p.pk}-attendance"] = p.attendance
        data[f"p{p.pk}-role"] = p.role
        data[f"p{p.pk}-note"] = p.note
    data[f"p{rows[member.name].pk}-role"] = "kommunalsjef helse"
    assert secretary_client.post(url, data).status_code == 302

    page = secretary_client.get(meeting.get_absolute_url()).content.decode()
    present = facts_row(page, "Til stede")
    assert "kommunalsjef helse" in present
    assert secretary.name not in present  # named as the secretary, not as present
    assert facts_row(page, "Referent") == secretary.name
    assert facts_row(page, "Fra administrasjonen") == "Ola Økonom, økonomisjef (Våler kommune)"
    assert facts_row(page, "Gjester") == "Gunn Gjest, rådgiver, KS – sak 3/19 only"

    text = pdf_of(secretary_client, meeting)
    assert "Fra administrasjonen Ola Økonom, økonomisjef (Våler kommune)" in text
    assert secretary.name not in between(text, "Deltakere", "Forfall")
    assert "Gunn Gjest, rådgiver, KS (Våler" not in text

    # Published, the public reads the same attendance.
    publish = reverse("meetings:minutes_step", args=[meeting.pk, "publiser"])
    assert secretary_client.post(publish, {"reason": ""}).status_code == 302
    public = secretary_client.get(reverse("meetings:public_meeting", args=[meeting.pk]))
    html = public.content.decode()
    assert facts_row(html, "Fra administrasjonen") == "Ola Økonom, økonomisjef (Våler kommune)"
    assert secretary.name not in facts_row(html, "Til stede")
    public_text = pdf_of(secretary_client, meeting, public=True)
    assert "Fra administrasjonen Ola Økonom, økonomisjef" in public_text


# --- Meetings of the past -----------------------------------------------------------


def test_old_minutes_are_entered_as_approved_back_then_without_a_comment_round(
    world, secretary_client, media
):
    meeting = plan(secretary_client, world.steering_group)
    assert meeting.date_only
    url = reverse("meetings:minutes_step", args=[meeting.pk, "godkjenn"])

    future = timezone.localdate() + datetime.timedelta(days=3)
    response = secretary_client.post(url, {"approved_on": future.isoformat()})
    assert response.status_code == 200
    assert "Datoen ligger i fremtiden" in response.content.decode()
    response = secretary_client.post(url, {"approved_on": "2019-03-01"})
    assert "før møtet ble holdt (12.03.2019)" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).minutes_status == "draft"

    notices_before = OutboxMessage.objects.filter(task__contains="notify").count()
    how = "Sak 1/19 i styringsgruppens møte 9.4.2019"
    response = secretary_client.post(url, {"approved_on": "09.04.2019", "reason": how})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_status == "approved"
    event = meeting.events.get(kind=MinutesEvent.Kind.APPROVED)
    assert event.effective_on == datetime.date(2019, 4, 9)
    assert event.reason == how
    # History entered today tells nobody anything today.
    assert OutboxMessage.objects.filter(task__contains="notify").count() == notices_before

    page = secretary_client.get(meeting.get_absolute_url()).content.decode()
    assert facts_row(page, "Godkjent") == f"9. april 2019 – {how}"
    assert facts_row(page, "Møtedato") == "12. mars 2019"
    text = pdf_of(secretary_client, meeting)
    assert f"Godkjent 9. april 2019 – {how}" in text
    assert "Møtedato 12. mars 2019 Godkjent" in text  # the day, and no invented time
    assert "UTKAST" not in text


def test_approving_today_still_needs_no_date(world, secretary_client, media):
    meeting = plan(secretary_client, world.steering_group)
    url = reverse("meetings:minutes_step", args=[meeting.pk, "godkjenn"])
    assert secretary_client.post(url, {"approved_on": "", "reason": ""}).status_code == 302
    event = Meeting.objects.get(pk=meeting.pk).events.get(kind=MinutesEvent.Kind.APPROVED)
    assert event.effective_on is None
    assert event.day == timezone.localdate()
    assert OutboxMessage.objects.filter(key=f"minutesevent:{event.pk}").exists()


# --- Numbering ----------------------------------------------------------------------


def numbers(meeting):
    return list(meeting.cases.order_by("position").values_list("number", flat=True))


def add_case(client, meeting, title):
    url = reverse("meetings:case_create", args=[meeting.pk])
    response = client.post(url, {"title": title, "kind": "decision"})
    assert response.status_code == 302
    return meeting.cases.get(title=title)


def test_old_minutes_begin_with_their_first_real_case(world, secretary_client):
    meeting = plan(secretary_client, world.steering_group, standing_cases="")
    assert not meeting.cases.exists()
    first = add_case(secretary_client, meeting, "Budsjett 2019")
    assert first.label == "Sak 1/19"


def test_removing_a_standing_case_before_the_meeting_leaves_no_gap(world, secretary_client):
    meeting = plan(secretary_client, world.steering_group)
    add_case(secretary_client, meeting, "Budsjett 2019")
    add_case(secretary_client, meeting, "Partnerskapsavtale")
    assert numbers(meeting) == [1, 2, 3, None]
    standing = meeting.cases.get(kind=Case.Kind.AGENDA_APPROVAL)
    delete = reverse("meetings:case_delete", args=[meeting.pk, standing.pk])
    assert secretary_client.post(delete).status_code == 302
    assert numbers(meeting) == [1, 2, None]
    assert meeting.cases.get(number=1).title == "Budsjett 2019"
    # The next case takes the next number, not one left behind.
    assert add_case(secretary_client, meeting, "Eventuelt-ish").number == 3


def test_a_number_the_agenda_has_shown_is_never_given_back(world, secretary_client):
    meeting = plan(secretary_client, world.steering_group)
    budget = add_case(secretary_client, meeting, "Budsjett 2019")
    send = reverse("meetings:minutes_send", args=[meeting.pk])
    deadline = timezone.localdate() + datetime.timedelta(days=7)
    assert (
        secretary_client.post(send, {"comment_deadline": deadline.isoformat()}).status_code == 302
    )
    delete = reverse("meetings:case_delete", args=[meeting.pk, budget.pk])
    assert secretary_client.post(delete).status_code == 302
    assert numbers(meeting) == [1, 3]  # Eventuelt got 3 when the agenda was settled
    assert add_case(secretary_client, meeting, "Ettersendt").number == 4


def test_a_later_meetings_numbers_keep_an_earlier_gap(world, secretary_client):
    first = plan(secretary_client, world.steering_group)
    second = plan(secretary_client, world.steering_group, day="2019-04-09")
    budget = add_case(secretary_client, first, "Budsjett 2019")
    delete = reverse("meetings:case_delete", args=[first.pk, budget.pk])
    assert secretary_client.post(delete).status_code == 302
    # 2/19 and 3/19 belong to the second meeting: moving them would renumber another agenda.
    assert numbers(second)[:2] == [2, 3]
    assert numbers(first) == [1, None]


def test_the_number_preview_is_the_meetings_year(world, secretary_client):
    plan(secretary_client, world.steering_group)  # Sak 1/19 taken
    response = secretary_client.post(
        reverse("meetings:create", args=[world.steering_group.pk]),
        {"title": "", "day": "2019-06-01"},
    )
    assert "Den første nye saken får nummer 2 i 2019." in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_closing_a_gap_commits_with_the_deletion_on_postgresql(world, client_for):
    from django.db import connection

    from tests.conftest import require_real_service

    require_real_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    client = client_for(world.users["secretary"])
    meeting = plan(client, world.steering_group)
    add_case(client, meeting, "Budsjett 2019")
    standing = meeting.cases.get(kind=Case.Kind.AGENDA_APPROVAL)
    assert (
        client.post(reverse("meetings:case_delete", args=[meeting.pk, standing.pk])).status_code
        == 302
    )
    assert numbers(meeting) == [1, None]
    from meetings.models import CaseSequence

    assert CaseSequence.objects.get(group=world.steering_group, year=2019).last_number == 1


# --- Responsibility by group or organisation --------------------------------------------


def test_an_action_item_for_everyone_or_a_municipality_is_a_real_choice(
    world, secretary_client, client_for, media
):
    meeting = plan(secretary_client, world.steering_group, day=timezone.localdate().isoformat())
    case = add_case(secretary_client, meeting, "Budsjett")
    url = reverse("meetings:action_item_create", args=[meeting.pk, case.pk])
    form = secretary_client.get(url).context["form"]
    offered = dict(form.fields["responsible_body"].choices)
    assert offered[f"group:{world.steering_group.pk}"] == "Alle i Styringsgruppe"
    assert f"group:{world.other_group.pk}" not in offered  # another project's group

    everyone = {
        "description": "Lese utkastet",
        "responsible_body": f"group:{world.steering_group.pk}",
    }
    assert secretary_client.post(url, everyone).status_code == 302
    grue = {"description": "Sende vedtaket", "responsible_body": f"org:{world.grue.pk}"}
    assert secretary_client.post(url, grue).status_code == 302
    foreign = {"description": "Noe annet", "responsible_body": f"group:{world.other_group.pk}"}
    response = secretary_client.post(url, foreign)
    assert response.status_code == 200
    assert "responsible_body" in response.context["form"].errors
    items = {item.description: item for item in case.action_items.all()}
    assert set(items) == {"Lese utkastet", "Sende vedtaket"}
    assert items["Lese utkastet"].responsible_group == world.steering_group
    assert items["Sende vedtaket"].responsible_organisation == world.grue

    page = secretary_client.get(meeting.get_absolute_url()).content.decode()
    assert re.search(r"Lese utkastet</td>\s*<td>Alle</td>", page)
    assert re.search(r"Sende vedtaket</td>\s*<td>Grue kommune</td>", page)
    text = pdf_of(secretary_client, meeting)
    assert "Lese utkastet Alle" in text and "Sende vedtaket Grue kommune" in text
    publish = reverse("meetings:minutes_step", args=[meeting.pk, "publiser"])
    assert secretary_client.post(publish, {"reason": ""}).status_code == 302

    # A member of the group finds the item for everyone among their own (one test client:
    # logging in another user ends the secretary's session).
    mine = client_for(world.users["member"]).get(reverse("meetings:my_action_items"))
    assert "Lese utkastet" in mine.content.decode()
    public_text = pdf_of(client_for(None), meeting, public=True)
    assert "Lese utkastet Alle" in public_text and "Sende vedtaket Grue kommune" in public_text
