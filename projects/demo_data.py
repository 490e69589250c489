"""The facts behind ``manage.py load_demo``, as plain data.

Everything here is copied from real documents of two inter-municipal projects, so the demo
shows what users actually write:

- the VÅG project plan (Våler, Åsnes, Grue), updated 03.09.2020, and the minutes of the VÅG
  steering group of 28.06.2022;
- the minutes of the steering group of "NAV i Nordland i en ny tid" 2017–2019, its cooperation
  forum of 08.09.2017, the project group's status of 30.06.2017 and the project's message note
  (budskapsnotat) of 18.12.2018.

Nothing is invented: where the documents do not say where a person works, ``organisation`` is
None. References between entries are by name (organisations, people) or slug (projects).
Texts keep the documents' wording, typos included; numbered lists that the Word export ran
into one line are put back on separate lines.
"""

import datetime
from decimal import Decimal

D = datetime.date

INNLANDET = "Innlandet"
NORDLAND = "Nordland"


def _municipality(name: str, number: str, county: str) -> dict:
    return {"name": name, "kind": "municipality", "municipality_number": number, "county": county}


def _body(name: str, kind: str, county: str = "") -> dict:
    return {"name": name, "kind": kind, "municipality_number": "", "county": county}


ORGANISATIONS = [
    _municipality("Våler kommune", "3419", INNLANDET),
    _municipality("Åsnes kommune", "3418", INNLANDET),
    _municipality("Grue kommune", "3417", INNLANDET),
    # Nordland municipalities named in the NAV project; the numbers are those of its time.
    _municipality("Hemnes kommune", "1832", NORDLAND),
    _municipality("Narvik kommune", "1806", NORDLAND),
    _municipality("Tysfjord kommune", "1850", NORDLAND),
    _municipality("Ballangen kommune", "1854", NORDLAND),
    _municipality("Evenes kommune", "1853", NORDLAND),
    _municipality("Gratangen kommune", "5414", "Troms"),
    _municipality("Fauske kommune", "1841", NORDLAND),
    _municipality("Sørfold kommune", "1845", NORDLAND),
    _municipality("Saltdal kommune", "1840", NORDLAND),
    _municipality("Hamarøy kommune", "1875", NORDLAND),
    _municipality("Beiarn kommune", "1839", NORDLAND),
    _municipality("Meløy kommune", "1837", NORDLAND),
    _municipality("Rødøy kommune", "1836", NORDLAND),
    _municipality("Gildeskål kommune", "1838", NORDLAND),
    _municipality("Lurøy kommune", "1834", NORDLAND),
    # Takes part in no demo project: home of the "outsider" login.
    _municipality("Bodø kommune", "1804", NORDLAND),
    _body("NAV Nordland", "nav_county", NORDLAND),
    _body("NAV Hamarøy", "nav_office", NORDLAND),
    _body("NAV Lurøy", "nav_office", NORDLAND),
    _body("NAV Rødøy", "nav_office", NORDLAND),
    _body("Fylkesmannen i Nordland", "county_governor", NORDLAND),
    _body("Fylkesmannen i Innlandet", "county_governor", INNLANDET),
    _body("KS", "ks"),
    _body("HR Prosjekt", "consultancy"),
]


def _person(name: str, organisation: str | None = None, title: str = "") -> dict:
    return {"name": name, "organisation": organisation, "title": title}


PEOPLE = [
    # VÅG steering group (minutes 28.06.2022). Only Mikkelsgård's municipality is stated
    # ("Vi kommunedirektører", reports to Grue's council); Langmoen is in Åsnes' column of
    # the plan's working-group table.
    _person("Alf Marcus Vang"),
    _person("Asgeir Rustad"),
    _person("Ole Frode Mikkelsgård", "Grue kommune", "kommunedirektør"),
    _person("Oliv Lundeby"),
    _person("Otto Langmoen", "Åsnes kommune"),
    _person("Britt Dahler Bye"),
    _person("Anne Britt Røst", "Åsnes kommune", "sektorleder for helse, omsorg og velferd"),
    _person("Silje Randby Trane", "HR Prosjekt", "avdelingsleder, romeriksavdelingen på Jessheim"),
    # VÅG working groups (plan, section 3): each in the column of their municipality.
    _person("Marit Ekeberg", "Våler kommune"),
    _person("Marius Skymoen", "Åsnes kommune"),
    _person("Bent Sigbjørn Sæther", "Grue kommune"),
    _person("Johny Solvang", "Grue kommune"),
    _person("Reidun Vie", "Våler kommune"),
    _person("Anita Utgaard Løvbæk", "Åsnes kommune"),
    _person("Knut Henriksen", "Grue kommune"),
    _person("Berit Gjedjernet", "Grue kommune"),
    _person("Jacob Aleksander Henriksen Vik", "Våler kommune"),
    _person("Grete Kullerud Østby", "Våler kommune"),
    _person("Even Berg", "Åsnes kommune"),
    _person("Ellinor Bjerke", "Grue kommune"),
    _person("Finn David Nilsen", "Våler kommune"),
    _person("Arnfinn Tørrisen", "Åsnes kommune"),
    _person("Marte Kravdal", "Åsnes kommune"),
    _person("Astrid Henriette Østgaard", "Grue kommune"),
    _person("Anne Kristine Rossebø", "Våler kommune"),
    _person("Nils Lindeberg", "Åsnes kommune"),
    _person("Siv Thorshaug", "Grue kommune"),
    _person("Steinar Ausland", "Grue kommune"),
    # NAV i Nordland i en ny tid (minutes 2017–2019).
    _person("Cathrine Stavnes", "NAV Nordland", "fylkesdirektør"),
    _person("Amund Eriksen", "Hemnes kommune", "rådmann"),
    _person("Monica Andreassen Iveland", "Fylkesmannen i Nordland", "assisterende fylkesmann"),
    _person("Merete Troli", "Fylkesmannen i Nordland", "avdelingsdirektør"),
    _person("Mona Halsbakk", "KS", "seniorrådgiver"),
    _person("Cato Rødsand", "NAV Lurøy", "NAV-leder"),
    _person("Alf Helge Andreassen", "NAV Hamarøy"),
    # "HTV NAV": the minutes name no office for the chief union representatives.
    _person("Espen Strøm", None, "hovedtillitsvalgt"),
    _person("Elin Gundersen", None, "hovedtillitsvalgt"),
    _person("Knut Erik Dahlmo", "NAV Nordland", "prosjektleder"),
    _person("Åshild J. Nordnes", "NAV Nordland"),
    _person("Petter Bugge Richardsen"),
    _person("Hildegunn Estensen", "Fylkesmannen i Nordland"),
    # Steering group 29.11.2018: "Merete Troli og Vanja Os, Fylkesmannen".
    _person("Vanja Os", "Fylkesmannen i Nordland"),
    # Speaker at the 2018 partnership conference; Bodø takes part in no demo project.
    _person("Arve Rolandsen", "Bodø kommune", "leder barnevern"),
]


def _seat(
    person: str,
    role: str = "member",
    *,
    organisation: str | None = None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    replaces: str | None = None,
    note: str = "",
) -> dict:
    """A seat in a group. ``replaces`` names a person seated earlier in the same list."""
    return {
        "person": person,
        "role": role,
        "organisation": organisation,
        "start_date": start_date,
        "end_date": end_date,
        "replaces": replaces,
        "note": note,
    }


# --- VÅG ---------------------------------------------------------------------

VAG_PLAN_DATE = D(2020, 9, 3)

VAG_BACKGROUND = (
    "Kommunene i Solør – Våler, Åsnes og Grue har utfordringer knyttet mot krevende "
    "kommuneøkonomi, nedgang i folketall og økt press på sin tjenesteleveranse. Den "
    "demografiske utviklingen i alle kommunene tilsier langt flere eldre og færre barn, unge "
    "og folk i arbeidsfør alder.\n"
    "\n"
    "Det finnes allerede gode eksempler på at interkommunalt samarbeid fungerer bra og gir "
    "gode tjenester i Solør. Det kan vises til barnevern, samfunnsmedisin og landbrukskontor "
    "– Våler og Åsnes.\n"
    "\n"
    "Alle kommunene har små og sårbare fagmiljøer innen blant annet; tekniske tjenester og "
    "merkantile funksjoner som; økonomi/regnskap, lønn, personal/HR og arkiv. I tillegg er "
    "landbruk nevnt som et aktuelt område å samarbeide på.\n"
    "\n"
    "Fylkesmannen i Innlandet er tydelig på at han gjennom skjønnsmidler ønsker å støtte og "
    "prioritere prosjekter som fører til økt samarbeid og samhandling mellom kommuner. Med "
    "den bakgrunn og det som beskrives knyttet til utfordringer i de tre Solør-kommunene "
    "søkte Våler kommune på vegne av kommunene fylkesmannen om skjønnsmidler. Fylkesmannen "
    "har innvilget denne søknaden og tildelt prosjektet kr 500 000,-.\n"
    "\n"
    "Det vil si at man gjennom prosjektet skal avklare hvilke gevinster det kan gi og "
    "samarbeide om følgende tjenester:\n"
    "\n"
    "- Tekniske tjenester\n"
    "- Økonomi/regnskap\n"
    "- Personal/HR/Lønn\n"
    "- Arkiv\n"
    "- Landbruk\n"
    "\n"
    "Vurdering:\n"
    "\n"
    "Behovet for samarbeid på de nevnte områdene er stort. Signalet og prioritering fra "
    "fylkesmannen er tydelig.\n"
    "\n"
    "Skal man lykkes på en god måte det viktig at man ikke bare har fokus på f.eks. de "
    "økonomiske gevinstene. De bør ligge der, men må ta ut på sikt. Sterke fagmiljøer, gode "
    "tjenester og at dette tjener alle kommunene må ha hovedfokus.\n"
    "\n"
    "Forankring, god prosess og medvirkning som sikrer eierskap blir en nøkkel for å lykkes. "
    "Det ønskes forankring i alle kommunestyrene. Kommunestyrene er prosjekteiere.\n"
    "\n"
    "Prosess:\n"
    "\n"
    "Det legges opp til en tredelt prosess:\n"
    "\n"
    "- 1) Forankring, eierskap og plan for gjennomføring.\n"
    "- 2) Gjennomføring av prosjektet – identifisere gevinster og avklare utfordringer "
    "knyttet mulig samarbeid\n"
    "- 3) Konklusjoner og vedtak\n"
    "\n"
    "Skal et slikt et slikt prosjekt lykkes og ikke minst munne ut i økt interkommunalt "
    "samarbeid avgjørende at man er ærlig. Man må reelt og oppriktig ønske å minske sårbarhet "
    "knyttet mot de tjenestene man skal utrede samarbeid om. Man må tro på at samarbeid "
    "faktisk gir bedre tjenester og at det gir et mer attraktivt fagmiljø. Ofte strander "
    "samarbeid, også i denne sammenheng når man kommer til det tidspunkt hvor man skal "
    "begynne å plassere ting rent fysisk. Det vil si lokalisering. Kommunedirektørene tror "
    "det er helt avgjørende at man jobber mot at alle kommunene skal ha tjenester plassert i "
    "sin kommune. Det må være en viktig premiss, samtidig som en ser etter fornuftige "
    "løsninger som sikrer formålet med prosjektet.\n"
    "\n"
    "Det vil være både naturlig og nødvendig at man i et slikt prosjekt også tilknytter seg "
    "litt ekstern bistand og sparring. Kommunenes utgifter og økonomiske bidrar utover "
    "støtten fra fylkesmannens skjønnsmidler må være den egeninnsatsen som legges inn. Den må "
    "synliggjøres og dokumenteres."
)

VAG_PHASES = [
    {
        "number": 1,
        "title": "Forankring, eierskap og plan for gjennomføring",
        "purpose": "Forankring, eierskap og plan for gjennomføring",
        "goals": (
            "1. Forankring – politisk og blant de ansatte (gjennom tillitsvalgte)\n"
            "2. Forankring og skape forståelse for hvorfor utredning kan være formålstjenlig\n"
            "3. Etablere en prosjektorganisasjon.\n"
            "4. Felles forståelse av hensikt og rammer"
        ),
        "main_activities": (
            "1. Vedtak i de tre kommunestyrene\n"
            "2. Drøfte prosjektet med de tillitsvalgte i alle kommunene\n"
            "3. Nedsette prosjektorganisasjonen\n"
            "4. Utarbeide kommunikasjonsplan"
        ),
        "deadline": D(2020, 9, 1),
        "deadline_note": "1. september",
        # The plan's flow chart has "Ja" for every phase 1 activity in all three councils.
        "status": "completed",
    },
    {
        "number": 2,
        "title": (
            "Gjennomføring av prosjektet – identifisere gevinster og avklare utfordringer "
            "knyttet mulig samarbeid"
        ),
        "purpose": (
            "Gjennomføring av prosjektet – identifisere gevinster og avklare utfordringer "
            "knyttet mulig samarbeid"
        ),
        "goals": (
            "1. Avklare hva som må utredes og hvordan\n"
            "2. Finne gevinstene ved samarbeid\n"
            "3. Avklare mulige hindringer\n"
            "4. Konkludere og anbefale"
        ),
        "main_activities": (
            "1. Avklare gjensidige forventninger\n"
            "2. Gjennomføre en SWOT-analyse\n"
            "3. Kartlegge status i dag (årsverk, oppgaver, kostnader, IKT-løsninger mm)\n"
            "4. Hva sikrer kvalitet og hindrer sårbarhet på en god kvalitetsmessig måte, som "
            "også er kostnadseffektiv\n"
            "5. Sammenligning med andre\n"
            "6. Hva er hindringer og mulige fallgruver\n"
            "7. Oppsummering, konklusjoner og anbefalinger"
        ),
        "deadline": D(2020, 11, 1),
        "deadline_note": "1. november",
        "status": "planned",
    },
    {
        "number": 3,
        "title": "Konklusjoner og vedtak",
        "purpose": "Konklusjoner og vedtak",
        "goals": "Sak til politisk behandling",
        "main_activities": ("1. Sluttrapport og konklusjon\n2. Behandling i kommunestyrene"),
        # The plan names the December council meetings; the date is the last they can be.
        "deadline": D(2020, 12, 31),
        "deadline_note": "Kommunestyremøtene i desember 2020",
        "status": "planned",
    },
]

_VAG_DECISION_TITLE = (
    "Utredning/prosjekt om økt interkommunalt samarbeid mellom Våler, Åsnes og Grue"
)

VAG_COUNCIL_DECISIONS = [
    {
        "municipality": "Åsnes kommune",
        "case_number": "k-sak 061/20",
        "title": _VAG_DECISION_TITLE,
        "phase": 1,
        "text": (
            "1. Kommunestyret i Åsnes vedtar at det igangsettes en utredning/prosjekt knyttet "
            "mot økt interkommunalt samarbeid mellom kommunene; Våler, Åsnes og Grue knyttet "
            "mot følgende tjenester\n"
            "  - Tekniske tjenester\n"
            "  - Økonomi/regnskap\n"
            "  - Lønn\n"
            "  - Personal/HR\n"
            "  - Arkiv\n"
            "2. Kommunestyrene i Våler, Åsnes og Grue er prosjekteier og beslutningsorgan\n"
            "3. Det nedsettes en styringsgruppe bestående av ordførerene, kommunaldirektørene "
            "og en hovedtillitsvalgte fra hver av kommunene\n"
            "4. Styringsgruppe utarbeider en detaljert prosjektplan\n"
            "5. Styringsgruppa sørger for at det nedsettes arbeidsgrupper knyttet mot hvert de "
            "områdene det skal utredes samarbeid på. Tillitsvalgte og vernetjenesten skal "
            "inngå i disse arbeidsgruppe\n"
            "6. Kommunestyrene skal informeres muntlig i hvert kommunestyremøte fram til "
            "endelig behandling i desember 2020"
        ),
    },
    {
        "municipality": "Våler kommune",
        "case_number": "k-sak 042/20",
        "title": _VAG_DECISION_TITLE,
        "phase": 1,
        "text": (
            "Vedtak tilsvarende Åsnes kommune pkt 1-5. Det ble gjort en endring i pkt 6. "
            "Muntlig endres med skriftlig."
        ),
    },
    {
        "municipality": "Grue kommune",
        "case_number": "k-sak 049/20",
        "title": _VAG_DECISION_TITLE,
        "phase": 1,
        "text": (
            "Vedtak tilsvarende det i Åsnes kommune pkt 1-6.\n"
            "\n"
            "Det ble i tillegg vedtatt følgende tilleggspunkt:\n"
            "\n"
            "Et valg av løsning skal sees i forhold til utredning av samarbeidsprosjektet i "
            "regionen. Det anses som viktig at utredningen i regionen gjøres parallelt."
        ),
    },
]

# Points 3–5 of the council decisions. The councils' meeting dates are not in the plan, so
# the mandate is dated by the plan that records it.
VAG_STEERING_GROUP_MANDATE = {
    "text": (
        "3. Det nedsettes en styringsgruppe bestående av ordførerene, kommunaldirektørene og "
        "en hovedtillitsvalgte fra hver av kommunene\n"
        "4. Styringsgruppe utarbeider en detaljert prosjektplan\n"
        "5. Styringsgruppa sørger for at det nedsettes arbeidsgrupper knyttet mot hvert de "
        "områdene det skal utredes samarbeid på. Tillitsvalgte og vernetjenesten skal inngå i "
        "disse arbeidsgruppe"
    ),
    "adopted_on": VAG_PLAN_DATE,
    "note": (
        "Punkt 3–5 i kommunestyrevedtakene (Åsnes k-sak 061/20, Våler k-sak 042/20, "
        "Grue k-sak 049/20), gjengitt i prosjektplanen oppdatert 03.09.2020."
    ),
}

# "Utredningsinnhold" of the plan: the same assignment for every working group.
VAG_WORKING_GROUP_MANDATE = {
    "text": (
        "1. Avklare gjensidige forventninger\n"
        "2. Gjennomføre en SWOT-analyse\n"
        "3. Kartlegge status i dag (årsverk, oppgaver, kostnader, IKT-løsninger mm)\n"
        "4. Hva sikrer kvalitet og hindrer sårbarhet på en god kvalitetsmessig måte, som også "
        "er kostnadseffektiv\n"
        "5. Sammenligning med andre\n"
        "6. Hva er hindringer og mulige fallgruver\n"
        "7. Oppsummering, konklusjoner og anbefalinger"
    ),
    "adopted_on": VAG_PLAN_DATE,
    "note": "Utredningsinnhold fra prosjektplanen oppdatert 03.09.2020.",
}

VALER, ASNES, GRUE = "Våler kommune", "Åsnes kommune", "Grue kommune"

# The plan's table, column by column (leder → leader, TV → union_rep, VO → safety_rep).
# Cells like "Marit Ekeberg Våler (VO)" hold a named member and a safety representative
# seat for Våler with no name yet: unnamed seats are left out.
VAG_WORKING_GROUPS = {
    "Tekniske tjenester": [
        (VALER, "Marit Ekeberg", "member"),
        (ASNES, "Otto Langmoen", "leader"),
        (ASNES, "Marius Skymoen", "union_rep"),
        (GRUE, "Bent Sigbjørn Sæther", "member"),
        (GRUE, "Johny Solvang", "union_rep"),
    ],
    "Økonomi/regnskap": [
        (VALER, "Reidun Vie", "leader"),
        (ASNES, "Anita Utgaard Løvbæk", "member"),
        (GRUE, "Knut Henriksen", "member"),
        (GRUE, "Berit Gjedjernet", "union_rep"),
    ],
    "Personal/HR/lønn": [
        (VALER, "Jacob Aleksander Henriksen Vik", "member"),
        (VALER, "Grete Kullerud Østby", "union_rep"),
        (ASNES, "Even Berg", "member"),
        (GRUE, "Ellinor Bjerke", "leader"),
    ],
    "Arkiv": [
        (VALER, "Finn David Nilsen", "member"),
        (ASNES, "Arnfinn Tørrisen", "member"),
        (ASNES, "Marte Kravdal", "union_rep"),
        (GRUE, "Astrid Henriette Østgaard", "leader"),
    ],
    "Landbruk": [
        (VALER, "Anne Kristine Rossebø", "member"),
        (ASNES, "Nils Lindeberg", "member"),
        (GRUE, "Siv Thorshaug", "leader"),
        (GRUE, "Steinar Ausland", "union_rep"),
    ],
}

# Section 4 of the plan, "Flytskjema for gjennomføring". Cells as written; an empty cell
# means the activity has not started. The phase 2 and 3 rows list their activities in one
# cell; each is a row here.
VAG_PROGRESS_COLUMNS = [VALER, ASNES, GRUE]
VAG_PROGRESS = [
    {
        "phase": 1,
        "title": "Vedtak",
        "cells": {VALER: "Ja – k-sak 042/20", ASNES: "Ja – k-sak 61/20", GRUE: "Ja – K-sak 049/20"},
    },
    {
        "phase": 1,
        "title": "Drøfting – tillitsvalgte",
        "cells": {VALER: "Ja", ASNES: "Ja", GRUE: "Ja"},
    },
    {
        "phase": 1,
        "title": "Nedsette prosjektorganisasjonen",
        "cells": {VALER: "Ja", ASNES: "Ja", GRUE: "Ja"},
    },
    {"phase": 2, "title": "Avklare gjensidige forventninger", "cells": {}},
    {"phase": 2, "title": "Gjennomføre en SWOT-analyse", "cells": {}},
    {
        "phase": 2,
        "title": "Kartlegge status i dag (årsverk, oppgaver, kostnader, IKT-løsninger mm)",
        "cells": {},
    },
    {
        "phase": 2,
        "title": (
            "Hva sikrer kvalitet og hindrer sårbarhet på en god kvalitetsmessig måte, som også "
            "er kostnadseffektiv"
        ),
        "cells": {},
    },
    {"phase": 2, "title": "Sammenligning med andre", "cells": {}},
    {"phase": 2, "title": "Hva er hindringer og mulige fallgruver", "cells": {}},
    {"phase": 2, "title": "Oppsummering, konklusjoner og anbefalinger", "cells": {}},
    {"phase": 3, "title": "Sluttrapport og konklusjon", "cells": {}},
    {"phase": 3, "title": "Behandling i kommunestyrene", "cells": {}},
]

VAG = {
    "slug": "vag",
    "name": "Interkommunalt samarbeid mellom kommunene Våler, Åsnes og Grue",
    "short_name": "VÅG",
    "parent": None,
    "background": VAG_BACKGROUND,
    # "Kommunestyrene er prosjekteiere."
    "participations": [(VALER, "owner"), (ASNES, "owner"), (GRUE, "owner")],
    "funding": [
        {
            "source": "Fylkesmannen i Innlandet – skjønnsmidler",
            "amount": Decimal("500000"),
            "year": 2020,
            "note": "Søkt av Våler kommune på vegne av de tre kommunene.",
        }
    ],
    "phases": VAG_PHASES,
    "council_decisions": VAG_COUNCIL_DECISIONS,
    "groups": [
        {
            "name": "Styringsgruppe",
            "kind": "steering_group",
            "mandates": [VAG_STEERING_GROUP_MANDATE],
            # Present at the meeting of 28.06.2022; the minutes give no roles.
            "seats": [
                _seat("Alf Marcus Vang"),
                _seat("Asgeir Rustad"),
                _seat("Ole Frode Mikkelsgård"),
                _seat("Oliv Lundeby"),
                _seat("Otto Langmoen"),
                _seat("Britt Dahler Bye"),
            ],
        },
        *(
            {
                "name": name,
                "kind": "working_group",
                "mandates": [VAG_WORKING_GROUP_MANDATE],
                "seats": [
                    _seat(person, role, organisation=municipality)
                    for municipality, person, role in rows
                ],
            }
            for name, rows in VAG_WORKING_GROUPS.items()
        ),
    ],
    "progress_columns": VAG_PROGRESS_COLUMNS,
    "progress": VAG_PROGRESS,
}


# --- NAV i Nordland i en ny tid ----------------------------------------------

# Formal constitution of the steering group, at the cooperation forum of 08.09.2017.
NAV_CONSTITUTED = D(2017, 9, 8)

NAV = {
    "slug": "nav-nordland",
    "name": "NAV i Nordland i en ny tid",
    "short_name": "NAV i Nordland",
    "parent": None,
    # Budskapsnotat, updated 18.12.2018.
    "background": (
        "Digitalisering av NAV sine tjenester for folk flest gir oss mulighet til å bruke mer "
        "tid på dem som trenger det mest. Utvikling av større kompetansemiljø vil øke "
        "kvaliteten og redusere sårbarheten for tjenestene som skal leveres. Gjennom tre "
        "pilotprosjekter utvikler partnerskapet mulige modeller for NAV i Nordland i en ny "
        "tid.\n"
        "\n"
        "Modellene vil belyse hvordan en kan levere tjenester og betjene brukere ved "
        "kommunesammenslåing, gjennom en vertskommunemodell og ved et administrativt "
        "samarbeid mellom kommuner.\n"
        "\n"
        "Problemstilling: Hvordan skal den fremtidige organisasjonsmessige strukturen i NAV i "
        "Nordland i en ny tid se ut for å møte brukernes behov og partnerskapets interesse?"
    ),
    # "Amund vil også ivareta prosjekteierfunksjonen sammen med fylkesdirektør" (08.09.2017).
    "participations": [
        ("NAV Nordland", "owner"),
        ("Hemnes kommune", "owner"),
        ("KS", "participant"),
        ("Fylkesmannen i Nordland", "participant"),
    ],
    # Budget items of the minutes of 14.09.2018 and 01.03.2019.
    "funding": [
        {
            "source": "Fylkesmannen i Nordland – kommunenes andel",
            "amount": Decimal("600000"),
            "year": 2018,
            "note": (
                "Innvilget som kommunenes andel i 2018, formelt tildelt Hemnes kommune som "
                "søker; NAV Nordland fakturerer Hemnes kommune."
            ),
        },
        {
            "source": "NAV Nordland – opprinnelig budsjett",
            "amount": Decimal("300000"),
            "year": 2018,
            "note": (
                "Budsjettert for 2018 da prosjektet var tenkt avsluttet 01.06.18; "
                "prosjektet er videreført ett år."
            ),
        },
        {
            "source": "Overført fra 2018",
            "amount": Decimal("190000"),
            "year": 2019,
            "note": "Ca. beløp; fått til sammen 1,2 mill. kr i 2018 (oversikt pr. 31.01.19).",
        },
    ],
    "phases": [],
    "council_decisions": [],
    "groups": [
        {
            "name": "Styringsgruppe",
            "kind": "steering_group",
            # "Mandat; ble gjennomgått og legges ved referatet": the attachment is not kept.
            "mandates": [],
            # The replaced seat comes before the one that replaces it.
            "seats": [
                _seat("Cathrine Stavnes", "leader", start_date=NAV_CONSTITUTED),
                _seat(
                    "Amund Eriksen",
                    start_date=NAV_CONSTITUTED,
                    note="Ivaretar prosjekteierfunksjonen sammen med fylkesdirektør.",
                ),
                _seat("Monica Andreassen Iveland", start_date=NAV_CONSTITUTED),
                _seat("Merete Troli", start_date=NAV_CONSTITUTED),
                _seat("Mona Halsbakk", start_date=NAV_CONSTITUTED),
                _seat(
                    "Cato Rødsand",
                    start_date=NAV_CONSTITUTED,
                    note="Representerer kystkommunene.",
                ),
                _seat(
                    "Alf Helge Andreassen",
                    start_date=NAV_CONSTITUTED,
                    note="Representerer en av pilotene og innlandskommunene.",
                ),
                _seat(
                    "Espen Strøm",
                    "chief_union_rep",
                    start_date=NAV_CONSTITUTED,
                    note="70 % frikjøpt hovedtillitsvalgt.",
                ),
                _seat(
                    "Elin Gundersen",
                    "chief_union_rep",
                    start_date=D(2019, 3, 1),
                    replaces="Espen Strøm",
                    note="Ny etter Espen Strøm.",
                ),
                _seat(
                    "Knut Erik Dahlmo",
                    "secretary",
                    start_date=D(2017, 6, 2),
                    note="Prosjektleder fra 02.06.2017, fungerer også som sekretær.",
                ),
            ],
        },
        {
            "name": "Samarbeidsforum",
            "kind": "cooperation_forum",
            "mandates": [
                {
                    "text": (
                        "Samarbeidsforumets målsetning er utveksling av informasjon om "
                        "områder/utfordringer av felles interesse."
                    ),
                    "adopted_on": NAV_CONSTITUTED,
                    "note": "Målsetningen slik den står i sakslisten for møtet 08.09.2017.",
                }
            ],
            # Members as listed for the meeting of 08.09.2017.
            "seats": [
                _seat("Åshild J. Nordnes", "secretary"),
                _seat("Monica Andreassen Iveland"),
                _seat("Merete Troli"),
                _seat("Mona Halsbakk"),
                _seat("Amund Eriksen", note="Representant for rådmannsutvalget."),
                _seat("Petter Bugge Richardsen"),
                _seat("Cathrine Stavnes"),
            ],
        },
        {
            "name": "Prosjektgruppe",
            "kind": "project_group",
            "mandates": [
                {
                    "text": (
                        "a) kartlegge status i alle tjenesteområder i Nordland, samt b) bidra "
                        "til iverksetting av to-tre piloter (i første omgang Indre Salten og "
                        "Ofoten)"
                    ),
                    "adopted_on": D(2017, 6, 30),
                    "note": "Mandatet slik det står i prosjektets status pr. 30.6.17.",
                },
                {
                    "text": (
                        "a) kartlegge status i alle tjenesteområder i Nordland, samt b) bidra "
                        "til iverksetting av to-tre piloter (i første omgang Indre Salten og "
                        "Ofoten)\n"
                        "\n"
                        "Prosjektgruppen etableres. Den skal i hovedsak se på innhold i de to "
                        "opprinnelige arbeidsgruppenes mandater, og i tillegg støtte de "
                        "definerte pilotene."
                    ),
                    "adopted_on": NAV_CONSTITUTED,
                    "note": "Arbeidsform vedtatt da styringsgruppen ble konstituert 08.09.2017.",
                },
            ],
            "seats": [
                _seat("Knut Erik Dahlmo", "leader", start_date=NAV_CONSTITUTED),
                _seat("Hildegunn Estensen", start_date=NAV_CONSTITUTED),
            ],
        },
    ],
    "progress_columns": [],
    "progress": [],
}


def _pilot(slug: str, name: str, background: str, participations: list) -> dict:
    return {
        "slug": slug,
        "name": name,
        "short_name": "",
        "parent": NAV["slug"],
        "background": background,
        "participations": participations,
        "funding": [],
        "phases": [],
        "council_decisions": [],
        "groups": [],
        "progress_columns": [],
        "progress": [],
    }


PILOTS = [
    _pilot(
        "pilot-ofoten",
        "Pilot Ofoten",
        # Minutes of 14.09.2018.
        "Kommunene Narvik, deler av Tysfjord og Ballangen blir ny kommune fra 1.1.2020. "
        "Evenes og Gratangen kommuner har gjort positive vedtak om vertskommunesamarbeid med "
        "Narvik, som også har gjort positivt vedtak.",
        [
            # Evenes and Gratangen: "vertskommunesamarbeid med Narvik".
            ("Narvik kommune", "host"),
            ("Tysfjord kommune", "owner"),
            ("Ballangen kommune", "owner"),
            ("Evenes kommune", "participant"),
            ("Gratangen kommune", "participant"),
        ],
    ),
    _pilot(
        "pilot-indre-salten",
        "Pilot Indre Salten",
        # Minutes of 08.09.2017 and 14.09.2018.
        "Fauske, Sørfold, Saltdal, Hamarøy og Beiarn. Vertskommunemodell.\n"
        "\n"
        "Prosjektgruppa anbefaler en vertskommuneløsning, med Fauske som vertskommune og "
        "Saltdal og Hamarøy som avdelingskontor. Sak blir behandlet i kommunestyrene i "
        "kommunene høsten 2018/primo 2019.",
        [
            ("Fauske kommune", "host"),
            ("Sørfold kommune", "participant"),
            ("Saltdal kommune", "participant"),
            ("Hamarøy kommune", "participant"),
            ("Beiarn kommune", "participant"),
        ],
    ),
    _pilot(
        "pilot-sor-salten",
        "Pilot Sør-Salten",
        # Minutes of 08.09.2017 and 14.09.2018.
        "Meløy, Rødøy og Gildeskål; administrativt samarbeide på eget initiativ.\n"
        "\n"
        "Pilot som i utgangspunktet ikke innebar formelle organisasjonsendringer, men hvor en "
        "ønsket å utforske handlingsrommet lokalt gjennom samarbeid på tvers av "
        "kommunegrensene.",
        [
            ("Meløy kommune", "owner"),
            ("Rødøy kommune", "owner"),
            ("Gildeskål kommune", "owner"),
        ],
    ),
]

# Parents before their pilots.
PROJECTS = [VAG, NAV, *PILOTS]


# --- Logins --------------------------------------------------------------------

# One login per role; all share the command's DEMO_PASSWORD. ``role`` is what the login
# table prints.
USERS = [
    {
        "username": "admin",
        "role": "Portaladministrator",
        "person": None,
        "organisation": None,
        "is_superuser": True,
        "is_director": False,
        "administers": [],
    },
    {
        "username": "prosjektleder",
        "role": "Prosjektleder (NAV i Nordland og pilotene)",
        "person": "Knut Erik Dahlmo",
        "organisation": "NAV Nordland",
        "is_superuser": False,
        "is_director": False,
        "administers": [NAV["slug"], *(pilot["slug"] for pilot in PILOTS)],
    },
    {
        "username": "referent",
        "role": "Referent i Samarbeidsforum",
        "person": "Åshild J. Nordnes",
        "organisation": "NAV Nordland",
        "is_superuser": False,
        "is_director": False,
        "administers": [],
    },
    {
        "username": "medlem",
        "role": "Medlem av styringsgruppen (NAV i Nordland)",
        "person": "Cato Rødsand",
        "organisation": "NAV Lurøy",
        "is_superuser": False,
        "is_director": False,
        "administers": [],
    },
    {
        "username": "leser",
        "role": "Leser i deltakerkommune (VÅG)",
        "person": "Anne Britt Røst",
        "organisation": "Åsnes kommune",
        "is_superuser": False,
        "is_director": False,
        "administers": [],
    },
    {
        "username": "direktor",
        "role": "Kommunedirektør (styringsgruppen i VÅG)",
        "person": "Ole Frode Mikkelsgård",
        "organisation": "Grue kommune",
        "is_superuser": False,
        "is_director": True,
        "administers": [],
    },
    {
        "username": "utenforstaende",
        "role": "Utenforstående (kommune uten prosjekt)",
        "person": "Arve Rolandsen",
        "organisation": "Bodø kommune",
        "is_superuser": False,
        "is_director": False,
        "administers": [],
    },
]
