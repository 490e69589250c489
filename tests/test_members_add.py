"""projects.views.members_add: several members of a group at once, a preview first.

Posted as the browser sends the page (tests/browser_forms.py), by the project admin, who
holds manage_members on every group (the group's own secretary does too: see
tests/test_group_roster.py); a member gets 404 as on the single add.
"""

import datetime
import threading

import pytest
from django.db import close_old_connections, connection
from django.urls import reverse
from django.utils import timezone

from projects import services
from projects.models import GroupMembership, Person
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
# As pasted from a Word table and typed after it: another case, doubled and non-breaking
# spaces, a title after a tab or a comma, a blank line, Windows line ends.
TWELVE = (
    "Kari Nordmann\r\n"
    "ola  normann\r\n"
    "Per\u00a0Hansen\tkommunalsjef\r\n"
    "Lise Berg\r\n"
    "Anne Dahl\r\n"
    "Jon Lie\r\n"
    "TURID MOE\r\n"
    "\r\n"
    "Nina Nyvik, rådgiver\r\n"
    "Nils Nyhus\tøkonomisjef\t\r\n"
    "Siri Nyland\r\n"
    "Tor Nygård\r\n"
    "Eva Nyberg\r\n"
)
NEW = ["Nina Nyvik", "Nils Nyhus", "Siri Nyland", "Tor Nygård", "Eva Nyberg"]


def url_for(group):
    return reverse("projects:members_add", args=[group.project.slug, group.pk])


def known_people(world):
    return {
        name: PersonFactory(name=name, organisation=getattr(world, organisation))
        for name, organisation in KNOWN.items()
    }


def the_form(html):
    (form,) = [f for f in parse_forms(html) if "lines" in f.field_names()]
    return form


def post(client, url, html, values=None, press=None):
    """Submit the page's form as the browser does, after typing ``values`` into it."""
    form = type_into(the_form(html), values or {})
    sent = submission(form, today=timezone.localdate(), press=press)
    return client.post(url, sent.data)


def counts(group):
    return (
        group.memberships.count(),
        Person.objects.count(),
        Person.history.count(),
        GroupMembership.history.count(),
    )


def test_twelve_pasted_names_are_previewed_then_all_seated(world, client_for):
    group = world.working_group
    people = known_people(world)
    client = client_for(world.users["project_admin"])
    url = url_for(group)
    before = counts(group)

    preview = post(
        client,
        url,
        client.get(url).content.decode(),
        {"lines": TWELVE, "role": "member", "start_date": "2026-03-01"},
    )
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Forhåndsvisning: ingenting er lagret ennå" in page
    assert "7 personer prosjektet kjenner" in page
    assert "5 nye personer" in page
    assert "Nina Nyvik, rådgiver" in page and "Nils Nyhus, økonomisjef" in page
    assert "Legg til 12 personer" in page
    assert counts(group) == before

    saved = post(client, url, page, press="confirm")
    assert saved.status_code == 302
    assert saved["Location"] == group.get_absolute_url()
    seats = group.memberships.select_related("person")
    assert seats.count() == 12
    assert {seat.role for seat in seats} == {"member"}
    assert {seat.start_date for seat in seats} == {datetime.date(2026, 3, 1)}
    seated = {seat.person for seat in seats}
    assert set(people.values()) <= seated
    # Known people keep their own titles and organisations; the new ones get the pasted titles.
    assert people["Per Hansen"].title == ""
    for seat in seats:
        assert seat.organisation == seat.person.organisation
    titles = dict(Person.objects.filter(name__in=NEW).values_list("name", "title"))
    assert titles == {
        "Nina Nyvik": "rådgiver",
        "Nils Nyhus": "økonomisjef",
        "Siri Nyland": "",
        "Tor Nygård": "",
        "Eva Nyberg": "",
    }
    assert Person.objects.count() == before[1] + 5
    page = client.get(saved["Location"]).content.decode()
    assert "12 medlemmer ble lagt til." in page
    assert "Nina Nyvik" in page


def test_ticked_and_pasted_people_represent_the_chosen_organisation(world, client_for):
    group = world.working_group
    people = known_people(world)
    client = client_for(world.users["project_admin"])
    url = url_for(group)
    values = {
        "people": [str(people["Kari Nordmann"].pk), str(people["Jon Lie"].pk)],
        "lines": "Lise Berg\nNina Nyvik, rådgiver",
        "role": "observer",
        "organisation": str(world.grue.pk),
    }
    preview = post(client, url, client.get(url).content.decode(), values)
    assert "Legg til 4 personer" in preview.content.decode()

    assert post(client, url, preview.content.decode(), press="confirm").status_code == 302
    seats = group.memberships.all()
    assert seats.count() == 4
    assert {seat.organisation for seat in seats} == {world.grue}
    assert {seat.role for seat in seats} == {"observer"}
    nina = Person.objects.get(name="Nina Nyvik")
    assert (nina.organisation, nina.title) == (world.grue, "rådgiver")


def test_each_bad_line_is_named_and_nothing_is_saved(world, client_for):
    group = world.working_group
    people = known_people(world)
    PersonFactory(name="Per Hansen", organisation=world.grue)  # a second Per Hansen
    services.group_membership_add(group=group, person=people["Anne Dahl"], role="member")
    client = client_for(world.users["project_admin"])
    url = url_for(group)
    before = counts(group)
    too_long = "Ola " + "Nordmann" * 30
    lines = "\n".join(
        [
            "Kari Nordmann",
            "Per Hansen",
            "Anne Dahl",
            "kari nordmann",
            too_long,
            "Siri Nyland",
            ", rådgiver",
        ]
    )

    response = post(client, url, client.get(url).content.decode(), {"lines": lines})
    assert response.status_code == 200
    page = response.content.decode()
    errors = response.context["form"].errors["lines"]
    assert errors == [
        "Linje 2: Per Hansen passer på 2 personer (Grue kommune, Våler kommune); "
        "kryss av for den riktige i listen.",
        "Linje 3: Anne Dahl sitter allerede i gruppen.",
        "Linje 4: Kari Nordmann står også på linje 1.",
        "Linje 5: navnet er lengre enn 200 tegn.",
        "Linje 7: navnet mangler.",
    ]
    # The preview still shows what is fine, but offers no save; the text is kept as pasted.
    assert "2 personer prosjektet kjenner" not in page and "1 person prosjektet kjenner" in page
    assert "1 ny person" in page
    assert 'name="confirm"' not in page
    (textarea,) = [c for c in the_form(page).controls if c.name == "lines"]
    assert textarea.text == lines
    assert counts(group) == before

    # A save sent for a page that offered none (a stale tab, a script) saves nothing either.
    data = {**submission(the_form(page), today=timezone.localdate()).data, "confirm": ["x"]}
    assert client.post(url, data).status_code == 200
    assert counts(group) == before


def test_a_person_ticked_and_pasted_is_named_twice(world, client_for):
    group = world.working_group
    people = known_people(world)
    client = client_for(world.users["project_admin"])
    url = url_for(group)
    values = {"people": [str(people["Kari Nordmann"].pk)], "lines": "Lise Berg\nKari Nordmann"}
    response = post(client, url, client.get(url).content.decode(), values)
    assert response.context["form"].errors["lines"] == [
        "Linje 2: Kari Nordmann er også krysset av i listen."
    ]
    assert not group.memberships.exists()


def test_a_list_changed_after_the_preview_is_previewed_again_not_saved(world, client_for):
    group = world.working_group
    known_people(world)
    client = client_for(world.users["project_admin"])
    url = url_for(group)
    preview = post(client, url, client.get(url).content.decode(), {"lines": "Kari Nordmann"})

    response = post(
        client, url, preview.content.decode(), {"lines": "Kari Nordmann\nLise Berg"}, "confirm"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Listen eller valgene er endret etter forhåndsvisningen" in page
    assert "Legg til 2 personer" in page
    assert not group.memberships.exists()


def test_a_name_known_only_outside_the_project_becomes_a_new_person(world, client_for):
    """Pasting a name never reaches into another municipality's staff (people_for_project)."""
    outside = PersonFactory(name="Oddvar Utenfor", organisation=world.bodo)
    group = world.working_group
    client = client_for(world.users["project_admin"])
    url = url_for(group)
    preview = post(client, url, client.get(url).content.decode(), {"lines": "Oddvar Utenfor"})
    page = preview.content.decode()
    assert "1 ny person" in page
    assert "Oddvar Utenfor (Bodø kommune)" not in page
    assert post(client, url, page, press="confirm").status_code == 302
    (seat,) = group.memberships.all()
    assert seat.person != outside
    assert seat.person.organisation is None


def test_group_page_links_to_it_for_those_who_keep_the_roster(world, client_for):
    group = world.steering_group
    for role in ("project_admin", "secretary"):
        page = client_for(world.users[role]).get(group.get_absolute_url())
        assert url_for(group) in page.content.decode()
    page = client_for(world.users["member"]).get(group.get_absolute_url())
    assert url_for(group) not in page.content.decode()


@pytest.mark.parametrize("role", ["member", "reader", "outsider"])
def test_others_get_404_and_nothing_is_saved(world, client_for, role):
    group = world.steering_group
    client = client_for(world.users[role])
    assert client.get(url_for(group)).status_code == 404
    response = client.post(url_for(group), {"lines": "Nina Nyvik", "role": "member"})
    assert response.status_code == 404
    assert not Person.objects.filter(name="Nina Nyvik").exists()


@pytest.mark.django_db(transaction=True)
def test_a_seat_taken_half_way_undoes_the_whole_batch(postgres, client_for, monkeypatch):
    """In autocommit, as in production: someone seats Kari while the batch is being saved,
    after two new people and their seats are written. The whole batch goes, nothing is left."""
    world = build_world()
    group = world.working_group
    kari = PersonFactory(name="Kari Nordmann", organisation=world.grue)
    client = client_for(world.users["project_admin"])
    url = url_for(group)
    lines = "Nina Nyvik\nNils Nyhus\nKari Nordmann"
    preview = post(client, url, client.get(url).content.decode(), {"lines": lines})
    assert "Legg til 3 personer" in preview.content.decode()
    created = []
    person_create = services.person_create

    def seat_kari_elsewhere():
        try:
            services.group_membership_add(group=group, person=kari, role="member")
        finally:
            close_old_connections()
            connection.close()

    def create_then_race(**kwargs):
        person = person_create(**kwargs)
        created.append(person.pk)
        if len(created) == 2:
            other = threading.Thread(target=seat_kari_elsewhere)
            other.start()
            other.join()
        return person

    monkeypatch.setattr(services, "person_create", create_then_race)
    response = post(client, url, preview.content.decode(), press="confirm")

    assert response.status_code == 200
    assert (
        "Kari Nordmann sitter allerede i gruppen; ingenting ble lagret."
        in response.content.decode()
    )
    assert len(created) == 2
    assert not Person.objects.filter(pk__in=created).exists()
    assert not Person.objects.filter(name__in=["Nina Nyvik", "Nils Nyhus"]).exists()
    assert list(group.memberships.values_list("person__name", flat=True)) == ["Kari Nordmann"]
