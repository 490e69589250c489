"""Steering group of NAV i Nordland i en ny tid: the minutes of 01.03.19."""

from demo.meetings.helpers import DT, D, absent, case, html, item, minutes, present
from demo.meetings.nav import (
    APPROVED_WITHOUT_COMMENTS,
    FORUM,
    MARCH,
    nav_meeting,
)

# --- 01.03.19 kl. 11–14.00, with the cooperation forum ------------------------------

MARCH_2019 = nav_meeting(
    MARCH,
    DT(2019, 3, 1, 11, 0),
    DT(2019, 3, 1, 14, 0),
    also_for=[FORUM],
    comment_deadline=D(2019, 3, 13),
    participants=[
        present("Elin Gundersen", "hovedtillitsvalgt", note="Ny etter Espen Strøm."),
        present("Cato Rødsand", organisation="NAV Lurøy"),
        present("Cathrine Stavnes", "fylkesdirektør"),
        present("Knut Erik Dahlmo", "prosjektleder"),
        present("Alf Helge Andreassen"),
        absent("Amund Eriksen", "rådmann"),
        absent("Monica Andreassen Iveland", "assisterende.fylkesmann"),
        absent("Mona Halsbakk", "seniorrådgiver"),
        absent("Merete Troli", "avdelingsdirektør"),
    ],
    cases=[
        case(
            "Samarbeidsforum",
            "information",
            notes=html(
                "Da ingen møtte fra Fylkesmannen ved denne anledningen, ble ikke sakene om KVP "
                "og mulig etablering av senter for økonomisk rådgivning i Nordland (se nærmere "
                "beskrivelse i ref.fra 29.11.19), behandlet."
            ),
        ),
        case(
            "Referat 29.11.19",
            "minutes_approval",
            standing="minutes_approval",
            decision=APPROVED_WITHOUT_COMMENTS,
        ),
        case(
            "Status piloter",
            "information",
            notes=html(
                "Gjennomgått status i alle tre piloter, se vedlagte presentasjon. Etableres "
                "prosjektMBA i Ofoten. Dialog både med Fylkesmannen og pilot Indre Salten "
                "ift.ivaretagelse av samisk perspektiv knyttet til delingen av Tysfjord "
                "kommune. […]",
                "Pilot Indre Salten; utkast til samarbeidsavtale fremlegges kommunestyrene for "
                "godkjenning. Prosjektgruppa jobber med utnevnelse av lokal prosjektleder, "
                "utarbeidelse av mandat og videre prosess. Prosjektgruppa har vurdert søknad "
                "til Fylkesmannen om å bli senter for økonomisk rådgivning i Nordland, men "
                "takket likevel nei ut fra samlet arbeidsmengde og høyt arbeidstrykk.",
                "Pilot Sør-Salten; viktig å få avklart søknad i AV-dir.om å bli del av "
                "forsøksvirksomhet (spesifikt knyttet til fagområdet ungdom og evt.etablering "
                "av felles ungdomsteam i de tre kommunene). […] Også orientert om etablering av "
                "dialog og prosess med Alstahaug og Lofoten.",
            ),
        ),
        case(
            "Budsjett",
            "information",
            notes=html(
                "Fremlagt oversikt pr.31.01.19. Forbruk som forventet. Fått til sammen 1,2 "
                "mill.kr i 2018, ca 190.000.- overføres budsjett for 2019. Mer detaljert "
                "oversikt når endelig mål og disp.2019 foreligger."
            ),
        ),
        case(
            "Strategi for partnerskapsutvikling/utkast partnerskapsavtale",
            "information",
            notes=html(
                "Det er utarbeidet et utkast til strateginotat, som omhandler en mer langsiktig "
                "partnerskapsutvikling i Nordland. Dette ble formidlet på møte for rådgivende "
                "NAV-ledere 06.12.18 og møte i Rådmannsutvalget 07.12.18. Det er kommet kun ett "
                "innspill (fra NAV Lurøy) til dette. Prosjektgruppa jobber videre med "
                "strateginotatet, og dette vil bl.a være en del av prosjektets sluttrapport.",
                "I tillegg har det blitt gitt et innspill fra prosjektgruppa på et utkast til ny "
                "partnerskapsavtale m/veileder (se vedlegg). Prosjektgruppa er av den "
                "oppfatning at dette utkastet er svært godt egnet som en mal for liknende avtaler "
                "i Nordland. En har i dette utkastet valgt å bytte ut begrepet samarbeidsavtale "
                "med partnerskapsavtale.",
            ),
        ),
        case(
            "Partnerskapskonferansen 2019",
            notes=html(
                "Se vedlagte konferanseprogram. Programmet er nå formidlet både internt til "
                "NAV-ledere, lagt ut sak på Navet, tirsdagsmail, m.m. I tillegg skal den "
                "formidles via KS både direkte til alle rådmenn i Nordland og til kommunenes "
                "pk-adresser. […] Prosjektgruppa forestår den praktiske dialogen med Radisson "
                "BLU om selve gjennomføringen. Det vil som i fjor, bli gjennomført et felles "
                "evalueringsmøte for prosjektgruppa og styringsgruppa rett etter lunsj på "
                "konferansens dag 2."
            ),
            decision="Budsjettforslag fremlagt og godkjent.",
            items=[
                item(
                    "Styringsgruppa ber om at program og deltakerliste kopieres opp og "
                    "tilgjengeliggjøres, samt å fremskaffe deltakeridentifikasjon."
                )
            ],
        ),
        case(
            "Kommunikasjon i prosjektet/NAV som samfunnsaktør",
            "information",
            notes=html(
                "Budskapsnotat oppdatert 18.12.18, og vedlegges her. Siste informasjonaktivitet "
                "i prosjektet; orientering i FYMBA 31.01.19."
            ),
        ),
        case(
            "Eventuelt",
            "any_other_business",
            standing="any_other_business",
            notes=html(
                [
                    "Delrapport II. Vil foreligge etter prosjektperiodens utløp. Vil ha et "
                    "hovedfokus på å synliggjøre de tre pilotene (muligheter og utfordringer), "
                    "strategi for partnerskapsutvikling, veikart for videre prosess, m.m",
                    "Grensesnitt mot regionaliseringsprosjektet. Mange aspekter i dette "
                    "arbeidet som tangerer fylkesleddets fremtidige rolle. Frist i dette "
                    "prosjektet til å levere forslag til fylkesdirektør 15.3.19. Det har vært "
                    "svært viktig med tett dialog mellom prosjektene.",
                    "Styringsdialog med Etableringsstøtteprosjektet (ESP). Dialog med pilotene i "
                    "Ofoten og Indre Salten om hva det innebærer å være spydspisskontor må nok "
                    "modnes litt. Pilotene tydelige på at dette må være innenfor rammene av "
                    "prosjektarbeidet dersom det skal være hensiktsmessig.",
                    "Confluence utfases som delingsarena for prosessarbeid. Nye Navet skal i "
                    "stedet brukes, jfr.dialog med ESP.",
                ],
                "Neste møte i styringsgruppa: 10.09.19 kl 11.-14.30.Innkalling sendes.",
            ),
        ),
    ],
    # "Frist for tilbakemelding på referat; 13.03.19. Etter dette anses referatet godkjent."
    minutes_state=minutes(
        "comment_deadline",
        by="prosjektleder",
        reason="Frist for tilbakemelding på referat; 13.03.19. Etter dette anses referatet "
        "godkjent.",
    ),
)
