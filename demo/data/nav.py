"""NAV i Nordland i en ny tid and its three pilots, from the steering group's minutes."""

from decimal import Decimal

from demo.data.common import D, seat

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
                seat("Cathrine Stavnes", "leader", start_date=NAV_CONSTITUTED),
                seat(
                    "Amund Eriksen",
                    start_date=NAV_CONSTITUTED,
                    note="Ivaretar prosjekteierfunksjonen sammen med fylkesdirektør.",
                ),
                seat("Monica Andreassen Iveland", start_date=NAV_CONSTITUTED),
                seat("Merete Troli", start_date=NAV_CONSTITUTED),
                seat("Mona Halsbakk", start_date=NAV_CONSTITUTED),
                seat(
                    "Cato Rødsand",
                    start_date=NAV_CONSTITUTED,
                    note="Representerer kystkommunene.",
                ),
                seat(
                    "Alf Helge Andreassen",
                    start_date=NAV_CONSTITUTED,
                    note="Representerer en av pilotene og innlandskommunene.",
                ),
                seat(
                    "Espen Strøm",
                    "chief_union_rep",
                    start_date=NAV_CONSTITUTED,
                    note="70 % frikjøpt hovedtillitsvalgt.",
                ),
                seat(
                    "Elin Gundersen",
                    "chief_union_rep",
                    start_date=D(2019, 3, 1),
                    replaces="Espen Strøm",
                    note="Ny etter Espen Strøm.",
                ),
                seat(
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
                seat("Åshild J. Nordnes", "secretary"),
                seat("Monica Andreassen Iveland"),
                seat("Merete Troli"),
                seat("Mona Halsbakk"),
                seat("Amund Eriksen", note="Representant for rådmannsutvalget."),
                seat("Petter Bugge Richardsen"),
                seat("Cathrine Stavnes"),
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
                seat("Knut Erik Dahlmo", "leader", start_date=NAV_CONSTITUTED),
                seat("Hildegunn Estensen", start_date=NAV_CONSTITUTED),
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
