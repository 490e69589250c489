import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from simple_history.utils import get_history_manager_for_model

from accounts.models import User
from projects import permissions
from projects.management.commands.load_demo import DEMO_PASSWORD
from projects.models import (
    CouncilDecision,
    GroupMembership,
    Organisation,
    Phase,
    ProgressEntry,
    Project,
    ProjectGroup,
)

PILOTS = {"pilot-ofoten", "pilot-indre-salten", "pilot-sor-salten"}


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", "--allow-without-debug", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every table, history tables included (they are models too)."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def history_counts() -> dict[str, int]:
    """History rows of every model django-simple-history tracks."""
    tracked = [
        model
        for model in apps.get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    ]
    return {model._meta.label: get_history_manager_for_model(model).count() for model in tracked}


def visible_slugs(username: str) -> set[str]:
    user = User.objects.get(username=username)
    return set(permissions.projects_for_user(user).values_list("slug", flat=True))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Each load hashes seven passwords; at PBKDF2's production cost that is most of the time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    return load_demo()


def test_second_run_changes_no_row_and_adds_no_history(demo):
    rows, history = row_counts(), history_counts()
    # The tracked models this test guards; a model losing its history would hide noise.
    assert {"accounts.User", "projects.Project", "projects.GroupMembership"} <= set(history)
    demo_models = {
        label: count for label, count in history.items() if label.startswith("projects.")
    }
    assert all(demo_models.values()), demo_models

    load_demo()

    assert history_counts() == history
    assert row_counts() == rows


def test_second_run_puts_back_an_edited_fact(demo):
    phase = Phase.objects.get(project__slug="vag", number=1)
    phase.deadline_note = "Snart"
    phase.save()
    history = history_counts()

    load_demo()

    phase.refresh_from_db()
    assert phase.deadline_note == "1. september"
    # One row for putting it back, nothing else.
    assert history_counts() == {**history, "projects.Phase": history["projects.Phase"] + 1}


def test_organisations_carry_official_numbers(demo):
    numbers = dict(
        Organisation.objects.filter(kind="municipality").values_list("name", "municipality_number")
    )
    assert numbers["Grue kommune"] == "3417"
    assert numbers["Gratangen kommune"] == "5414"
    assert numbers["Bodø kommune"] == "1804"
    assert Organisation.objects.get(name="NAV Nordland").kind == "nav_county"
    assert Organisation.objects.get(name="Fylkesmannen i Innlandet").county == "Innlandet"


def test_vag_has_the_plans_three_phases(demo):
    phases = list(Phase.objects.filter(project__slug="vag").order_by("number"))
    assert [phase.deadline_note for phase in phases] == [
        "1. september",
        "1. november",
        "Kommunestyremøtene i desember 2020",
    ]
    assert phases[0].deadline == datetime.date(2020, 9, 1)
    assert phases[2].goals == "Sak til politisk behandling"


def test_vag_council_decisions(demo):
    decisions = {
        decision.municipality.name: decision
        for decision in CouncilDecision.objects.filter(project__slug="vag").select_related(
            "municipality"
        )
    }
    assert {name: d.case_number for name, d in decisions.items()} == {
        "Åsnes kommune": "k-sak 061/20",
        "Våler kommune": "k-sak 042/20",
        "Grue kommune": "k-sak 049/20",
    }
    assert decisions["Åsnes kommune"].text.count("\n6. ") == 1
    assert "tilleggspunkt" in decisions["Grue kommune"].text


def test_vag_progress_links_the_council_decisions(demo):
    decided = ProgressEntry.objects.filter(
        activity__project__slug="vag", activity__title="Vedtak"
    ).select_related("organisation", "decision")
    assert {(e.organisation.name, e.status, e.decision.case_number) for e in decided} == {
        ("Våler kommune", "done", "k-sak 042/20"),
        ("Åsnes kommune", "done", "k-sak 061/20"),
        ("Grue kommune", "done", "k-sak 049/20"),
    }
    phase_3 = ProgressEntry.objects.filter(activity__phase__number=3, activity__project__slug="vag")
    assert set(phase_3.values_list("status", flat=True)) == {"not_started"}


def test_vag_working_groups_seat_named_people_only(demo):
    groups = ProjectGroup.objects.filter(project__slug="vag", kind="working_group")
    assert set(groups.values_list("name", flat=True)) == {
        "Tekniske tjenester",
        "Økonomi/regnskap",
        "Personal/HR/lønn",
        "Arkiv",
        "Landbruk",
    }
    technical = GroupMembership.objects.filter(group__name="Tekniske tjenester")
    assert set(technical.values_list("person__name", "role", "organisation__name")) == {
        ("Marit Ekeberg", "member", "Våler kommune"),
        ("Otto Langmoen", "leader", "Åsnes kommune"),
        ("Marius Skymoen", "union_rep", "Åsnes kommune"),
        ("Bent Sigbjørn Sæther", "member", "Grue kommune"),
        ("Johny Solvang", "union_rep", "Grue kommune"),
    }
    # Every safety representative seat in the plan is unnamed ("Våler (VO)").
    assert not GroupMembership.objects.filter(role="safety_rep").exists()


def test_elin_gundersen_replaces_espen_strom(demo):
    steering_group = ProjectGroup.objects.get(project__slug="nav-nordland", name="Styringsgruppe")
    elin = steering_group.memberships.get(person__name="Elin Gundersen")
    espen = steering_group.memberships.get(person__name="Espen Strøm")
    assert elin.replaces == espen
    assert elin.role == espen.role == "chief_union_rep"
    assert elin.start_date == datetime.date(2019, 3, 1)
    assert espen.start_date == datetime.date(2017, 9, 8)
    assert espen.end_date == datetime.date(2019, 2, 28)


def test_pilots_hang_under_nav_i_nordland(demo):
    pilots = Project.objects.filter(parent__slug="nav-nordland")
    assert set(pilots.values_list("slug", flat=True)) == PILOTS
    assert Project.objects.get(slug="pilot-indre-salten").participations.get(role="host")
    assert Project.objects.get(slug="vag").parent is None


def test_each_login_sees_the_projects_of_its_role(demo):
    expected = {
        "admin": {"vag", "nav-nordland", *PILOTS},
        "prosjektleder": {"nav-nordland", *PILOTS},
        "referent": {"nav-nordland"},
        "medlem": {"nav-nordland"},
        "leser": {"vag"},
        "direktor": {"vag"},
        "utenforstaende": set(),
    }
    assert {username: visible_slugs(username) for username in expected} == expected


def test_logins_are_linked_to_their_people(demo):
    linked = dict(User.objects.filter(person__isnull=False).values_list("username", "person__name"))
    assert linked == {
        "prosjektleder": "Knut Erik Dahlmo",
        "referent": "Åshild J. Nordnes",
        "medlem": "Cato Rødsand",
        "leser": "Anne Britt Røst",
        "direktor": "Ole Frode Mikkelsgård",
        "utenforstaende": "Arve Rolandsen",
    }
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="direktor").is_director
    referent_seat = GroupMembership.objects.get(person__user__username="referent")
    assert (referent_seat.group.name, referent_seat.role) == ("Samarbeidsforum", "secretary")


def test_demo_password_logs_in_every_user(demo, client):
    for username in ("admin", "prosjektleder", "referent", "medlem", "leser", "direktor"):
        assert client.login(username=username, password=DEMO_PASSWORD), username
        client.logout()
    assert client.login(username="utenforstaende", password=DEMO_PASSWORD)


def test_prints_the_logins(demo):
    for username in ("admin", "prosjektleder", "utenforstaende"):
        assert username in demo
    assert DEMO_PASSWORD in demo
    assert "Knut Erik Dahlmo, NAV Nordland" in demo


def test_refuses_to_run_with_debug_off_unless_told(db, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=StringIO())
