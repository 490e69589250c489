"""meetings.bulk_views.participants_add: several participants of a meeting at once.

Posted as the browser sends the page (tests/browser_forms.py), by the group's secretary,
who records the minutes; members, readers and outsiders get 404 as on the participants page.
"""

import datetime
import threading

import pytest
from django.db import close_old_connections, connection
from django.urls import reverse
from django.utils import timezone

from meetings import bulk_views, services
from meetings.models import Participant
from projects import services as project_services
from projects.models import Person
from tests.browser_forms import parse_forms, submission, type_into
from tests.conftest import build_world
from tests.factories import PersonFactory

KNOWN = {
    "Kari Nordmann": "grue",
    "Ola Normann": "asnes",
    "Per Hansen": "valer",
    "Lise Berg": "grue",
    "Anne Dahl": "asnes",
    "Jon Lie": "valer",
    "Turid Moe": "grue",
}
# As copied from last meeting's minutes in Word: a tab before a title, or a comma.
TWELVE = "\n".join(
    [
        "Kari Nordmann",
        "ola normann",
        "Per Hansen\tkommunalsjef",
        "Lise  Berg",
        "Anne Dahl",
        "Jon Lie",
        "Turid Moe",
        "Nina Nyvik, rådgiver",
        "Nils Nyhus\tøkonomisjef",
        "Siri Nyland",
        "Tor Nygård",
        "Eva Nyberg",
    ]
)
NEW = ["Nina Nyvik", "Nils Nyhus", "Siri Nyland", "Tor Nygård", "Eva Nyberg"]


def plan(group):
    return services.meeting_plan(
        group=group,
        title="Styringsgruppemøte VÅG",
        starts_at=timezone.make_aware(datetime.datetime(2022, 6, 28, 11)),
    )


@pytest.fixture
def meeting(world):
    return plan(world.steering_group)


def url_for(meeting):
    return reverse("meetings:participants_add", args=[meeting.pk])


def known_people(world):
    return {
        name: PersonFactory(name=name, organisation=getattr(world, organisation))
        for name, organisation in KNOWN.items()
    }


def the_form(html):
    (form,) = [f for f in parse_forms(html) if "lines" in f.field_names()]
    return form


def post(client, url, html, values=None, press=None):
    form = type_into(the_form(html), values or {})
    return client.post(url, submission(form, today=timezone.localdate(), press=press).data)


def counts(meeting):
    return (meeting.participants.count(), Person.objects.count(), Participant.history.count())


def test_twelve_pasted_names_are_previewed_then_all_added(world, client_for, meeting):
    people = known_people(world)
    client = client_for(world.users["secretary"])
    url = url_for(meeting)
    before = counts(meeting)

    preview = post(client, url, client.get(url).content.decode(), {"lines": TWELVE})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Forhåndsvisning: ingenting er lagret ennå" in page
    assert "7 personer prosjektet kjenner" in page and "5 nye personer" in page
    assert "Nina Nyvik, rådgiver" in page
    assert counts(meeting) == before

    saved = post(client, url, page, press="confirm")
    assert saved.status_code == 302
    assert saved["Location"] == reverse("meetings:participants", args=[meeting.pk])
    added = meeting.participants.exclude(person__user__isnull=False).select_related("person")
    assert added.count() == 12
    assert {p.attendance for p in added} == {"present"}
    assert set(people.values()) <= {p.person for p in added}
    titles = dict(Person.objects.filter(name__in=NEW).values_list("name", "title"))
    assert titles["Nina Nyvik"] == "rådgiver" and titles["Nils Nyhus"] == "økonomisjef"
    assert Person.objects.count() == before[1] + 5
    page = client.get(saved["Location"]).content.decode()
    assert "12 deltakere ble lagt til." in page
    minutes = client.get(meeting.get_absolute_url()).content.decode()
    assert "Tor Nygård" in minutes


def test_the_batch_shares_attendance_note_and_organisation(world, client_for, meeting):
    people = known_people(world)
    client = client_for(world.users["secretary"])
    url = url_for(meeting)
    values = {
        "people": [str(people["Jon Lie"].pk)],
        "lines": "Nina Nyvik, rådgiver",
        "attendance": "guest",
        "organisation": str(world.valer.pk),
        "note": "Siste del av møtet",
    }
    preview = post(client, url, client.get(url).content.decode(), values)
    assert post(client, url, preview.content.decode(), press="confirm").status_code == 302
    guests = meeting.participants.filter(attendance="guest")
    assert set(guests.values_list("person__name", flat=True)) == {"Jon Lie", "Nina Nyvik"}
    assert {(g.organisation, g.note) for g in guests} == {(world.valer, "Siste del av møtet")}
    assert Person.objects.get(name="Nina Nyvik").organisation == world.valer


def test_each_bad_line_is_named_and_nothing_is_saved(world, client_for, meeting):
    known_people(world)
    PersonFactory(name="Per Hansen", organisation=world.asnes)
    member = world.users["member"].get_full_name()
    client = client_for(world.users["secretary"])
    url = url_for(meeting)
    before = counts(meeting)
    lines = "\n".join(["Per Hansen", member, "Lise Berg", "LISE BERG", "x" * 201, "Eva Nyberg"])

    response = post(client, url, client.get(url).content.decode(), {"lines": lines})
    assert response.status_code == 200
    assert response.context["form"].errors["lines"] == [
        "Linje 1: Per Hansen passer på 2 personer (Våler kommune, Åsnes kommune); "
        "kryss av for den riktige i listen.",
        f"Linje 2: {member} står allerede på deltakerlisten.",
        "Linje 4: Lise Berg står også på linje 3.",
        "Linje 5: navnet er lengre enn 200 tegn.",
    ]
    page = response.content.decode()
    assert 'name="confirm"' not in page
    (textarea,) = [c for c in the_form(page).controls if c.name == "lines"]
    assert textarea.text == lines
    assert counts(meeting) == before


def test_approved_minutes_open_no_list_to_type_into(world, client_for, meeting):
    services.minutes_approve(meeting=meeting, by=None)
    response = client_for(world.users["secretary"]).get(url_for(meeting), follow=True)
    assert response.redirect_chain[-1][0] == reverse("meetings:participants", args=[meeting.pk])
    assert "Referatet er godkjent og låst" in response.content.decode()


def test_the_participants_page_links_to_it(world, client_for, meeting):
    page = client_for(world.users["secretary"]).get(
        reverse("meetings:participants", args=[meeting.pk])
    )
    assert url_for(meeting) in page.content.decode()


@pytest.mark.parametrize("role", ["member", "reader", "outsider"])
def test_others_get_404_and_nothing_is_saved(world, client_for, meeting, role):
    client = client_for(world.users[role])
    assert client.get(url_for(meeting)).status_code == 404
    response = client.post(url_for(meeting), {"lines": "Nina Nyvik", "attendance": "present"})
    assert response.status_code == 404
    assert not Person.objects.filter(name="Nina Nyvik").exists()


# --- in autocommit, as in production -----------------------------------------------------


def count_calls(monkeypatch, module, name):
    """Wrap ``module.name`` so the test sees what was written before the refusal."""
    calls = []
    original = getattr(module, name)

    def counted(**kwargs):
        result = original(**kwargs)
        calls.append(result.pk)
        return result

    monkeypatch.setattr(module, name, counted)
    return calls


@pytest.mark.django_db(transaction=True)
def test_minutes_approved_before_the_save_refuse_it_and_leave_no_new_person(
    postgres, client_for, monkeypatch
):
    world = build_world()
    meeting = plan(world.steering_group)
    PersonFactory(name="Kari Nordmann", organisation=world.grue)
    client = client_for(world.users["secretary"])
    url = url_for(meeting)
    preview = post(
        client, url, client.get(url).content.decode(), {"lines": "Nina Nyvik\nKari Nordmann"}
    )
    assert "Legg til 2 personer" in preview.content.decode()
    before = counts(meeting)
    created = count_calls(monkeypatch, project_services, "person_create")

    services.minutes_approve(meeting=meeting, by=None)
    response = post(client, url, preview.content.decode(), press="confirm")

    assert response.status_code == 200
    assert "Referatet er godkjent og låst" in response.content.decode()
    assert len(created) == 1  # Nina was written, then her row refused
    assert not Person.objects.filter(pk__in=created).exists()
    assert counts(meeting) == before


@pytest.mark.django_db(transaction=True)
def test_someone_added_meanwhile_undoes_the_whole_batch(postgres, client_for, monkeypatch):
    """The other secretary adds Kari after this one's list was checked: two new people and
    their rows are written, then Kari's line is refused, and all of it goes."""
    world = build_world()
    meeting = plan(world.steering_group)
    kari = PersonFactory(name="Kari Nordmann", organisation=world.grue)
    client = client_for(world.users["secretary"])
    url = url_for(meeting)
    lines = "Nina Nyvik\nNils Nyhus\nKari Nordmann"
    preview = post(client, url, client.get(url).content.decode(), {"lines": lines})
    assert "Legg til 3 personer" in preview.content.decode()
    before_people = Person.objects.count()
    participant_set = services.participant_set

    def add_kari_elsewhere():
        try:
            participant_set(meeting=meeting, person=kari, attendance="absent")
        finally:
            close_old_connections()
            connection.close()

    add = bulk_views._participants_add

    def race_then_add(meeting, entries, **options):
        other = threading.Thread(target=add_kari_elsewhere)
        other.start()
        other.join()
        return add(meeting, entries, **options)

    monkeypatch.setattr(bulk_views, "_participants_add", race_then_add)
    created = count_calls(monkeypatch, project_services, "person_create")
    rows = count_calls(monkeypatch, services, "participant_set")
    response = post(client, url, preview.content.decode(), press="confirm")

    assert response.status_code == 200
    assert (
        "Kari Nordmann står allerede på deltakerlisten; ingenting ble lagret."
        in response.content.decode()
    )
    assert (len(created), len(rows)) == (2, 2)
    assert Person.objects.count() == before_people
    assert not Participant.objects.filter(pk__in=rows).exists()
    kari_row = meeting.participants.get(person=kari)
    assert kari_row.attendance == "absent"  # as the other secretary recorded it
