"""Demo agreements for ``manage.py load_demo``: pilot Indre Salten, host municipality Fauske.

From the NAV i Nordland minutes: the project group recommended "en vertskommuneløsning, med
Fauske som vertskommune og Saltdal og Hamarøy som avdelingskontor" (14.09.2018), all five
municipalities made positive decisions (Sørfold 18.12.2018), a new partnership agreement was
to be drafted by 01.03.2019 with 1.1.2020 as a realistic start, and NAV Nordland answered the
consultation "Høringsrunde avtaleutkast og veileder versjon 3.0" with comments per section
(signed by fylkesdirektør Cathrine Stavnes). The documents name no rådmann of Fauske; the
demo login that signs for Fauske says so in its name.

Idempotent like the rest of load_demo: each agreement is found by project and title and
left alone once it exists, so a second run adds no row and no history.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from agreements import drafting, final_pdf, seal, services
from agreements.drafting import PartySpec
from agreements.models import Agreement
from agreements.template_texts import get_template
from projects.models import Organisation, Person, Project

PROJECT = "pilot-indre-salten"
HOST = "Fauske kommune"
NAV_COUNTY = "NAV Nordland"

CONSULTATION_TITLE = "Partnerskapsavtale NAV Fauske – utkast versjon 3.0"
SIGNED_TITLE = "Partnerskapsavtale NAV Fauske (vertskommune for Indre Salten)"
ROUND_TITLE = "Høringsrunde avtaleutkast og veileder versjon 3.0"

# NAV Nordland's consultation answer, per section, as written.
COMMENTS = [
    (
        "2.0",
        "Det er positivt at begge eiernes verdier og visjoner foreslås tatt inn i avtaleteksten. "
        "Det er også bra at det gis rom for å ta med lokale satsninger.",
    ),
    (
        "2.1",
        "Vi ser behovet for å tydeliggjøre åpningstider, men i disse tider hvor omstilling og "
        "endringer skjer i raskt tempo, stiller vi spørsmålstegn ved om det er hensiktsmessig å "
        "formalisere dette i selve avtaleformularet? Kan en slik formulering være til hinder for "
        "nødvendig fleksibilitet?",
    ),
    (
        "3.0",
        "Det foreslås tatt inn et nytt første punkt; Status partnerskapsavtale? Sammen med de "
        "øvrige punkter kan dette danne en fast ramme for partnerskapsmøtene.",
    ),
    (
        "3.5",
        "Kan utfordringen med felles mål og resultatkrav løses ved at det tas inn i avtalen at "
        "minimum en gang i året skal det gis en orientering fra NAV-leder til kommunestyret? "
        "Dette vil etter vår oppfatning øke kunnskapsgrunnlaget om det lokale NAV-kontorets "
        "aktivitet og oppnådde resultater, og vil også styrke NAV sin samfunnsaktørrolle.",
    ),
    ("5.0", "Tydeliggjøre at NAV har myndighet til å utpeke representanter til brukerutvalget."),
]

# Fill-ins of the signed agreement: what the minutes say, and where they say nothing,
# a plain statement that the parties settle it in the operating agreement.
SETTLED_ELSEWHERE = "fastsettes i driftsavtalen"
SIGNED_VALUES = {
    "nav_office": "Fauske",
    "municipal_values": "slik de er vedtatt av kommunestyret",
    "local_goals": (
        "Synliggjøre lokale satsninger på prioriterte målgrupper, som f.eks. ungdom og innvandrere."
    ),
    "municipalities_served": "Fauske, Sørfold, Saltdal, Hamarøy og Beiarn, med avdelingskontor "
    "i Saltdal og Hamarøy",
    "address": SETTLED_ELSEWHERE,
    "opening_days": SETTLED_ELSEWHERE,
    "opening_hours": SETTLED_ELSEWHERE,
    "leadership": "felles",
    "leader_terms": "kommunale",
    "municipal_management_group": "rådmannen i Fauske",
    "municipal_reports_to": "rådmannen i Fauske",
    "state_reports_to": "fylkesdirektør NAV Nordland",
    "result_year": "2020",
    "result_goals": "flere i arbeid og aktivitet",
    "state_staff_tasks": "Eierne er enige om",
    "municipal_staff_tasks": "Eierne er enige om",
    "state_services": SETTLED_ELSEWHERE,
    "municipal_services": SETTLED_ELSEWHERE,
    "individual_participation": SETTLED_ELSEWHERE,
    "system_participation": SETTLED_ELSEWHERE,
    "other_agreements": SETTLED_ELSEWHERE,
}


def _parties(people: dict[str, Person]) -> tuple[Organisation, list[PartySpec]]:
    host = Organisation.objects.get(name=HOST)
    nav = Organisation.objects.get(name=NAV_COUNTY)
    return host, [
        PartySpec(host, people["Kommunedirektøren i Fauske (demo)"], "rådmann"),
        PartySpec(nav, people["Cathrine Stavnes"], "fylkesdirektør NAV Nordland"),
    ]


def load(*, people: dict[str, Person], users: dict[str, User], password: str) -> None:
    project = Project.objects.get(slug=PROJECT)
    admin = users["prosjektleder"]
    _in_consultation(project, people, users, admin)
    _signed(project, people, users, admin, password)


def _in_consultation(project, people, users, admin) -> None:
    if project.agreements.filter(title=CONSULTATION_TITLE).exists():
        return
    host, parties = _parties(people)
    agreement = drafting.agreement_create_from_template(
        project=project,
        template=get_template("partnerskapsavtale"),
        title=CONSULTATION_TITLE,
        parties=parties,
        host_municipality=host,
        valid_from=datetime.date(2020, 1, 1),
        revision_interval_months=12,
        by=admin,
    )
    consultation = services.consultation_open(
        agreement=agreement,
        title=ROUND_TITLE,
        # The real round closed 01.03.2019; the demo's stays open for four weeks from loading.
        deadline=timezone.now() + datetime.timedelta(days=28),
        invited=[party.organisation for party in parties],
        by=admin,
    )
    for number, text in COMMENTS:
        services.consultation_comment_add(
            consultation=consultation, section_number=number, text=text, by=users["fylkesdirektor"]
        )


def _signed(project, people, users, admin, password) -> None:
    agreement = project.agreements.filter(title=SIGNED_TITLE).first()
    if agreement is None:
        host, parties = _parties(people)
        agreement = drafting.agreement_create_from_template(
            project=project,
            template=get_template("partnerskapsavtale"),
            title=SIGNED_TITLE,
            parties=parties,
            host_municipality=host,
            valid_from=datetime.date(2020, 1, 1),
            revision_interval_months=12,
            values=SIGNED_VALUES,
            by=admin,
        )
        agreement = services.agreement_send_for_signing(agreement=agreement, by=admin)
        _record_council_approvals(agreement, admin)
        version = drafting.current_version(agreement).number
        for party in agreement.parties.select_related("signatory__user"):
            services.agreement_sign(
                agreement=agreement,
                party=party,
                user=party.signatory.user,
                password=password,
                version_number=version,
                ip_address=None,
            )
    if not Agreement.objects.get(pk=agreement.pk).signed_pdf:
        _ensure_seal_certificate()
        final_pdf.agreement_make_final_pdf(agreement_id=agreement.pk)
    # In force since 1.1.2020, as the beat task would have found.
    services.agreements_update_status()


def _record_council_approvals(agreement, admin) -> None:
    """A host-municipality agreement is signed only after the councils approved it (kommuneloven
    § 20-4). The demo's decision is marked as the demo's: the real one is not in its sources."""
    for party in agreement.parties.select_related("organisation"):
        if services.approval_required(agreement, party):
            services.approval_record(
                agreement=agreement,
                party=party,
                council=f"{party.organisation.name} – kommunestyret",
                case_number="demo 001/19",
                decided_on=datetime.date(2019, 12, 12),
                text="Kommunestyret godkjenner avtalen (demo).",
                by=admin,
            )


def _ensure_seal_certificate() -> None:
    from django.conf import settings

    cert, key = settings.AGREEMENT_SEAL_CERT, settings.AGREEMENT_SEAL_KEY
    if not (cert.exists() and key.exists()):
        seal.make_self_signed(cert, key, common_name="Samarbeid demo (selvsignert)")
