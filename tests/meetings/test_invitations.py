"""Meeting invitations: the iCalendar message, the e-mail, queueing, sending each version once."""

import datetime
import email
import email.utils

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar

from meetings import invitations, services
from meetings.models import InvitationDelivery, Meeting
from meetings.tasks import send_invitations
from projects.services import person_create
from samarbeid.celery import app as celery_app
from samarbeid.conflicts import WorkflowError
from tests import outbox_helpers
from tests.infra.worker import celery_worker_process, unique_queue_name
from tests.mail_files import written_mails

SECRETARY_EMAIL = "referent@asnes.kommune.no"
MEMBER_EMAIL = "medlem@grue.kommune.no"


def at(year, month, day, hour=11, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def set_email(person, address):
    person.email = address
    person.save()
    return person


@pytest.fixture
def secretary(world):
    return world.users["secretary"]


@pytest.fixture
def meeting(world, secretary):
    set_email(secretary.person, SECRETARY_EMAIL)
    set_email(world.users["member"].person, MEMBER_EMAIL)
    return services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=at(2022, 6, 28, 11),
        ends_at=at(2022, 6, 28, 14, 30),
        room="Kommunestyresalen",
        address="Rådhuset, Flisa",
        secretary=secretary.person,
    )


@pytest.fixture
def queued(monkeypatch):
    """Stands in for the broker: records what was queued and runs nothing."""
    return outbox_helpers.hold(monkeypatch, "meetings.tasks.send_invitations")


def commit(capture, action):
    """Run a service and then its on-commit callbacks, as a committed transaction would."""
    with capture(execute=True) as callbacks:
        result = action()
    return result, callbacks


def run(queued):
    """The worker: run each queued task in order, the way Celery would call it."""
    sent = [send_invitations(*args) for args in queued]
    queued.clear()
    return sent


def parse(ics: bytes):
    calendar = Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def calendar_part(message):
    """The text/calendar part of a sent message, as a mail program receives it."""
    received = email.message_from_bytes(message.message().as_bytes())
    (part,) = [p for p in received.walk() if p.get_content_type() == "text/calendar"]
    return part


def attendees(event):
    return {str(a).removeprefix("mailto:"): a.params for a in event.get("attendee")}


def move(meeting, starts_at):
    """A move as meeting_update makes it; the bump is called directly until it calls it itself."""
    meeting.starts_at, meeting.ends_at = starts_at, starts_at + datetime.timedelta(hours=2)
    meeting.save()
    return invitations.invitation_version_bump(meeting)


# --- The calendar ---------------------------------------------------------


def test_calendar_is_a_request_with_the_meetings_facts(meeting):
    calendar, event = parse(invitations.build_calendar(meeting, "REQUEST"))
    assert calendar["method"] == "REQUEST"
    assert calendar["version"] == "2.0"
    assert calendar["prodid"] == invitations.PRODID
    assert event["uid"] == f"{meeting.ical_uid}@samarbeid"
    assert event["sequence"] == 0
    assert event["status"] == "CONFIRMED"
    assert event["summary"] == "Styringsgruppemøte"
    assert event["location"] == "Kommunestyresalen, Rådhuset, Flisa"
    # 11.00 in Oslo in summer is 09.00 UTC; written in UTC so Outlook reads it right.
    assert event.decoded("dtstart") == datetime.datetime(2022, 6, 28, 9, tzinfo=datetime.UTC)
    assert event.decoded("dtend") == datetime.datetime(2022, 6, 28, 12, 30, tzinfo=datetime.UTC)
    assert b"DTSTART:20220628T090000Z" in invitations.build_calendar(meeting, "REQUEST")
    assert event.decoded("dtstamp").tzinfo is not None


def test_description_is_the_agenda_one_case_a_line(meeting):
    _calendar, event = parse(invitations.build_calendar(meeting, "REQUEST"))
    cases = meeting.cases.order_by("position")
    assert str(event["description"]).splitlines() == [f"{c.label} {c.title}" for c in cases]
    first = cases.first()
    assert (first.number, first.year) == (1, 2022)
    assert "1/22" in first.label


def test_attendees_are_the_invited_with_an_address_and_the_secretary_organizes(world, meeting):
    nobody = services.participant_set(
        meeting=meeting,
        person=person_create(name="Uten Adresse"),
        attendance="present",
    )
    _calendar, event = parse(invitations.build_calendar(meeting, "REQUEST"))
    found = attendees(event)
    assert set(found) == {SECRETARY_EMAIL, MEMBER_EMAIL}
    for params in found.values():
        assert params["ROLE"] == "REQ-PARTICIPANT"
        assert params["PARTSTAT"] == "NEEDS-ACTION"
        assert params["RSVP"] == "TRUE"
    assert found[MEMBER_EMAIL]["CN"] == world.users["member"].person.name
    assert str(event["organizer"]) == f"mailto:{SECRETARY_EMAIL}"
    assert nobody.person.name not in str(event)


def test_without_a_secretary_the_portal_organizes(meeting):
    meeting.secretary = None
    _calendar, event = parse(invitations.build_calendar(meeting, "REQUEST"))
    _name, address = email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)
    assert str(event["organizer"]) == f"mailto:{address}"


def test_video_meeting_is_the_location_when_there_is_no_room(meeting):
    meeting.room = meeting.address = ""
    meeting.video_link = "https://teams.microsoft.com/l/meetup-join/abc"
    meeting.ends_at = None
    _calendar, event = parse(invitations.build_calendar(meeting, "REQUEST"))
    assert event["location"] == meeting.video_link
    assert event.decoded("dtend") - event.decoded("dtstart") == invitations.LENGTH_WHEN_NO_END


# --- Queueing and sending -------------------------------------------------


def test_invitation_is_queued_only_when_the_transaction_commits(
    meeting, secretary, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        invitations.meeting_invite(meeting=meeting, by=secretary)
        assert queued == []
    assert len(callbacks) == 1
    callbacks[0]()
    # Ids and plain values only: the task is JSON-serialised.
    assert queued == [(meeting.pk, 0, "REQUEST", "")]


def test_invitation_email_carries_the_calendar_with_method_request(
    meeting, secretary, queued, mailoutbox, django_capture_on_commit_callbacks
):
    commit(
        django_capture_on_commit_callbacks,
        lambda: invitations.meeting_invite(meeting=meeting, by=secretary),
    )
    assert run(queued) == [2]
    assert sorted(m.to[0] for m in mailoutbox) == sorted([SECRETARY_EMAIL, MEMBER_EMAIL])
    message = mailoutbox[0]
    with translation.override(settings.LANGUAGE_CODE):
        assert message.subject == _("Invitation: %(meeting)s") % {"meeting": meeting}
    assert "28.06.2022" in message.subject
    assert message.reply_to == [SECRETARY_EMAIL]
    assert "Styringsgruppemøte" in message.body
    first_case = meeting.cases.order_by("position").first()
    assert f"{first_case.label} {first_case.title}" in message.body
    part = calendar_part(message)
    # Outlook treats the message as a meeting request only if the Content-Type names the method.
    assert part.get_param("method") == "REQUEST"
    assert "method=REQUEST" in part["Content-Type"]
    assert part.get_param("charset") == "utf-8"
    assert part.get_param("name") == "invite.ics"
    calendar, event = parse(part.get_payload(decode=True))
    assert calendar["method"] == "REQUEST"
    assert event["uid"] == f"{meeting.ical_uid}@samarbeid"
    assert InvitationDelivery.objects.filter(sent_at__isnull=False).count() == 2


def test_running_the_task_twice_sends_nothing_twice(meeting, mailoutbox):
    assert send_invitations(meeting.pk, 0, "REQUEST") == 2
    assert send_invitations(meeting.pk, 0, "REQUEST") == 0
    assert len(mailoutbox) == 2
    assert InvitationDelivery.objects.count() == 2


def test_a_retry_after_a_failure_sends_only_what_is_unsent(meeting, mailoutbox, monkeypatch):
    real_send = EmailBackend.send_messages

    def refuse_the_member(self, messages):
        if messages[0].to == [MEMBER_EMAIL]:
            raise ConnectionError("SMTP went away")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_the_member)
    with pytest.raises(ConnectionError):
        send_invitations(meeting.pk, 0, "REQUEST")
    monkeypatch.setattr(EmailBackend, "send_messages", real_send)
    assert send_invitations(meeting.pk, 0, "REQUEST") >= 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted([SECRETARY_EMAIL, MEMBER_EMAIL])


def test_sending_again_reaches_only_someone_added_since(
    world, meeting, secretary, queued, mailoutbox, django_capture_on_commit_callbacks
):
    send_invitations(meeting.pk, 0, "REQUEST")
    guest = person_create(name="Gjest Gjestesen", email="gjest@example.no")
    services.participant_set(meeting=meeting, person=guest, attendance="guest")
    commit(
        django_capture_on_commit_callbacks,
        lambda: invitations.meeting_invite(meeting=meeting, by=secretary),
    )
    assert run(queued) == [1]
    assert [m.to for m in mailoutbox[2:]] == [["gjest@example.no"]]


def test_move_after_sending_sends_an_update_with_the_next_sequence(
    meeting, queued, mailoutbox, django_capture_on_commit_callbacks
):
    send_invitations(meeting.pk, 0, "REQUEST")
    moved, _callbacks = commit(
        django_capture_on_commit_callbacks, lambda: move(meeting, at(2022, 8, 30, 10))
    )
    assert moved is True
    assert queued == [(meeting.pk, 1, "REQUEST", "")]
    assert run(queued) == [2]
    update = mailoutbox[-1]
    calendar, event = parse(calendar_part(update).get_payload(decode=True))
    assert calendar["method"] == "REQUEST"
    assert event["uid"] == f"{meeting.ical_uid}@samarbeid"
    assert event["sequence"] == 1
    assert event.decoded("dtstart") == datetime.datetime(2022, 8, 30, 8, tzinfo=datetime.UTC)
    with translation.override(settings.LANGUAGE_CODE):
        assert update.subject == _("Changed invitation: %(meeting)s") % {"meeting": meeting}


def test_move_before_any_invitation_makes_no_new_version(
    meeting, queued, django_capture_on_commit_callbacks
):
    moved, _callbacks = commit(
        django_capture_on_commit_callbacks, lambda: move(meeting, at(2022, 8, 30, 10))
    )
    assert moved is False
    assert queued == []
    meeting.refresh_from_db()
    assert meeting.ical_sequence == 0


def test_only_time_and_place_make_a_new_version(meeting):
    before = invitations.calendar_facts(meeting)
    meeting.title = "Nytt navn"
    assert invitations.calendar_facts(meeting) == before
    meeting.room = "Teams"
    assert invitations.calendar_facts(meeting) != before


def test_an_outdated_task_is_skipped(world, meeting, mailoutbox):
    send_invitations(meeting.pk, 0, "REQUEST")
    newcomer = person_create(name="Ny Deltaker", email="ny@example.no")
    services.participant_set(meeting=meeting, person=newcomer, attendance="present")
    move(meeting, at(2022, 8, 30, 10))
    # A retry of the first version arrives after the move: the newer task sends instead.
    assert send_invitations(meeting.pk, 0, "REQUEST") == 0
    assert len(mailoutbox) == 2
    assert not InvitationDelivery.objects.filter(email="ny@example.no").exists()


def test_cancel_sends_a_cancellation(
    meeting, secretary, queued, mailoutbox, django_capture_on_commit_callbacks
):
    send_invitations(meeting.pk, 0, "REQUEST")
    commit(
        django_capture_on_commit_callbacks,
        lambda: invitations.meeting_cancel(meeting=meeting, by=secretary, reason="For få kan møte"),
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.ical_sequence == 1
    assert queued == [(meeting.pk, 1, "CANCEL", "For få kan møte")]
    assert run(queued) == [2]
    cancellation = mailoutbox[-1]
    part = calendar_part(cancellation)
    assert part.get_param("method") == "CANCEL"
    calendar, event = parse(part.get_payload(decode=True))
    assert calendar["method"] == "CANCEL"
    assert event["status"] == "CANCELLED"
    assert event["sequence"] == 1
    assert event["uid"] == f"{meeting.ical_uid}@samarbeid"
    assert "For få kan møte" in cancellation.body
    with translation.override(settings.LANGUAGE_CODE):
        assert cancellation.subject == _("Cancelled: %(meeting)s") % {"meeting": meeting}


def test_cancel_before_any_invitation_sends_nothing_and_outdates_a_queued_one(
    meeting, secretary, queued, mailoutbox, django_capture_on_commit_callbacks
):
    commit(
        django_capture_on_commit_callbacks,
        lambda: invitations.meeting_invite(meeting=meeting, by=secretary),
    )
    commit(
        django_capture_on_commit_callbacks,
        lambda: invitations.meeting_cancel(meeting=meeting, by=secretary, reason="Utsatt"),
    )
    assert queued == [(meeting.pk, 0, "REQUEST", "")]
    assert run(queued) == [0]
    assert mailoutbox == []


def test_cancel_needs_a_reason_and_a_planned_meeting(meeting, secretary):
    with pytest.raises(ValidationError):
        invitations.meeting_cancel(meeting=meeting, by=secretary, reason="  ")
    invitations.meeting_cancel(meeting=meeting, by=secretary, reason="Utsatt")
    with pytest.raises(WorkflowError):
        invitations.meeting_cancel(meeting=meeting, by=secretary, reason="Igjen")
    with pytest.raises(WorkflowError):
        invitations.meeting_invite(meeting=meeting, by=secretary)


def test_invite_refuses_when_nobody_has_an_address(world, meeting, secretary):
    for participant in meeting.participants.select_related("person"):
        set_email(participant.person, "")
    with pytest.raises(WorkflowError):
        invitations.meeting_invite(meeting=meeting, by=secretary)


def test_meeting_update_sends_an_update_after_a_move(
    meeting, queued, django_capture_on_commit_callbacks
):
    send_invitations(meeting.pk, 0, "REQUEST")
    commit(
        django_capture_on_commit_callbacks,
        lambda: services.meeting_update(
            meeting=meeting,
            changes={"starts_at": at(2022, 8, 30, 10), "ends_at": at(2022, 8, 30, 12)},
            seen_updated_at=meeting.updated_at,
        ),
    )
    assert queued == [(meeting.pk, 1, "REQUEST", "")]


# --- Views ----------------------------------------------------------------


def test_secretary_sends_the_invitation_from_the_meeting_page(
    meeting, secretary, client_for, queued, django_capture_on_commit_callbacks
):
    client = client_for(secretary)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("meetings:invite", args=[meeting.pk]) in page
    assert reverse("meetings:cancel", args=[meeting.pk]) in page
    confirm = client.get(reverse("meetings:invite", args=[meeting.pk]))
    assert confirm.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:invite", args=[meeting.pk]))
    assert response.status_code == 302
    assert queued == [(meeting.pk, 0, "REQUEST", "")]


def test_secretary_cancels_with_a_reason(
    meeting, secretary, client_for, queued, django_capture_on_commit_callbacks
):
    client = client_for(secretary)
    url = reverse("meetings:cancel", args=[meeting.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED
    response = client.post(url, {"reason": "Utsatt til høsten"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("meetings:invite", args=[meeting.pk]) not in page


@pytest.mark.parametrize("role", ["member", "reader", "outsider"])
@pytest.mark.parametrize("name", ["meetings:invite", "meetings:cancel"])
def test_only_who_records_minutes_may_invite_or_cancel(
    world, meeting, client_for, queued, role, name
):
    client = client_for(world.users[role])
    url = reverse(name, args=[meeting.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "Nei"}).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED
    assert queued == []


def test_anonymous_is_sent_to_log_in(meeting, client):
    response = client.post(reverse("meetings:invite", args=[meeting.pk]))
    assert response.status_code == 302
    assert reverse(settings.LOGIN_URL) in response["Location"]


# --- A real worker --------------------------------------------------------


@pytest.mark.worker
@pytest.mark.postgres
def test_a_real_worker_sends_each_invitation_once(transactional_db, postgres, meeting, tmp_path):
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    mail_dir = tmp_path / "mail"
    env = {
        # The worker must read this test's rows and write mail where the test can read it.
        "DATABASE_URL": database_url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    queue = unique_queue_name("invite")
    args = [meeting.pk, meeting.ical_sequence, "REQUEST", ""]
    with celery_worker_process(queue, env=env):
        first = celery_app.send_task(
            "meetings.tasks.send_invitations", args=args, queue=queue, ignore_result=False
        )
        again = celery_app.send_task(
            "meetings.tasks.send_invitations", args=args, queue=queue, ignore_result=False
        )
        assert first.get(timeout=30) == 2
        assert again.get(timeout=30) == 0
    written = written_mails(mail_dir)
    assert sorted(m["To"] for m in written) == sorted([SECRETARY_EMAIL, MEMBER_EMAIL])
    for message in written:
        (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
        assert part.get_param("method") == "REQUEST"
    assert InvitationDelivery.objects.filter(sent_at__isnull=False).count() == 2


def test_a_meeting_known_by_its_date_only_is_an_all_day_event(meeting):
    meeting.date_only = True
    meeting.save()
    event = Calendar.from_ical(invitations.build_calendar(meeting, "REQUEST")).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == timezone.localtime(meeting.starts_at).date()
    assert (event.decoded("DTEND") - event.decoded("DTSTART")).days == 1


def test_secretary_moves_an_invited_meeting_through_the_form_and_the_update_goes_out(
    meeting, secretary, client_for, queued, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.reliability.test_lost_updates import post_data

    assert send_invitations(meeting.pk, 0, "REQUEST") == 2
    client = client_for(secretary)
    url = reverse("meetings:edit", args=[meeting.pk])
    data = post_data(client.get(url).context["form"])
    # The browser's date and time fields, as the secretary types the new time.
    data.update({"day": "2022-08-30", "start_time": "10:00", "end_time": "12:00"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.ical_sequence == 1
    assert queued == [(meeting.pk, 1, "REQUEST", "")]
    assert run(queued) == [2]
    changed = mailoutbox[2:]
    assert sorted(m.to[0] for m in changed) == sorted([SECRETARY_EMAIL, MEMBER_EMAIL])
    _calendar, event = parse(calendar_part(changed[0]).get_payload(decode=True))
    assert event["sequence"] == 1
    assert event.decoded("dtstart") == datetime.datetime(2022, 8, 30, 8, tzinfo=datetime.UTC)
