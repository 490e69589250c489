import datetime

from django.urls import reverse

from projects import permissions
from projects.models import GroupMandate, GroupMembership, Person, Phase, Project
from tests.reliability.test_lost_updates import post_data


def edit_data(project, **overrides):
    data = {
        "name": project.name,
        "short_name": project.short_name,
        "background": project.background,
        "status": project.status,
        "start_date": "",
        "end_date": "",
        "parent": "",
        "seen_updated_at": project.updated_at.isoformat(),
    }
    data.update(overrides)
    return data


def test_project_admin_edits_the_project_and_history_names_them(world, client_for):
    admin = world.users["project_admin"]
    url = reverse("projects:edit", args=["vag"])
    response = client_for(admin).post(url, edit_data(world.project, background="Ny bakgrunn"))
    assert response.status_code == 302
    world.project.refresh_from_db()
    assert world.project.background == "Ny bakgrunn"
    latest = world.project.history.latest()
    assert latest.history_user == admin
    assert latest.background == "Ny bakgrunn"


def test_stale_save_is_refused_and_keeps_the_text(world, client_for):
    client = client_for(world.users["project_admin"])
    url = reverse("projects:edit", args=["vag"])
    stale = edit_data(world.project, background="Min tekst som ikke må gå tapt")
    client.post(url, edit_data(world.project, background="Den andres tekst"))

    response = client.post(url, stale)
    assert response.status_code == 409
    world.project.refresh_from_db()
    assert world.project.background == "Den andres tekst"
    page = response.content.decode()
    assert "Min tekst som ikke må gå tapt" in page  # the user's text is in the form
    assert "Den andres tekst" in page  # and the other version is shown beside it

    # Saving the re-shown form again replaces the other version on purpose.
    form = response.context["form"]
    again = {**stale, "seen_updated_at": form.data["seen_updated_at"]}
    assert client.post(url, again).status_code == 302
    world.project.refresh_from_db()
    assert world.project.background == "Min tekst som ikke må gå tapt"


def test_end_before_start_is_shown_on_the_field(world, client_for):
    client = client_for(world.users["project_admin"])
    url = reverse("projects:edit", args=["vag"])
    response = client.post(
        url, edit_data(world.project, start_date="2020-09-01", end_date="2020-01-01")
    )
    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors
    world.project.refresh_from_db()
    assert world.project.start_date is None


def test_project_cannot_become_its_own_grandparent(world, client_for):
    child = Project.objects.create(name="Pilot", slug="pilot", parent=world.project)
    permissions.sync_project_permissions(child)
    client = client_for(world.users["portal_admin"])
    response = client.post(
        reverse("projects:edit", args=["vag"]), edit_data(world.project, parent=child.pk)
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors


def test_duplicate_phase_number_is_a_form_error_not_a_crash(world, client_for):
    Phase.objects.create(project=world.project, number=1, title="Forankring")
    client = client_for(world.users["project_admin"])
    response = client.post(
        reverse("projects:phase_create", args=["vag"]),
        {"number": 1, "title": "Dobbel", "status": "planned"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert world.project.phases.count() == 1


def test_new_member_replaces_an_earlier_one(world, client_for):
    group = world.steering_group
    espen = Person.objects.create(name="Espen Strøm", organisation=world.valer)
    seat = GroupMembership.objects.create(
        group=group, person=espen, role="chief_union_rep", start_date=datetime.date(2017, 9, 8)
    )
    client = client_for(world.users["project_admin"])
    response = client.post(
        reverse("projects:membership_add", args=["vag", group.pk]),
        {
            "new_person_name": "Elin Gundersen",
            "new_person_title": "hovedtillitsvalgt",
            "role": "chief_union_rep",
            "organisation": world.valer.pk,
            "start_date": "2019-03-01",
            "replaces": seat.pk,
            "note": "ny etter Espen Strøm",
        },
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.end_date == datetime.date(2019, 2, 28)
    elin = GroupMembership.objects.get(person__name="Elin Gundersen")
    assert elin.replaces == seat
    assert elin.organisation == world.valer

    page = client.get(reverse("projects:group_detail", args=["vag", group.pk])).content.decode()
    current, earlier = page[: page.index('id="former"')], page[page.index('id="former"') :]
    assert "Elin Gundersen" in current
    assert "Espen Strøm" in earlier


def test_a_person_already_seated_is_not_seated_twice(world, client_for):
    group = world.steering_group
    member = world.users["member"].person
    seat = group.memberships.get(person=member)
    client = client_for(world.users["project_admin"])
    url = reverse("projects:membership_add", args=["vag", group.pk])
    before = GroupMembership.objects.count()
    response = client.post(url, {"person": member.pk, "role": "leader"})
    assert response.status_code == 200
    assert f"{member.name} sitter allerede i gruppen" in response.content.decode()
    assert GroupMembership.objects.count() == before
    # A new role is a new seat replacing the old one, from a date.
    data = {"person": member.pk, "role": "leader", "replaces": seat.pk, "start_date": "2026-01-01"}
    assert client.post(url, data).status_code == 302
    seat.refresh_from_db()
    assert seat.end_date == datetime.date(2025, 12, 31)
    assert group.memberships.get(person=member, end_date=None).role == "leader"


def test_a_new_member_is_seated_with_the_address_invitations_go_to(world, client_for):
    group = world.steering_group
    client = client_for(world.users["project_admin"])
    url = reverse("projects:membership_add", args=["vag", group.pk])
    data = {
        "new_person_name": "Siri Varberg",
        "new_person_email": " Siri.Varberg@grue.example ",
        "role": "member",
        "organisation": world.grue.pk,
    }
    assert client.post(url, data).status_code == 302
    siri = group.memberships.get(person__name="Siri Varberg").person
    assert siri.email == "Siri.Varberg@grue.example"

    # The same address again is someone already known: chosen from the list, not made twice.
    before = (Person.objects.count(), GroupMembership.objects.count())
    again = client.post(url, {**data, "new_person_name": "Siri V.", "role": "deputy"})
    assert again.status_code == 200
    assert "Siri Varberg har allerede denne e-postadressen" in again.content.decode()
    # An address typed beside a known person would be silently dropped; it is refused.
    chosen = client.post(
        url, {"person": siri.pk, "new_person_email": "annen@grue.example", "role": "deputy"}
    )
    assert "E-postadressen er for en ny person" in chosen.content.decode()
    assert (Person.objects.count(), GroupMembership.objects.count()) == before


def test_member_form_needs_a_person(world, client_for):
    group = world.steering_group
    client = client_for(world.users["project_admin"])
    before = GroupMembership.objects.count()
    response = client.post(
        reverse("projects:membership_add", args=["vag", group.pk]), {"role": "member"}
    )
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    assert GroupMembership.objects.count() == before


def test_revising_the_mandate_keeps_the_earlier_text(world, client_for):
    group = world.working_group
    GroupMandate.objects.create(
        group=group, text="Første mandat", adopted_on=datetime.date(2020, 9, 1)
    )
    client = client_for(world.users["project_admin"])
    response = client.post(
        reverse("projects:mandate_revise", args=["vag", group.pk]),
        {"text": "Utvidet mandat", "adopted_on": "2022-06-28", "note": "Revidert"},
    )
    assert response.status_code == 302
    assert list(group.mandates.values_list("text", flat=True)) == [
        "Utvidet mandat",
        "Første mandat",
    ]
    page = client.get(reverse("projects:group_detail", args=["vag", group.pk])).content.decode()
    assert "Utvidet mandat" in page and "Første mandat" in page


def test_duplicate_council_case_number_is_refused(world, client_for):
    client = client_for(world.users["project_admin"])
    url = reverse("projects:decision_create", args=["vag"])
    data = {"municipality": world.asnes.pk, "case_number": "k-sak 061/20", "title": "Utredning"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert world.project.council_decisions.count() == 1


def test_decision_of_an_outside_municipality_is_not_offered(world, client_for):
    client = client_for(world.users["project_admin"])
    response = client.post(
        reverse("projects:decision_create", args=["vag"]),
        {"municipality": world.bodo.pk, "case_number": "k-sak 1/20", "title": "X"},
    )
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors


def test_removing_a_participant_takes_away_their_readers(world, client_for):
    participation = world.project.participations.get(organisation=world.grue)
    client = client_for(world.users["project_admin"])
    response = client.post(reverse("projects:participation_remove", args=["vag", participation.pk]))
    assert response.status_code == 302
    reader = client_for(world.users["reader"])
    assert reader.get(reverse("projects:detail", args=["vag"])).status_code == 404


def test_progress_cell_links_the_council_decision(world, client_for):
    from projects import services
    from projects.models import ProgressActivity

    decision = services.council_decision_create(
        project=world.project, municipality=world.grue, case_number="K-sak 049/20", title="Vedtak"
    )
    activity = ProgressActivity.objects.create(project=world.project, title="Vedtak")
    client = client_for(world.users["project_admin"])
    url = reverse("projects:progress_edit", args=["vag", activity.pk, world.grue.pk])
    response = client.post(url, {"status": "done", "decision": decision.pk, "note": ""})
    assert response.status_code == 302
    page = client.get(reverse("projects:detail", args=["vag"])).content.decode()
    assert "K-sak 049/20" in page


def test_progress_for_a_non_participant_is_404(world, client_for):
    from projects.models import ProgressActivity

    activity = ProgressActivity.objects.create(project=world.project, title="Vedtak")
    client = client_for(world.users["project_admin"])
    url = reverse("projects:progress_edit", args=["vag", activity.pk, world.bodo.pk])
    assert client.get(url).status_code == 404


def test_english_translation(world, client_for):
    client = client_for(world.users["reader"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("home")).content.decode()
    assert "My projects" in page
    client.cookies["django_language"] = "nb"
    page = client.get(reverse("home")).content.decode()
    assert "Mine prosjekter" in page


def test_norwegian_even_for_an_english_browser(world, client_for):
    client = client_for(world.users["reader"])
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Mine prosjekter" in page


def test_group_page_offers_meeting_tools_to_the_secretary_only(world, client_for):
    url = reverse("projects:group_detail", args=["vag", world.steering_group.pk])
    plan = reverse("meetings:create", args=[world.steering_group.pk])
    assert plan in client_for(world.users["secretary"]).get(url).content.decode()
    assert plan not in client_for(world.users["reader"]).get(url).content.decode()


def choose_label(client, group, label):
    """The group's editor picks a label on the group's edit page, as the browser sends it."""
    url = reverse("projects:group_edit", args=[group.project.slug, group.pk])
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, post_data(page.context["form"]) | {"decision_label": label})


def test_the_group_editor_chooses_the_label_with_its_help_text(world, client_for):
    client = client_for(world.users["project_admin"])
    group = world.steering_group
    url = reverse("projects:group_edit", args=["vag", group.pk])
    page = client.get(url).content.decode()
    assert "Overskrift for vedtak" in page
    assert "Hva gruppens referater kaller vedtaket i en sak" in page
    for label in ("Vedtak", "Konklusjon", "Konklusjoner", "Beslutning"):
        assert f">{label}</option>" in page

    assert choose_label(client, group, "conclusions").status_code == 302
    group.refresh_from_db()
    assert group.decision_label == "conclusions"
    latest = group.history.latest()
    assert (latest.decision_label, latest.history_user) == (
        "conclusions",
        world.users["project_admin"],
    )


def test_a_label_not_offered_is_a_form_error(world, client_for):
    client = client_for(world.users["project_admin"])
    response = choose_label(client, world.steering_group, "verdict")
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    assert response.context["form"].errors["decision_label"]
    world.steering_group.refresh_from_db()
    assert world.steering_group.decision_label == "decision"


def test_a_new_group_can_take_its_label_at_once(world, client_for):
    client = client_for(world.users["project_admin"])
    url = reverse("projects:group_create", args=["vag"])
    data = post_data(client.get(url).context["form"]) | {
        "kind": "working_group",
        "name": "Arbeidsgruppe barnevern",
        "decision_label": "conclusion",
    }
    assert client.post(url, data).status_code == 302
    assert world.project.groups.get(name="Arbeidsgruppe barnevern").decision_label == "conclusion"
