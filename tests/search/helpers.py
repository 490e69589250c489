"""VÅG's steering group with approved minutes from 2018, a draft meeting, an exempt case
and a draft agreement, every text carrying a marker the tests look for."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Case, Meeting
from tests.agreements.helpers import blank_agreement, write_text

EXEMPT_MARKER = "Skjermetmarkør"
DRAFT_MARKER = "Utkastmarkør"
AGREEMENT_MARKER = "Avtaleutkastmarkør"
EXEMPT_ITEM_MARKER = "Skjermetoppgave"
OTHER_PROJECT_MARKER = "Bodømarkør"


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 11))


@dataclass
class Content:
    approved: Meeting
    draft: Meeting
    compound: Case
    exempt: Case
    draft_case: Case


def build(world) -> Content:
    approved = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte mars",
        starts_at=at(2018, 3, 12),
        standing_cases=False,
    )
    compound = services.case_add(
        meeting=approved,
        title="Samarbeidsavtalen mellom kommunene",
        notes="<p>Rutiner for møtebøker og arkiv.</p>",
        decision="<p>Styringsgruppen slutter seg til avtalen.</p>",
    )
    services.case_add(
        meeting=approved,
        title="Barn og unge",
        notes="<p>Felles barnevernstjenesten fra 2019.</p>",
    )
    exempt = services.case_add(
        meeting=approved,
        title="Personalsak",
        notes=f"<p>{EXEMPT_MARKER} om en ansatt.</p>",
        exempt_from_public=True,
        legal_basis="offl. § 13",
    )
    services.action_item_add(case=compound, description="Sende avtalen til kommunestyrene")
    services.action_item_add(case=exempt, description=f"{EXEMPT_ITEM_MARKER} følges opp")
    services.minutes_approve(meeting=approved, by=None)

    draft = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte juni",
        starts_at=at(2018, 6, 4),
        standing_cases=False,
    )
    draft_case = services.case_add(
        meeting=draft, title="Budsjett 2019", notes=f"<p>{DRAFT_MARKER}</p>"
    )

    other = services.meeting_plan(
        group=world.other_group, title="Bodø-møte", starts_at=at(2018, 3, 1), standing_cases=False
    )
    services.case_add(meeting=other, title=f"{OTHER_PROJECT_MARKER} sak")
    services.minutes_approve(meeting=other, by=None)

    agreement = blank_agreement(world, title="Avtale om økonomitjenester")
    write_text(agreement, text=f"{AGREEMENT_MARKER} om økonomi.")
    return Content(
        approved=approved, draft=draft, compound=compound, exempt=exempt, draft_case=draft_case
    )


def search(client, q, **params):
    return client.get(reverse("search:results"), {"q": q, **params})
