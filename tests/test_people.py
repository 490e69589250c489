"""The register of people (projects.people_views): page, list, create and edit, as the roles
that use them, with the input a browser sends and the mistakes people make."""

import datetime

import pytest
from django.urls import reverse

from meetings import services as meeting_services
from projects import services
from projects.models import GroupMembership, Person
from tests.factories import PersonFactory


def member_person(world):
    return world.users["member"].person


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- The person page ------------------------------------------------------


def test_person_page_shows_facts_seats_past_and_present(world, client_for):
    person = member_person(world)
    person.phone = "+47 912 34 567"
    person.email = "medlem@grue.kommune.no"
    person.save()
    old = services.group_membership_add(
        group=world.working_group,
        person=person,
        role=GroupMembership.Role.LEADER,
        start_date=datetime.date(2019, 1, 1),
    )
    services.group_membership_end(membership=old, end_date=datetime.date(2020, 6, 30))
    html = page(client_for(world.users["reader"]), person.get_absolute_url())
    assert person.name in html
    assert "+47 912 34 567" in html
    assert "medlem@grue.kommune.no" in html
    assert "Styringsgruppe" in html
    assert "Arbeidsgruppe økonomi" in html
    assert "30.6.2020" in html
    assert "Leder" in html


def test_seats_in_projects_the_viewer_cannot_see_are_left_out(world, client_for):
    person = member_person(world)
    services.group_membership_add(group=world.other_group, person=person, role="member")
    html = page(client_for(world.users["reader"]), person.get_absolute_url())
    assert "Bodø styringsgruppe" not in html
    assert "Bodø styringsgruppe" in page(
        client_for(world.users["portal_admin"]), person.get_absolute_url()
    )


def test_person_page_lists_open_action_items_the_viewer_may_see(world, client_for):
    person = member_person(world)
    meeting = meeting_services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC),
    )
    case = meeting.cases.first()
    meeting_services.action_item_add(
        case=case, description="Lage budsjett for 2027", responsible_people=[person]
    )
    done = meeting_services.action_item_add(
        case=case, description="Sende innkalling", responsible_people=[person]
    )
    done.status = "done"
    done.save()
    # The member is an insider of the group: they see the draft minutes' items.
    html = page(client_for(world.users["member"]), person.get_absolute_url())
    assert "Lage budsjett for 2027" in html
    assert "Sende innkalling" not in html
    # The reader sees only approved minutes' items: none yet.
    html = page(client_for(world.users["reader"]), person.get_absolute_url())
    assert "Lage budsjett for 2027" not in html


def test_colleague_without_a_shared_project_sees_the_person(world, client_for):
    lonely = PersonFactory(name="Bodil Bodø", organisation=world.bodo)
    assert client_for(world.users["outsider"]).get(lonely.get_absolute_url()).status_code == 200
    assert client_for(world.users["reader"]).get(lonely.get_absolute_url()).status_code == 404


def test_unknown_person_is_404(world, client_for):
    url = reverse("people:detail", args=[999999])
    assert client_for(world.users["portal_admin"]).get(url).status_code == 404


# --- The list -------------------------------------------------------------


def test_list_searches_name_email_and_organisation_among_visible_people(world, client_for):
    PersonFactory(name="Kari Nordmann", organisation=world.grue, email="kari@grue.kommune.no")
    PersonFactory(name="Ola Nordmann", organisation=world.bodo)
    client = client_for(world.users["reader"])
    url = reverse("people:list")
    html = page(client, url + "?q=nordmann")
    assert "Kari Nordmann" in html
    assert "Ola Nordmann" not in html  # Bodø is not in VÅG
    assert "Kari Nordmann" in page(client, url + "?q=KARI@grue")
    html = page(client, url + "?q=grue kommune")
    assert "Kari Nordmann" in html
    assert "Ingen du kan se" in page(client, url + "?q=finnesikke")


def test_list_offers_new_person_only_to_those_who_may_create(world, client_for):
    create = reverse("people:create")
    assert create in page(client_for(world.users["secretary"]), reverse("people:list"))
    assert create not in page(client_for(world.users["reader"]), reverse("people:list"))


# --- Create and edit ------------------------------------------------------


def person_data(**overrides):
    data = {
        "name": "Kari Nordmann",
        "title": "rådgiver",
        "organisation": "",
        "email": "kari@grue.kommune.no",
        "phone": "62 95 60 00",
    }
    return data | overrides


def test_project_admin_creates_a_person_and_history_names_them(world, client_for):
    client = client_for(world.users["project_admin"])
    response = client.post(reverse("people:create"), person_data(organisation=world.grue.pk))
    person = Person.objects.get(email="kari@grue.kommune.no")
    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    assert (person.organisation, person.phone, person.title) == (
        world.grue,
        "62 95 60 00",
        "rådgiver",
    )
    assert person.history.earliest().history_user == world.users["project_admin"]


def test_organisation_outside_the_users_projects_is_refused(world, client_for):
    client = client_for(world.users["project_admin"])
    response = client.post(reverse("people:create"), person_data(organisation=world.bodo.pk))
    assert response.status_code == 200
    assert not Person.objects.filter(email="kari@grue.kommune.no").exists()


@pytest.mark.parametrize("phone", ["912-34-567", "ring meg", "+47 (912)"])
def test_a_phone_number_with_other_signs_is_refused_in_norwegian(world, client_for, phone):
    client = client_for(world.users["project_admin"])
    response = client.post(reverse("people:create"), person_data(phone=phone))
    assert response.status_code == 200
    assert "Et telefonnummer har bare sifre og mellomrom" in response.content.decode()
    assert not Person.objects.filter(name="Kari Nordmann").exists()


def test_same_email_is_refused_with_a_link_to_the_existing_person(world, client_for):
    existing = PersonFactory(name="Kari N.", organisation=world.grue, email="Kari@Grue.kommune.no")
    client = client_for(world.users["project_admin"])
    response = client.post(reverse("people:create"), person_data())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kari N. har allerede denne e-postadressen" in html
    assert existing.get_absolute_url() in html
    assert Person.objects.filter(email__iexact="kari@grue.kommune.no").count() == 1


def test_same_email_of_someone_invisible_is_refused_without_naming_them(world, client_for):
    PersonFactory(name="Skjult Person", organisation=world.bodo, email="kari@grue.kommune.no")
    client = client_for(world.users["project_admin"])
    html = client.post(reverse("people:create"), person_data()).content.decode()
    assert "En annen person har allerede denne e-postadressen" in html
    assert "Skjult Person" not in html


def test_same_name_in_same_organisation_needs_the_confirm_tick(world, client_for):
    PersonFactory(name="Kari Nordmann", organisation=world.grue)
    client = client_for(world.users["project_admin"])
    data = person_data(organisation=world.grue.pk, name="kari  nordmann")
    html = client.post(reverse("people:create"), data).content.decode()
    assert "Det finnes allerede en Kari Nordmann i Grue kommune" in html
    assert 'type="checkbox" name="confirm_same_name"' in html
    assert Person.objects.filter(organisation=world.grue, name__iexact="kari nordmann").count() == 1
    response = client.post(reverse("people:create"), data | {"confirm_same_name": "on"})
    assert response.status_code == 302
    assert Person.objects.filter(organisation=world.grue, name__iexact="kari nordmann").count() == 2


def test_reader_and_outsider_may_not_create_or_edit(world, client_for):
    person = member_person(world)
    for role in ("reader", "outsider", "member", "director"):
        client = client_for(world.users[role])
        assert client.get(reverse("people:create")).status_code == 404
        assert client.post(reverse("people:create"), person_data()).status_code == 404
        edit = reverse("people:edit", args=[person.pk])
        assert client.post(edit, person_data()).status_code == 404
    assert not Person.objects.filter(name="Kari Nordmann").exists()


def edit_form_data(client, person, **overrides):
    form = client.get(reverse("people:edit", args=[person.pk])).context["form"]
    data = {name: form[name].value() or "" for name in ("name", "title", "email", "phone")}
    data["organisation"] = form["organisation"].value() or ""
    data["seen_updated_at"] = form["seen_updated_at"].value()
    return data | overrides


def test_secretary_edits_a_person_they_seat(world, client_for):
    person = member_person(world)
    client = client_for(world.users["secretary"])
    data = edit_form_data(client, person, phone="+4791234567", title="kommunalsjef")
    response = client.post(reverse("people:edit", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.title) == ("+4791234567", "kommunalsjef")


def test_stale_edit_is_refused_and_keeps_the_text(world, client_for):
    person = member_person(world)
    client = client_for(world.users["project_admin"])
    data = edit_form_data(client, person, title="Min tittel")
    person.title = "Noen andres tittel"
    person.save()
    response = client.post(reverse("people:edit", args=[person.pk]), data)
    assert response.status_code == 409
    assert "Min tittel" in response.content.decode()
    person.refresh_from_db()
    assert person.title == "Noen andres tittel"


def test_editing_keeps_own_email_without_calling_it_a_duplicate(world, client_for):
    person = member_person(world)
    person.email = "medlem@grue.kommune.no"
    person.save()
    client = client_for(world.users["project_admin"])
    data = edit_form_data(client, person, email="MEDLEM@grue.kommune.no")
    assert client.post(reverse("people:edit", args=[person.pk]), data).status_code == 302
