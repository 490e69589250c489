"""The VÅG project (Våler, Åsnes, Grue), from its project plan of 03.09.2020."""

from decimal import Decimal

from demo.data.common import D, seat

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
# The project plan (point 5): a working group per area, with the municipalities, the union
# representatives and the safety service in each; seats as (role, organisation, how many).
VAG_WORKING_GROUP_SEAT_PLAN = [("member", None, 3), ("union_rep", None, 1), ("safety_rep", None, 1)]

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
                seat("Alf Marcus Vang"),
                seat("Asgeir Rustad"),
                seat("Ole Frode Mikkelsgård"),
                seat("Oliv Lundeby"),
                seat("Otto Langmoen"),
                seat("Britt Dahler Bye"),
            ],
        },
        *(
            {
                "name": name,
                "kind": "working_group",
                "mandates": [VAG_WORKING_GROUP_MANDATE],
                "seat_plan": VAG_WORKING_GROUP_SEAT_PLAN,
                "seats": [
                    seat(person, role, organisation=municipality)
                    for municipality, person, role in rows
                ],
            }
            for name, rows in VAG_WORKING_GROUPS.items()
        ),
    ],
    "progress_columns": VAG_PROGRESS_COLUMNS,
    "progress": VAG_PROGRESS,
}
