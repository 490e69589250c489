"""``manage.py load_demo``: two real projects, their people and meetings, one login per role.

The facts live in demo.data, the meetings in demo.meetings, the agreements in
demo.agreements. Running the command again changes nothing: each row is found by its natural
key (an organisation's name, a project's slug, a seat's group and person, a meeting's group
and start, ...) and written only when a value differs. That matters beyond row counts:
django-simple-history adds a history row on every save(), changed or not, so a careless rerun
would fill every page's history with noise.

Writes go through projects.services and meetings.services; rows without an update service
are changed with ``demo.sync.update_if_changed``.
"""

from __future__ import annotations

import datetime
from contextlib import nullcontext

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from accounts.models import User
from demo import agreements as demo_agreements
from demo import data as demo_data
from demo import meetings as demo_meetings
from demo.data.addresses import demo_address
from demo.logins import DEMO_PASSWORD, login_lines
from demo.meetings.loader import MeetingLoader
from demo.sync import changed_fields, update_if_changed
from projects import permissions, services
from projects.models import (
    CouncilDecision,
    FundingLine,
    GroupMembership,
    Organisation,
    Person,
    Phase,
    ProgressActivity,
    ProgressEntry,
    Project,
    ProjectGroup,
)
from projects.organisation_register import register_load
from search import indexing as search_indexing

CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def _progress_cell(text: str, decision: CouncilDecision | None) -> dict:
    """A cell of the plan's flow chart: "" (not started), "Ja", or "Ja – k-sak 042/20"."""
    if not text:
        return {"status": ProgressEntry.Status.NOT_STARTED, "decision": None, "note": ""}
    if text == "Ja":
        return {"status": ProgressEntry.Status.DONE, "decision": None, "note": ""}
    if text.startswith("Ja") and "k-sak" in text.lower() and decision is not None:
        # The cell names the municipality's own decision on the project (the plan writes
        # "61/20" for 061/20), so it is linked by municipality rather than by parsing.
        return {"status": ProgressEntry.Status.DONE, "decision": decision, "note": ""}
    raise CommandError(f"Cannot read the progress cell {text!r}.")


class Command(BaseCommand):
    help = "Load the demo projects (VÅG, NAV i Nordland and its pilots) and one login per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Load even though DEBUG is off (a staging copy; never where real users log in).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_without_debug"]:
            # The demo makes a superuser whose password is in the README.
            raise CommandError(
                "Refusing to load demo users with DEBUG off: this looks like production. "
                "Pass --allow-without-debug for a throwaway database."
            )
        # The e-mails of the load (notices of the approved minutes) go out when the transaction
        # commits; on the console they were some 700 lines that scrolled the logins away. So
        # while loading, console mail goes to files, and the logins are printed after the commit.
        to_files = settings.EMAIL_BACKEND == CONSOLE_BACKEND
        # override_settings is Django's public switch for this; nothing else here is a test.
        mail = override_settings(EMAIL_BACKEND=FILE_BACKEND) if to_files else nullcontext()
        with mail, transaction.atomic():
            self._load()
        if to_files:
            self.stdout.write(f"E-post fra lastingen er skrevet til {settings.EMAIL_FILE_PATH}/")
        self._print_logins()

    def _load(self) -> None:
        register_load()
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.projects: dict[str, Project] = {}
        for spec in demo_data.ORGANISATIONS:
            self.organisations[spec["name"]] = self._organisation(spec)
        for spec in demo_data.PEOPLE:
            self.people[spec["name"]] = self._person(spec)
        users = [self._user(spec) for spec in demo_data.USERS]
        for spec in demo_data.PROJECTS:
            self.projects[spec["slug"]] = self._project(spec)
        for user, spec in zip(users, demo_data.USERS, strict=True):
            for slug in spec["administers"]:
                services.project_administrator_add(project=self.projects[slug], user=user)
        # Seats changed above without a service (dates, roles) may change grants. Grant rows
        # carry no history, so recomputing them adds none when nothing changed.
        for project in self.projects.values():
            permissions.sync_project_permissions(project)
        self._meetings(users)
        self._agreements(users)
        # Much of the demo is written by update_if_changed, past the services: index it all.
        search_indexing.rebuild()

    # --- Organisations, people, users ------------------------------------------

    def _org(self, name: str | None) -> Organisation | None:
        return self.organisations[name] if name else None

    def _organisation(self, spec: dict) -> Organisation:
        fields = {
            "kind": spec["kind"],
            "municipality_number": spec["municipality_number"],
            "county": spec["county"],
        }
        # A municipality is the register's row (loaded first), under the name the minutes use
        # ("Fauske kommune" for Fauske - Fuossko), which the register accepts and keeps.
        organisation = None
        if spec["municipality_number"]:
            organisation = Organisation.objects.filter(
                municipality_number=spec["municipality_number"]
            ).first()
        if organisation is None:
            organisation = Organisation.objects.filter(name=spec["name"]).first()
        if organisation is None:
            return services.organisation_create(name=spec["name"], **fields)
        return update_if_changed(organisation, name=spec["name"], **fields)

    def _person(self, spec: dict) -> Person:
        fields = {
            "organisation": self._org(spec["organisation"]),
            "title": spec["title"],
            "email": spec["email"],
        }
        person = Person.objects.filter(name=spec["name"]).order_by("pk").first()
        if person is None:
            return services.person_create(name=spec["name"], **fields)
        return update_if_changed(person, **fields)

    def _user(self, spec: dict) -> User:
        person = self.people[spec["person"]] if spec["person"] else None
        first_name, _, last_name = (person.name if person else "").rpartition(" ")
        fields = {
            "first_name": first_name,
            "last_name": last_name,
            # The person's address, so notices and invitations to a login reach the same box.
            "email": person.email if person else demo_address(spec["username"]),
            "is_active": True,
            "is_staff": spec["is_superuser"],
            "is_superuser": spec["is_superuser"],
            "is_director": spec["is_director"],
        }
        # No user service exists: users are created and updated here, like other rows.
        user = User.objects.filter(username=spec["username"]).first()
        if user is None:
            user = User(username=spec["username"], **fields)
            user.set_password(DEMO_PASSWORD)
            user.full_clean()
            user.save()
        else:
            update_if_changed(user, **fields)
            # Hashes are salted: comparing them would rehash, and save, on every run.
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                user.save()
        organisation = self._org(spec["organisation"])
        if user.organisation_id != getattr(organisation, "pk", None):
            services.user_set_organisation(user=user, organisation=organisation)
        if person is not None and person.user_id != user.pk:
            for other in Person.objects.filter(user=user).exclude(pk=person.pk):
                services.person_link_user(person=other, user=None)
            services.person_link_user(person=person, user=user)
        return user

    # --- Projects ----------------------------------------------------------------

    def _project(self, spec: dict) -> Project:
        fields = {
            "name": spec["name"],
            "short_name": spec["short_name"],
            "background": spec["background"],
            "parent": self.projects[spec["parent"]] if spec["parent"] else None,
        }
        project = Project.objects.filter(slug=spec["slug"]).first()
        if project is None:
            project = services.project_create(slug=spec["slug"], **fields)
        elif changes := changed_fields(project, fields):
            project = services.project_update(
                project=project, changes=changes, seen_updated_at=project.updated_at
            )
        self._participations(project, spec["participations"])
        self._funding(project, spec["funding"])
        phases = {phase["number"]: self._phase(project, phase) for phase in spec["phases"]}
        decisions = {}
        for decision_spec in spec["council_decisions"]:
            decision = self._council_decision(project, decision_spec, phases)
            decisions[decision.municipality_id] = decision
        for group_spec in spec["groups"]:
            self._group(project, group_spec)
        for order, row in enumerate(spec["progress"], start=1):
            self._progress_row(project, order, row, spec["progress_columns"], phases, decisions)
        return project

    def _participations(self, project: Project, participations: list) -> None:
        roles = dict(project.participations.values_list("organisation_id", "role"))
        for name, role in participations:
            organisation = self.organisations[name]
            if roles.get(organisation.pk) != role:
                services.project_participation_set(
                    project=project, organisation=organisation, role=role
                )

    def _funding(self, project: Project, lines: list) -> None:
        for line in lines:
            existing = FundingLine.objects.filter(
                project=project, source=line["source"], year=line["year"]
            ).first()
            if existing is None:
                services.funding_line_create(project=project, **line)
            else:
                update_if_changed(existing, amount=line["amount"], note=line["note"])

    def _phase(self, project: Project, spec: dict) -> Phase:
        fields = {key: value for key, value in spec.items() if key != "number"}
        phase = project.phases.filter(number=spec["number"]).first()
        if phase is None:
            return services.phase_create(project=project, number=spec["number"], **fields)
        if changes := changed_fields(phase, fields):
            phase = services.phase_update(
                phase=phase, changes=changes, seen_updated_at=phase.updated_at
            )
        return phase

    def _council_decision(self, project: Project, spec: dict, phases: dict) -> CouncilDecision:
        municipality = self.organisations[spec["municipality"]]
        fields = {
            "project": project,
            "title": spec["title"],
            "text": spec["text"],
            "phase": phases.get(spec["phase"]),
        }
        decision = CouncilDecision.objects.filter(
            municipality=municipality, case_number=spec["case_number"]
        ).first()
        if decision is None:
            return services.council_decision_create(
                municipality=municipality, case_number=spec["case_number"], **fields
            )
        return update_if_changed(decision, **fields)

    def _progress_row(
        self,
        project: Project,
        order: int,
        row: dict,
        columns: list[str],
        phases: dict[int, Phase],
        decisions: dict[int, CouncilDecision],
    ) -> None:
        phase = phases[row["phase"]]
        activity = ProgressActivity.objects.filter(project=project, title=row["title"]).first()
        if activity is None:
            activity = services.progress_activity_create(
                project=project, title=row["title"], order=order, phase=phase
            )
        else:
            update_if_changed(activity, order=order, phase=phase)
        entries = {entry.organisation_id: entry for entry in activity.entries.all()}
        for name in columns:
            organisation = self.organisations[name]
            cell = _progress_cell(row["cells"].get(name, ""), decisions.get(organisation.pk))
            entry = entries.get(organisation.pk)
            if entry is None or changed_fields(entry, cell):
                services.progress_entry_set(activity=activity, organisation=organisation, **cell)

    # --- Groups ------------------------------------------------------------------

    def _group(self, project: Project, spec: dict) -> ProjectGroup:
        group = project.groups.filter(name=spec["name"]).first()
        if group is None:
            group = services.group_create(project=project, kind=spec["kind"], name=spec["name"])
        elif group.kind != spec["kind"]:
            group = services.group_update(
                group=group, changes={"kind": spec["kind"]}, seen_updated_at=group.updated_at
            )
        for mandate in spec["mandates"]:
            # A revision is known by its date; the service adds one, never rewrites.
            existing = group.mandates.filter(adopted_on=mandate["adopted_on"]).first()
            if existing is None:
                services.group_mandate_revise(group=group, **mandate)
            else:
                update_if_changed(existing, text=mandate["text"], note=mandate["note"])
        if spec.get("seat_plan") and not group.seat_plan.exists():
            # Set once, as the decision stated it; a later run leaves it as it is.
            services.group_seat_plan_set(
                group=group,
                lines=[
                    services.SeatPlanLine(role=role, organisation=self._org(org), seats=seats)
                    for role, org, seats in spec["seat_plan"]
                ],
            )
        self._seats(group, spec["seats"])
        return group

    def _seats(self, group: ProjectGroup, seats: list) -> None:
        # group_membership_add ends a replaced seat the day before its successor starts;
        # on later runs that end date is what the replaced seat should still have.
        ended_by_successor = {
            seat["replaces"]: seat["start_date"] - datetime.timedelta(days=1)
            for seat in seats
            if seat["replaces"]
        }
        existing = {seat.person_id: seat for seat in group.memberships.all()}
        loaded: dict[str, GroupMembership] = {}
        for spec in seats:
            person = self.people[spec["person"]]
            fields = {
                "role": spec["role"],
                "organisation": self._org(spec["organisation"]) or person.organisation,
                "start_date": spec["start_date"],
                "replaces": loaded[spec["replaces"]] if spec["replaces"] else None,
                "note": spec["note"],
            }
            seat = existing.get(person.pk)
            if seat is None:
                seat = services.group_membership_add(
                    group=group, person=person, end_date=spec["end_date"], **fields
                )
            else:
                end_date = spec["end_date"] or ended_by_successor.get(spec["person"])
                update_if_changed(seat, end_date=end_date, **fields)
            loaded[spec["person"]] = seat

    # --- Meetings ----------------------------------------------------------------

    def _meetings(self, users: list[User]) -> None:
        """The meetings of the projects' groups, with their minutes approved and published.

        After the projects: a meeting invites the seats its group holds on the day.
        """
        logins = {spec["username"]: user for user, spec in zip(users, demo_data.USERS, strict=True)}
        loader = MeetingLoader(
            organisations=self.organisations,
            people=self.people,
            projects=self.projects,
            users=logins,
        )
        loader.load(demo_meetings.MEETINGS)

    # --- Agreements --------------------------------------------------------------

    def _agreements(self, users: list[User]) -> None:
        """Pilot Indre Salten's partnership agreements: one in consultation, one signed."""
        logins = {spec["username"]: user for user, spec in zip(users, demo_data.USERS, strict=True)}
        demo_agreements.load(people=self.people, users=logins, password=DEMO_PASSWORD)

    # --- Output ------------------------------------------------------------------

    def _print_logins(self) -> None:
        self.stdout.write(self.style.SUCCESS("Demodata er lastet."))
        for line in login_lines():
            self.stdout.write(line)
