import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model

from accounts.models import User
from demo.management.commands.load_demo import DEMO_PASSWORD
from meetings import services as meeting_services
from meetings.models import ActionItem, Case, Meeting, MinutesEvent
from projects import permissions
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


def files_in(folder) -> dict:
    """Settings that put the demo's stored files and seal certificate into ``folder``."""
    return {
        "STORAGES": {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": folder / "media"},
            },
        },
        "AGREEMENT_SEAL_CERT": folder / "cert.pem",
        "AGREEMENT_SEAL_KEY": folder / "key.pem",
    }


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the module in a transaction rolled back at its end.

    Each test runs in a savepoint of it (pytest-django's ``db``), so a test that loads
    again or edits a fact leaves the next test the same freshly loaded demo. The signed
    agreement's PDF and the seal certificate go to a temporary folder.
    """
    folder = tmp_path_factory.mktemp("demo")
    with (
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            **files_in(folder),
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_demo, db):
    return loaded_demo


def test_second_run_changes_no_row_and_adds_no_history(demo):
    rows, history = row_counts(), history_counts()
    # The tracked models this test guards; a model losing its history would hide noise.
    assert {"accounts.User", "projects.Project", "projects.GroupMembership"} <= set(history)
    demo_models = {
        label: count for label, count in history.items() if label.startswith("projects.")
    }
    assert all(demo_models.values()), demo_models
    meeting_models = {
        "meetings.Meeting",
        "meetings.Participant",
        "meetings.Case",
        "meetings.ActionItem",
        "meetings.ActionItemUpdate",
        "meetings.MinutesEvent",
    }
    assert all(history[label] for label in meeting_models), history

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
    assert numbers["Gratangen kommune"] == "5516"
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
        "fylkesdirektor": {"nav-nordland"},
        "fauske": {"pilot-indre-salten"},
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
        "fylkesdirektor": "Cathrine Stavnes",
        "fauske": "Kommunedirektøren i Fauske (demo)",
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


# --- Meetings ------------------------------------------------------------------


def demo_meeting(slug: str, year: int, month: int, day: int) -> Meeting:
    return Meeting.objects.get(
        group__project__slug=slug,
        group__name="Styringsgruppe",
        starts_at__date=datetime.date(year, month, day),
    )


def agenda(meeting: Meeting) -> list[tuple[str, str]]:
    return [(case.label, case.title) for case in meeting.cases.order_by("position")]


def test_vag_meeting_has_the_minutes_cases_in_their_order(demo):
    meeting = demo_meeting("vag", 2022, 6, 28)
    # "Eventuelt" is numbered last, when the agenda is settled.
    assert agenda(meeting) == [
        ("Sak 1/22", "Godkjenning av innkalling og saksliste"),
        ("Sak 2/22", "HR Prosjekt – tilbakemelding fra arbeidsgruppene"),
        ("Sak 3/22", "Revidert mandat arbeidsgruppe ergo, fysio, friskliv"),
        ("Sak 4/22", "Leder arbeidsgruppe økonomi"),
        ("Sak 5/22", "Eventuelt"),
    ]
    eventuelt = meeting.cases.get(title="Eventuelt")
    assert eventuelt.kind == Case.Kind.ANY_OTHER_BUSINESS
    assert "<h3>2. Orientering fra Mikkelsgård" in eventuelt.notes
    economy = meeting.cases.get(title="Leder arbeidsgruppe økonomi")
    assert economy.decision.startswith("<p>Grue får i oppgave")


def test_vag_meeting_participants_and_guest(demo):
    meeting = demo_meeting("vag", 2022, 6, 28)
    attendance = dict(meeting.participants.values_list("person__name", "attendance"))
    assert attendance == {
        "Alf Marcus Vang": "present",
        "Asgeir Rustad": "present",
        "Ole Frode Mikkelsgård": "present",
        "Oliv Lundeby": "present",
        "Otto Langmoen": "present",
        "Britt Dahler Bye": "present",
        "Silje Randby Trane": "guest",
    }
    guest = meeting.participants.get(attendance="guest")
    assert (guest.organisation.name, guest.note) == ("HR Prosjekt", "I siste del av møtet.")


def test_action_items_name_who_is_responsible(demo):
    items = ActionItem.objects.filter(case__meeting=demo_meeting("vag", 2022, 6, 28))
    ole_frode = items.get(description__startswith="Ole Frode tar ansvar")
    assert list(ole_frode.responsible_people.values_list("name", flat=True)) == [
        "Ole Frode Mikkelsgård"
    ]
    grue = items.get(description__startswith="Grue får i oppgave")
    assert grue.responsible_organisation.name == "Grue kommune"
    sends = items.get(description="Mikkelsgård skal sende vedtaket.")
    assert sends.responsible_people.get().name == "Ole Frode Mikkelsgård"
    assert items.get(description__startswith="Kommunedirektørene skriver").responsible_note == (
        "Kommunedirektørene"
    )
    sintef = ActionItem.objects.get(description__contains="Solveig Ose")
    assert (sintef.responsible_note, sintef.responsible_people.count()) == ("Prosjektleder", 0)


def test_nav_meetings_record_who_came_and_who_sent_apologies(demo):
    september = demo_meeting("nav-nordland", 2018, 9, 14)
    absent = set(
        september.participants.filter(attendance="absent").values_list("person__name", flat=True)
    )
    assert absent == {
        "Mona Halsbakk",
        "Merete Troli",
        "Monica Andreassen Iveland",
        "Alf Helge Andreassen",
    }
    assert september.secretary.name == "Knut Erik Dahlmo"
    assert (september.room, september.address) == ("Møterom Suliskongen", "NAV Nordland")
    assert timezone.localtime(september.starts_at).strftime("%H:%M") == "11:00"
    assert timezone.localtime(september.ends_at).strftime("%H:%M") == "14:30"

    march = demo_meeting("nav-nordland", 2019, 3, 1)
    names = set(march.participants.values_list("person__name", flat=True))
    # Elin Gundersen's seat starts 01.03.19, the day after Espen Strøm's ended; the forum
    # members the minutes do not mention are not listed.
    assert "Elin Gundersen" in names
    assert not names & {"Espen Strøm", "Petter Bugge Richardsen", "Åshild J. Nordnes"}
    assert march.also_for.get().name == "Samarbeidsforum"
    # Cato Rødsand's office as each set of minutes gives it.
    cato = {
        m: m.participants.get(person__name="Cato Rødsand").organisation.name
        for m in (september, march)
    }
    assert cato == {september: "NAV Rødøy", march: "NAV Lurøy"}


def test_nav_case_numbers_run_per_group_and_year(demo):
    november = demo_meeting("nav-nordland", 2018, 11, 29)
    assert agenda(november)[:3] == [
        ("Sak 11/18", "Godkjenning av innkalling og saksliste"),
        ("Sak 13/18", "Samarbeidsforum"),
        ("Sak 12/18", "Referat 14.9.18 (styringsgruppa) og 22.11.18 (prosjektgruppa)"),
    ]
    assert agenda(demo_meeting("nav-nordland", 2019, 3, 1))[2] == ("Sak 2/19", "Referat 29.11.19")


def test_nav_minutes_are_approved_as_the_minutes_say_and_published(demo):
    september, november, march = (
        demo_meeting("nav-nordland", 2018, 9, 14),
        demo_meeting("nav-nordland", 2018, 11, 29),
        demo_meeting("nav-nordland", 2019, 3, 1),
    )
    approval = november.cases.get(kind=Case.Kind.MINUTES_APPROVAL)
    assert approval.approves_minutes_of == september
    assert approval.decision == "<p>Godkjent uten kommentarer.</p>"
    assert march.cases.get(kind=Case.Kind.MINUTES_APPROVAL).approves_minutes_of == november
    for meeting in (september, november, march):
        assert meeting.minutes_status == Meeting.MinutesStatus.APPROVED
        assert meeting.published_at is not None
    assert september.events.get(kind="approved").reason.startswith(approval.label)
    assert march.events.get(kind="auto_approved").by is None
    assert march.comment_deadline == datetime.date(2019, 3, 13)


def test_later_minutes_close_earlier_action_items(demo):
    item = ActionItem.objects.get(description__startswith="Ny repr.for ansatte")
    assert item.status == ActionItem.Status.DONE
    assert item.updates.get().meeting == demo_meeting("nav-nordland", 2019, 3, 1)


def test_second_run_puts_back_an_edited_case_of_approved_minutes(demo):
    meeting = demo_meeting("vag", 2022, 6, 28)
    case = meeting.cases.get(title="Leder arbeidsgruppe økonomi")
    case.decision = "<p>Noe annet</p>"
    case.save()

    load_demo()

    case.refresh_from_db()
    meeting.refresh_from_db()
    assert case.decision.startswith("<p>Grue får i oppgave")
    # Reopened to be corrected, then approved again.
    assert meeting.minutes_status == Meeting.MinutesStatus.APPROVED
    assert list(meeting.events.values_list("kind", flat=True)) == [
        MinutesEvent.Kind.APPROVED,
        MinutesEvent.Kind.PUBLISHED,
        MinutesEvent.Kind.REOPENED,
        MinutesEvent.Kind.APPROVED,
    ]


def test_leser_sees_the_approved_vag_meeting_but_not_a_draft(demo, client):
    approved = demo_meeting("vag", 2022, 6, 28)
    draft = meeting_services.meeting_plan(
        group=approved.group,
        title="Styringsgruppemøte VÅG",
        starts_at=approved.starts_at + datetime.timedelta(days=60),
    )
    leser = User.objects.get(username="leser")
    assert set(permissions.meetings_for_user(leser).filter(group=approved.group)) == {approved}

    client.force_login(leser)
    assert client.get(reverse("meetings:detail", args=[approved.pk])).status_code == 200
    assert client.get(reverse("meetings:detail", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("slug", ["vag", "nav-nordland"])
def test_public_page_of_a_published_project_answers_anonymous(demo, client, slug):
    response = client.get(reverse("meetings:public_project", args=[slug]))

    assert response.status_code == 200
    assert response.context["page"].object_list


def test_vag_meeting_shows_no_invented_time(demo, client):
    from django.urls import reverse

    meeting = demo_meeting("vag", 2022, 6, 28)
    page = client.get(reverse("meetings:public_meeting", args=[meeting.pk])).content.decode()
    assert "28. juni 2022" in page
    assert "09.00" not in page


def test_indre_salten_has_a_partnership_agreement_in_consultation(demo):
    from agreements import drafting
    from agreements.models import Agreement

    agreement = Agreement.objects.get(title__contains="utkast versjon 3.0")
    assert agreement.status == Agreement.Status.CONSULTATION
    assert agreement.host_municipality.name == "Fauske kommune"
    consultation = agreement.consultation_rounds.get()
    assert consultation.title == "Høringsrunde avtaleutkast og veileder versjon 3.0"
    assert list(consultation.comments.values_list("section_number", flat=True)) == [
        "2.0",
        "2.1",
        "3.0",
        "3.5",
        "5.0",
    ]
    assert {c.author.username for c in consultation.comments.all()} == {"fylkesdirektor"}
    assert drafting.open_fill_ins(agreement)


def test_indre_salten_has_a_signed_and_sealed_partnership_agreement(demo):
    from agreements import seal
    from agreements.models import Agreement

    agreement = Agreement.objects.get(title__contains="vertskommune for Indre Salten")
    assert agreement.status == Agreement.Status.IN_FORCE
    assert sorted(agreement.signatures.values_list("organisation_name", flat=True)) == [
        "Fauske kommune",
        "NAV Nordland",
    ]
    with agreement.signed_pdf.open("rb") as stored:
        assert seal.check_seal(stored.read()).valid


def test_every_demo_person_has_a_made_up_address_that_reaches_nobody(demo):
    from projects.models import Person

    addresses = list(Person.objects.values_list("email", flat=True))
    assert addresses and all(address.endswith(".example") for address in addresses)
    assert len(set(addresses)) == len(addresses)
    assert Person.objects.get(name="Ole Frode Mikkelsgård").email == (
        "ole.frode.mikkelsgard@grue.kommune.example"
    )
    assert Person.objects.get(name="Åshild J. Nordnes").email == (
        "ashild.j.nordnes@nav-nordland.example"
    )


def test_a_login_has_its_persons_address(demo):
    assert User.objects.get(username="medlem").email == "cato.rodsand@nav-luroy.example"
    assert User.objects.get(username="admin").email == "admin@samarbeid-demo.example"


def test_the_output_ends_with_the_logins(demo):
    lines = demo.strip().splitlines()
    assert lines[-1].startswith("utenforstaende ")
    assert lines[-11].startswith("Innlogginger (passord for alle: samarbeid-demo)")


@pytest.mark.django_db(transaction=True)
def test_the_loads_mail_goes_to_files_and_the_logins_come_last(settings, tmp_path, capfd):
    """On the embedded defaults the load's notices were ~700 console lines after the logins."""
    from tests.mail_files import written_mails

    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    with override_settings(**files_in(tmp_path)):
        output = load_demo()
    console = capfd.readouterr().out
    assert "Subject:" not in console and "Subject:" not in output
    mails = written_mails(tmp_path / "mail")
    assert mails, "the approved minutes' notices were sent"
    assert all(mail["To"].endswith(".example") for mail in mails)
    lines = output.strip().splitlines()
    assert f"E-post fra lastingen er skrevet til {tmp_path / 'mail'}/" in lines
    assert lines[-1].startswith("utenforstaende ")


def test_an_invitation_sent_in_the_demo_reaches_every_member_with_its_calendar(demo):
    from django.core import mail

    from meetings import invitations
    from tests.outbox_helpers import deliver_waiting as deliver

    group = ProjectGroup.objects.get(project__slug="nav-nordland", name="Styringsgruppe")
    meeting = meeting_services.meeting_plan(
        group=group,
        title="Styringsgruppemøte",
        starts_at=timezone.now() + datetime.timedelta(days=14),
    )
    invitations.meeting_invite(meeting=meeting, by=User.objects.get(username="prosjektleder"))
    deliver("meetings.tasks.send_invitations")
    seated = set(group.memberships.current().values_list("person__email", flat=True))
    assert seated and all(address.endswith(".example") for address in seated)
    assert {address for message in mail.outbox for address in message.to} == seated
    calendars = [
        part
        for message in mail.outbox
        for part in message.message().walk()
        if part.get_content_type() == "text/calendar"
    ]
    assert len(calendars) == len(mail.outbox)
