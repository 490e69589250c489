"""A case's decision makes things exist: a group, a reference to a council decision (issue 21).

Through the views, as the steering group's secretary posts the pages' own forms; the case page,
the group page, the project page and both PDFs (read back with pypdf) show the links.
"""

import re

import pytest
from django.urls import reverse

from meetings import services
from projects import services as project_services
from projects.models import CouncilDecision, ProjectGroup
from tests.meetings.decision_helpers import (  # noqa: F401 - the fixtures, by their names
    browser_post,
    case_fixture,
    meeting_fixture,
    words,
)
from tests.pdf.helpers import pdf_text

NEW_GROUP = "Arbeidsgruppe for økonomi og budsjett"
LOCKED = "Referatet er godkjent og låst. Gjenåpne det for å gjøre endringer."

pytestmark = pytest.mark.usefixtures("quiet_minutes_tasks")


def establish_url(case):
    return reverse("meetings:case_group_establish", args=[case.meeting_id, case.pk])


def council_url(case):
    return reverse("meetings:case_council_decision", args=[case.meeting_id, case.pk])


def establish(client, world, case, **extra):
    values = {
        "name": NEW_GROUP,
        "kind": "working_group",
        "mandate": "Utrede et felles økonomikontor.",
        "role_0": "member",
        "organisation_0": world.valer.pk,
        "seats_0": 1,
        "role_1": "member",
        "organisation_1": world.asnes.pk,
        "seats_1": 1,
        "role_2": "member",
        "organisation_2": world.grue.pk,
        "seats_2": 1,
        "role_3": "union_rep",
        "seats_3": 1,
        **extra,
    }
    return browser_post(client, establish_url(case), values)


def page_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return words(re.sub(r"<[^>]+>", " ", response.content.decode()))


def pdf_words(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return words(pdf_text(response.content))


def step(client, meeting, name):
    url = reverse("meetings:minutes_step", args=[meeting.pk, name])
    assert client.post(url, {"reason": ""}).status_code == 302


def test_the_secretary_establishes_a_group_from_a_case(world, client_for, meeting, case):
    secretary = client_for(world.users["secretary"])
    response = establish(secretary, world, case)
    assert response.status_code == 302, response.content.decode()[:2000]

    group = ProjectGroup.objects.get(name=NEW_GROUP)
    assert (group.project, group.kind) == (world.project, "working_group")
    assert list(case.established_groups.all()) == [group]
    assert group.mandates.get().text == "Utrede et felles økonomikontor."
    plan = [(p.role, p.organisation_id, p.seats) for p in group.seat_plan.order_by("id")]
    assert plan == [
        ("member", world.valer.pk, 1),
        ("member", world.asnes.pk, 1),
        ("member", world.grue.pk, 1),
        ("union_rep", None, 1),
    ]
    # The project's grants follow: its admin may change the new group.
    assert (
        client_for(world.users["project_admin"])
        .get(reverse("projects:group_edit", args=["vag", group.pk]))
        .status_code
        == 200
    )

    case_page = secretary.get(meeting.get_absolute_url()).content.decode()
    assert f'<strong>Opprettet:</strong> <a href="{group.get_absolute_url()}">{NEW_GROUP}</a>' in (
        case_page
    )
    group_page = secretary.get(group.get_absolute_url()).content.decode()
    label = case.label
    assert f'Opprettet i <a href="{meeting.get_absolute_url()}#sak-{case.pk}">{label}</a>' in (
        group_page
    )
    assert "(Styringsgruppe, 12.3.2018)" in group_page

    assert f"Opprettet: {NEW_GROUP}" in pdf_words(
        secretary, reverse("meetings:minutes_pdf", args=[meeting.pk])
    )


def test_the_group_page_counts_filled_and_open_seats(world, client_for, case):
    assert establish(client_for(world.users["secretary"]), world, case).status_code == 302
    group = ProjectGroup.objects.get(name=NEW_GROUP)
    for name, organisation, role in (
        ("Vera Våler", world.valer, "member"),
        ("Tor Tillitsvalgt", world.grue, "union_rep"),
        ("Gunn Grue", world.grue, "member"),
    ):
        person = project_services.person_create(name=name, organisation=organisation)
        project_services.group_membership_add(group=group, person=person, role=role)

    response = client_for(world.users["reader"]).get(group.get_absolute_url())
    rows = [
        (row.plan.role, row.plan.organisation_id, row.filled, row.open)
        for row in response.context["seat_plan"]
    ]
    assert rows == [
        ("member", world.valer.pk, 1, 0),
        ("member", world.asnes.pk, 0, 1),
        ("member", world.grue.pk, 1, 0),
        ("union_rep", None, 1, 0),
    ]
    assert "Sammensetning" in response.content.decode()
    # A reader of the project does not see draft minutes: no link into them.
    assert "Opprettet i" not in response.content.decode()


def test_the_public_reads_the_links_as_published(world, client_for, meeting, case):
    secretary = client_for(world.users["secretary"])
    assert establish(secretary, world, case).status_code == 302
    exempt = services.case_add(
        meeting=meeting, title="Personalsak", exempt_from_public=True, legal_basis="offl. § 14"
    )
    assert establish(secretary, world, exempt, name="Hemmelig gruppe").status_code == 302
    step(secretary, meeting, "publiser")
    # The insiders' own copy names both.
    internal = pdf_words(secretary, reverse("meetings:minutes_pdf", args=[meeting.pk]))
    assert f"Opprettet: {NEW_GROUP}" in internal and "Opprettet: Hemmelig gruppe" in internal

    public_page = page_text(client_for(None), reverse("meetings:public_meeting", args=[meeting.pk]))
    public_pdf = pdf_words(
        client_for(None), reverse("meetings:public_minutes_pdf", args=[meeting.pk])
    )
    for text in (public_page, public_pdf):
        assert f"Opprettet: {NEW_GROUP}" in text
        assert "Hemmelig gruppe" not in text
    # A link made after publishing reaches the public with the next publication only.
    decision = project_services.council_decision_create(
        project=world.project, municipality=world.valer, case_number="k-sak 042/20", title="VÅG"
    )
    secretary = client_for(world.users["secretary"])  # one test client: log in again
    assert browser_post(secretary, council_url(case), {"decision": decision.pk}).status_code == 302
    public_page = page_text(client_for(None), reverse("meetings:public_meeting", args=[meeting.pk]))
    assert "k-sak 042/20" not in public_page
    step(client_for(world.users["secretary"]), meeting, "publiser")
    public_page = page_text(client_for(None), reverse("meetings:public_meeting", args=[meeting.pk]))
    assert "Kommunestyrevedtak: Våler kommune k-sak 042/20" in public_page


def test_approved_minutes_refuse_and_nothing_is_half_saved(world, client_for, meeting, case):
    secretary = client_for(world.users["secretary"])
    page = secretary.get(establish_url(case))
    step(secretary, meeting, "godkjenn")

    response = establish(secretary, world, case)
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert not ProjectGroup.objects.filter(name=NEW_GROUP).exists()
    assert page.status_code == 200

    response = browser_post(
        secretary,
        council_url(case),
        {"municipality": world.valer.pk, "case_number": "k-sak 7/18", "title": "Budsjett"},
    )
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert not CouncilDecision.objects.filter(case_number="k-sak 7/18").exists()
    assert case.council_decisions.count() == 0


def test_bad_values_are_form_errors(world, client_for, case):
    secretary = client_for(world.users["secretary"])
    # The name of a group the project has already.
    response = establish(secretary, world, case, name=world.working_group.name)
    assert response.status_code == 200
    assert response.context["form"].errors
    # Seats without a role, a role without seats, a role twice from the same place.
    for extra in (
        {"role_4": "", "seats_4": 2},
        {"role_4": "observer", "seats_4": ""},
        {"role_4": "member", "organisation_4": world.valer.pk, "seats_4": 1},
        {"seats_4": "mange"},
        {"kind": "ukjent"},
    ):
        response = establish(secretary, world, case, **extra)
        assert response.status_code == 200, extra
        assert "error-summary" in response.content.decode(), extra
    assert not ProjectGroup.objects.filter(name=NEW_GROUP).exists()

    response = browser_post(secretary, council_url(case), {"case_number": "k-sak 1/18"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"municipality", "title"}


def test_a_council_decision_is_linked_or_made_on_the_spot(world, client_for, meeting, case):
    secretary = client_for(world.users["secretary"])
    response = browser_post(
        secretary,
        council_url(case),
        {
            "municipality": world.valer.pk,
            "case_number": "k-sak 042/20",
            "decided_on": "2020-06-18",
            "title": "Samarbeidsavtale VÅG",
        },
    )
    assert response.status_code == 302
    decision = CouncilDecision.objects.get(case_number="k-sak 042/20")
    assert (decision.project, decision.municipality) == (world.project, world.valer)
    assert list(case.council_decisions.all()) == [decision]

    case_page = page_text(secretary, meeting.get_absolute_url())
    assert "Kommunestyrevedtak: Våler kommune k-sak 042/20" in case_page
    project_page = page_text(client_for(world.users["member"]), world.project.get_absolute_url())
    assert f"Behandlet i {case.label} (Styringsgruppe, 12.3.2018)" in project_page
    secretary = client_for(world.users["secretary"])  # one test client: log in again
    assert "Kommunestyrevedtak: Våler kommune k-sak 042/20" in pdf_words(
        secretary, reverse("meetings:minutes_pdf", args=[meeting.pk])
    )

    # Another project's decision is not offered, and posted by hand it is refused.
    other = project_services.council_decision_create(
        project=world.other_project, municipality=world.bodo, case_number="k-sak 1/20", title="X"
    )
    response = browser_post(secretary, council_url(case), {"decision": other.pk})
    assert response.status_code == 200
    assert "decision" in response.context["form"].errors
    assert list(case.council_decisions.all()) == [decision]


def test_outsiders_and_members_get_404(world, client_for, case):
    for role in ("outsider", "member", "reader"):
        client = client_for(world.users[role])
        for url in (establish_url(case), council_url(case)):
            assert client.get(url).status_code == 404, (role, url)
            assert client.post(url, {"name": NEW_GROUP}).status_code == 404, (role, url)
    assert not ProjectGroup.objects.filter(name=NEW_GROUP).exists()
