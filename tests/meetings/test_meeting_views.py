import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import ActionItem, Case, Meeting
from samarbeid.conflicts import WorkflowError


def at(year, month, day, hour=11):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def meeting(world):
    return services.meeting_plan(
        group=world.steering_group, title="Styringsgruppemøte VÅG", starts_at=at(2022, 6, 28)
    )


def case_data(case, **overrides):
    data = {
        "title": case.title,
        "presenter": case.presenter,
        "kind": case.kind,
        "notes": case.notes,
        "decision": case.decision,
        "seen_updated_at": case.updated_at.isoformat(),
    }
    data.update(overrides)
    return data


def test_secretary_plans_a_meeting_from_the_group_page(world, client_for):
    client = client_for(world.users["secretary"])
    group = world.steering_group
    assert (
        reverse("meetings:create", args=[group.pk])
        in client.get(group.get_absolute_url()).content.decode()
    )
    response = client.post(
        reverse("meetings:create", args=[group.pk]),
        {
            "title": "Styringsgruppemøte",
            "day": "2022-06-28",
            "start_time": "11:00",
            "room": "Teams",
            "standing_cases": "on",  # ticked when the page opens
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    invited = set(meeting.participants.values_list("person__user__username", flat=True))
    assert invited == {"referent", "medlem"}
    kinds = list(meeting.cases.order_by("position").values_list("kind", flat=True))
    assert kinds == [Case.Kind.AGENDA_APPROVAL, Case.Kind.ANY_OTHER_BUSINESS]


def test_meeting_must_end_after_it_starts(world, client_for):
    client = client_for(world.users["secretary"])
    response = client.post(
        reverse("meetings:create", args=[world.steering_group.pk]),
        {"title": "Møte", "day": "2022-06-28", "start_time": "11:00", "end_time": "10:00"},
    )
    assert response.status_code == 200
    assert "end_time" in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_a_meeting_of_the_past_is_recorded_with_its_date_and_no_invented_time(world, client_for):
    client = client_for(world.users["secretary"])
    response = client.post(
        reverse("meetings:create", args=[world.steering_group.pk]),
        {"title": "Styringsgruppemøte", "day": "12.03.2019", "room": "Våler rådhus"},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.date_only
    assert timezone.localtime(meeting.starts_at).date() == datetime.date(2019, 3, 12)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "12. mars 2019" in page
    assert "kl. 00" not in page and "00.00" not in page
    # Edited later, the form shows the day and an empty time, and keeps it date only.
    form = client.get(reverse("meetings:edit", args=[meeting.pk])).context["form"]
    assert form.initial["day"] == datetime.date(2019, 3, 12)
    assert "start_time" not in form.initial


def test_a_time_added_later_ends_date_only_and_an_end_without_a_start_is_refused(
    world, client_for, meeting
):
    client = client_for(world.users["secretary"])
    url = reverse("meetings:edit", args=[meeting.pk])
    data = {
        "title": meeting.title,
        "day": "2022-06-28",
        "end_time": "12:00",
        "seen_updated_at": meeting.updated_at.isoformat(),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "start_time" in response.context["form"].errors
    data.update(start_time="09:30", end_day="2022-06-29", end_time="15:00")
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert not meeting.date_only
    assert timezone.localtime(meeting.starts_at) == at(2022, 6, 28, 9).replace(minute=30)
    assert meeting.ends_at == at(2022, 6, 29, 15)


def test_hostile_and_word_html_is_cleaned_on_save(world, client_for, meeting):
    client = client_for(world.users["secretary"])
    notes = (
        '<p class=MsoNormal style="mso-line-height:1"><span lang=NO>Grue får i oppgave'
        "<o:p></o:p></span></p><script>alert(1)</script>"
        '<a href="javascript:alert(2)" onclick="alert(3)">lenke</a><img src=x onerror=alert(4)>'
    )
    response = client.post(
        reverse("meetings:case_create", args=[meeting.pk]),
        {"title": "Leder arbeidsgruppe økonomi", "kind": "decision", "notes": notes},
    )
    assert response.status_code == 302
    case = meeting.cases.get(title="Leder arbeidsgruppe økonomi")
    assert "Grue får i oppgave" in case.notes
    for bad in ("script", "alert", "onclick", "onerror", "javascript", "style=", "class=", "o:p"):
        assert bad not in case.notes
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page


def test_a_list_pasted_with_typed_bullets_shows_one_bullet_on_the_page(world, client_for, meeting):
    client = client_for(world.users["secretary"])
    notes = '<ul style="list-style-type: none"><li>•&nbsp;Grue</li><li>• Åsnes</li></ul>'
    response = client.post(
        reverse("meetings:case_create", args=[meeting.pk]),
        {"title": "Deltakere", "kind": "information", "notes": notes},
    )
    assert response.status_code == 302
    assert meeting.cases.get(title="Deltakere").notes == "<ul><li>Grue</li><li>Åsnes</li></ul>"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "<li>Grue</li>" in page and "•" not in page


def test_stale_case_save_keeps_both_texts(world, client_for, meeting):
    client = client_for(world.users["secretary"])
    case = services.case_add(meeting=meeting, title="HR Prosjekt")
    url = reverse("meetings:case_edit", args=[meeting.pk, case.pk])
    stale = case_data(case, notes="Min versjon")
    assert client.post(url, case_data(case, notes="Den andres versjon")).status_code == 302
    response = client.post(url, stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Min versjon" in page and "Den andres versjon" in page
    case.refresh_from_db()
    assert "Den andres versjon" in case.notes


def test_the_conflict_page_shows_the_other_version_formatted_and_yes_no_in_norwegian(
    world, client_for, meeting
):
    client = client_for(world.users["secretary"])
    case = services.case_add(meeting=meeting, title="HR Prosjekt")
    url = reverse("meetings:case_edit", args=[meeting.pk, case.pk])
    stale = case_data(case, notes="Min versjon")
    theirs = case_data(case, notes="<p><strong>Den andres</strong> versjon</p>")
    assert client.post(url, theirs).status_code == 302
    response = client.post(url, stale)
    assert response.status_code == 409
    section = response.content.decode().split('class="conflict"')[1].split("</section>")[0]
    assert "<strong>Den andres</strong> versjon" in section
    assert "&lt;" not in section
    assert "False" not in section and "True" not in section
    assert "<dd>Nei</dd>" in section


def test_action_item_accepts_a_week_as_deadline(world, client_for, meeting):
    client = client_for(world.users["secretary"])
    case = meeting.cases.first()
    member = world.users["member"].person
    response = client.post(
        reverse("meetings:action_item_create", args=[meeting.pk, case.pk]),
        {
            "description": "Skaffe ny arbeidsgruppeleder",
            "responsible_people": [member.pk],
            "deadline": "uke 35",
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert item.deadline_as_written == "uke 35"
    assert item.deadline.isocalendar().week == 35
    assert list(item.responsible_people.all()) == [member]


def test_action_item_with_a_bad_deadline_is_explained(world, client_for, meeting):
    client = client_for(world.users["secretary"])
    case = meeting.cases.first()
    response = client.post(
        reverse("meetings:action_item_create", args=[meeting.pk, case.pk]),
        {"description": "X", "responsible_note": "Alle", "deadline": "31.02.22"},
    )
    assert response.status_code == 200
    assert "deadline" in response.context["form"].errors
    assert not ActionItem.objects.exists()


def test_workflow_comments_and_approval_by_a_later_case(world, client_for, meeting):
    secretary, member = world.users["secretary"], world.users["member"]
    deadline = timezone.localdate() + datetime.timedelta(days=7)
    services.minutes_send_for_comments(meeting=meeting, comment_deadline=deadline, by=secretary)
    case = meeting.cases.first()
    response = client_for(member).post(
        reverse("meetings:case_comment", args=[meeting.pk, case.pk]), {"text": "Riktig referert"}
    )
    assert response.status_code == 302
    assert case.comments.get().author == member

    # The reader sees no draft; the next meeting approves it; then the reader sees it.
    reader = client_for(world.users["reader"])
    assert reader.get(meeting.get_absolute_url()).status_code == 404
    later = services.meeting_plan(
        group=world.steering_group, title="Neste møte", starts_at=at(2022, 9, 1)
    )
    approval = later.cases.get(kind=Case.Kind.MINUTES_APPROVAL)
    client = client_for(secretary)
    client.post(reverse("meetings:case_approve_minutes", args=[later.pk, approval.pk]))
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MinutesStatus.APPROVED
    assert meeting.events.last().by == secretary
    assert client_for(world.users["reader"]).get(meeting.get_absolute_url()).status_code == 200


def test_approved_minutes_are_locked_until_reopened_with_a_reason(world, meeting):
    secretary = world.users["secretary"]
    services.minutes_approve(meeting=meeting, by=secretary)
    with pytest.raises(WorkflowError):
        services.case_add(meeting=meeting, title="For sent")
    with pytest.raises(WorkflowError):
        services.minutes_approve(meeting=meeting, by=secretary)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.minutes_reopen(meeting=meeting, by=secretary, reason=" ")
    services.minutes_reopen(meeting=meeting, by=secretary, reason="Feil dato i sak 2")
    services.case_add(meeting=meeting, title="Rettelse")
    assert meeting.events.filter(kind="reopened", reason="Feil dato i sak 2").exists()


def test_web_refusal_is_a_message_not_a_500(world, client_for, meeting):
    client = client_for(world.users["secretary"])
    services.minutes_approve(meeting=meeting, by=None)
    case = meeting.cases.first()
    response = client.post(
        reverse("meetings:case_move", args=[meeting.pk, case.pk]), {"direction": "up"}, follow=True
    )
    assert response.status_code == 200
    assert any("låst" in str(m) or "locked" in str(m) for m in response.context["messages"])


def test_comment_deadline_auto_approval_skips_objections(world, meeting):
    secretary, member = world.users["secretary"], world.users["member"]
    other = services.meeting_plan(
        group=world.working_group, title="Arbeidsgruppe", starts_at=at(2022, 6, 29)
    )
    deadline = timezone.localdate()
    for m in (meeting, other):
        services.minutes_send_for_comments(meeting=m, comment_deadline=deadline, by=secretary)
    services.case_comment(case=other.cases.first(), author=member, text="Nei", objection=True)
    tomorrow = deadline + datetime.timedelta(days=1)
    assert services.minutes_approve_overdue(today=tomorrow) == [meeting.pk]
    assert services.minutes_approve_overdue(today=tomorrow) == []  # a second run: nothing
    meeting.refresh_from_db()
    other.refresh_from_db()
    assert meeting.minutes_status == Meeting.MinutesStatus.APPROVED
    assert meeting.events.get(kind="auto_approved").by is None
    assert other.minutes_status == Meeting.MinutesStatus.FOR_COMMENTS


def test_public_version_hides_every_word_of_an_exempt_case(world, client, meeting):
    services.case_add(
        meeting=meeting,
        title="Personalsak hemmelig tittel",
        notes="Hemmelige detaljer om en ansatt",
        exempt_from_public=True,
        legal_basis="offl. § 14",
    )
    services.minutes_publish(meeting=meeting, by=None)
    page = client.get(reverse("meetings:public_meeting", args=[meeting.pk])).content.decode()
    assert "offl. § 14" in page
    assert "hemmelig tittel" not in page and "Hemmelige detaljer" not in page
    assert "ikke godkjent" in page.lower() or "not approved" in page.lower()


def test_participants_page_records_apologies_and_a_guest(world, client_for, meeting):
    client = client_for(world.users["secretary"])
    url = reverse("meetings:participants", args=[meeting.pk])
    member_row = meeting.participants.get(person__user=world.users["member"])
    data = {}
    for participant in meeting.participants.all():
        absent = participant.pk == member_row.pk
        data[f"p{participant.pk}-attendance"] = "absent" if absent else "present"
        data[f"p{participant.pk}-note"] = ""
    assert client.post(url, data).status_code == 302
    member_row.refresh_from_db()
    assert member_row.attendance == "absent"

    from projects.models import Person

    # Someone from a municipality of the project: people_for_project offers no one else.
    guest = Person.objects.create(name="Silje Randby Trane", organisation=world.grue)
    response = client.post(
        url,
        {"add": "1", "person": guest.pk, "attendance": "guest", "note": "siste del av møtet"},
    )
    assert response.status_code == 302
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Silje Randby Trane" in page and "siste del av møtet" in page


def test_attendance_on_approved_minutes_is_refused_with_the_reason_and_kept(
    world, client_for, meeting
):
    services.minutes_approve(meeting=meeting, by=None)
    client = client_for(world.users["secretary"])
    url = reverse("meetings:participants", args=[meeting.pk])
    data = {}
    for participant in meeting.participants.all():
        data[f"p{participant.pk}-attendance"] = "absent"
        data[f"p{participant.pk}-note"] = "Meldte forfall sent"
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Referatet er godkjent og låst" in page
    assert "Meldte forfall sent" in page
    assert not meeting.participants.filter(attendance="absent").exists()


def test_a_guest_new_to_the_portal_is_added_by_name(world, client_for, meeting):
    client = client_for(world.users["secretary"])
    response = client.post(
        reverse("meetings:participants", args=[meeting.pk]),
        {
            "add": "1",
            "new_person_name": "Silje Randby Trane",
            "attendance": "guest",
            "note": "I siste del av møtet",
        },
    )
    assert response.status_code == 302
    guest = meeting.participants.get(person__name="Silje Randby Trane")
    assert guest.attendance == "guest"


def test_adding_a_participant_without_a_name_is_explained(world, client_for, meeting):
    client = client_for(world.users["secretary"])
    before = meeting.participants.count()
    response = client.post(
        reverse("meetings:participants", args=[meeting.pk]), {"add": "1", "attendance": "guest"}
    )
    assert response.status_code == 200
    assert "person" in response.context["add_form"].errors
    assert meeting.participants.count() == before


def test_planning_page_previews_members_number_and_open_items(world, client_for, meeting):
    services.action_item_add(
        case=meeting.cases.first(),
        description="Skaffe ny arbeidsgruppeleder",
        responsible_note="Grue",
    )
    page = client_for(world.users["secretary"]).get(
        reverse("meetings:create", args=[world.steering_group.pk])
    )
    html = page.content.decode()
    assert "Skaffe ny arbeidsgruppeleder" in html
    assert world.users["member"].person.name in html
    assert page.context["next_number"] == 1  # nothing numbered yet this year
    # A form sent back with a date in 2022 previews 2022's numbers, where Sak 1/22 is taken.
    page = client_for(world.users["secretary"]).post(
        reverse("meetings:create", args=[world.steering_group.pk]),
        {"title": "", "day": "2022-09-14"},
    )
    assert page.status_code == 200
    assert "Den første nye saken får nummer 2 i 2022." in page.content.decode()


def test_overdue_open_items_are_marked_for_the_secretary(world, client_for, meeting):
    services.action_item_add(
        case=meeting.cases.first(),
        description="Sende vedtaket",
        responsible_note="Mikkelsgård",
        deadline=timezone.localdate() - datetime.timedelta(days=1),
    )
    services.action_item_add(
        case=meeting.cases.first(), description="Senere", responsible_note="Alle"
    )
    page = client_for(world.users["secretary"]).get(meeting.get_absolute_url()).content.decode()
    assert page.count('class="overdue"') == 1


def test_meetings_at_the_same_start_are_listed_in_a_stable_order(world, client_for):
    same = at(2022, 9, 14)
    first, second, third = (
        services.meeting_plan(group=world.steering_group, title=title, starts_at=same)
        for title in ("Første", "Andre", "Tredje")
    )
    client = client_for(world.users["secretary"])
    url = reverse("meetings:group_meetings", args=[world.steering_group.pk])
    for _ in range(3):
        listed = list(client.get(url).context["page"].object_list)
        assert listed == [third, second, first]
    assert list(Meeting.objects.filter(starts_at=same)) == [third, second, first]


def test_approved_minutes_offer_no_new_case_or_attachment_and_their_forms_say_why(
    world, client_for, meeting
):
    services.minutes_approve(meeting=meeting, by=None)
    client = client_for(world.users["secretary"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    for name in ("meetings:case_create", "meetings:attachment_upload"):
        url = reverse(name, args=[meeting.pk])
        assert url not in page
        response = client.get(url, follow=True)
        assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
        shown = [str(message) for message in response.context["messages"]]
        assert any(text.startswith("Referatet er godkjent og låst") for text in shown), shown
