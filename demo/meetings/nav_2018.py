"""Steering group of NAV i Nordland i en ny tid: the minutes of 14.09.18 and 29.11.18."""

from demo.meetings.helpers import DT, D, absent, case, html, item, minutes, present
from demo.meetings.nav import (
    APPROVED_WITHOUT_COMMENTS,
    FORUM,
    MARCH,
    NOVEMBER,
    PROJECT_GROUP,
    SEPTEMBER,
    nav_meeting,
)

# --- 14.09.18 kl. 11–14.30 ------------------------------------------------------

SEPTEMBER_2018 = nav_meeting(
    SEPTEMBER,
    DT(2018, 9, 14, 11, 0),
    DT(2018, 9, 14, 14, 30),
    also_for=[],
    participants=[
        present("Espen Strøm", "hovedtillitsvalgt"),
        present("Cato Rødsand", organisation="NAV Rødøy"),
        present("Amund Eriksen", "rådmann"),
        present("Cathrine Stavnes", "fylkesdirektør"),
        present("Knut Erik Dahlmo", "prosjektleder"),
        absent("Mona Halsbakk"),
        absent("Merete Troli"),
        absent("Monica Andreassen Iveland"),
        absent("Alf Helge Andreassen"),
    ],
    cases=[
        # "Sak 5." in the minutes; the meeting of 04.05.18 is not in the demo, so this is an
        # ordinary case rather than one approving a meeting the portal knows.
        case("Referat 04.05.18", decision=APPROVED_WITHOUT_COMMENTS),
        case(
            "Møteplan høst 2018",
            "information",
            notes=html(
                "Neste styringsgruppemøte (inkl.Samarbeidsforum); 29.11.18 kl 11-14.30 (sendt "
                "innkalling i Outlook)"
            ),
        ),
        case(
            "Budsjett",
            "information",
            notes=html(
                "Forbruk pr.31.8.18 på kr.350.166.- Opprinnelig budsjettert med kr.300.000.- i "
                "2018 til prosjektet, da det i utgangspunktet var tenkt avsluttet 01.06.18. "
                "Prosjektet er imidlertid besluttet videreført ett år. Det er innvilget "
                "kr.600.000.- fra Fylkesmannen som kommunenes andel i 2018. Midlene er formelt "
                "tildelt Hemnes kommune som søker. NAV Nordland vil nå fakturere Hemnes kommune "
                "for dette beløpet og budsjettet vil da bli justert tilsvarende."
            ),
        ),
        case(
            "Status piloter",
            "information",
            notes=html(
                "Gitt orientering om status. Pilot Ofoten er i rute. Kommunene Narvik, deler av "
                "Tysfjord og Ballangen blir ny kommune fra 1.1.2020. Evenes og Gratangen "
                "kommuner har gjort positive vedtak om vertskommunesamarbeid med Narvik, som "
                "også har gjort positivt vedtak. […] Nedsettes to arbeidsgrupper som skal jobbe "
                "frem tjenesteinnhold og forslag til ny administrativ struktur.",
                "Pilot Indre Salten; fremlagt prosjektplan i partnerskapsmøte 31.8.18, positive "
                "tilbakemeldinger. Prosjektgruppa anbefaler en vertskommuneløsning, med Fauske "
                "som vertskommune og Saltdal og Hamarøy som avdelingskontor. Sak blir behandlet "
                "i kommunestyrene i kommunene høsten 2018/primo 2019. […]",
                "Pilot Sør-Salten; pilot som i utgangspunktet ikke innebar formelle "
                "organisasjonsendringer, men hvor en ønsket å utforske handlingsrommet lokalt "
                "gjennom samarbeid på tvers av kommunegrensene. Både Fylkesmannen og "
                "Etableringsstøtteprosjektet har vært tydelige på at modellen ikke ivaretar "
                "hensyn til myndighetsutøvelse og taushetsplikt godt nok, og det er derfor fra "
                "NAV Nordlands side tatt initiativ til snarlig partnerskapsmøte med tanke på å "
                "bringe samarbeidet inn i en annen organisatorisk løsning. Prosjekteierne vil "
                "sende en skriftlig henvendelse til Fylkesmannen og be om en tydeliggjøring av "
                "de formelle rammer for NAV-samarbeid. Prosjektet vil berømme det engasjement "
                "og nyvinning en har oppnådd, og de avklaringer dette samarbeidet har gitt for "
                "prosjektet.",
            ),
            items=[
                item(
                    "Prosjekteierne vil sende en skriftlig henvendelse til Fylkesmannen og be om "
                    "en tydeliggjøring av de formelle rammer for NAV-samarbeid.",
                    note="Prosjekteierne",
                )
            ],
        ),
        case(
            "Partnerskapskonferansen 2018/konferanse 2019",
            notes=html(
                "Det ble gjennomført eget evalueringsmøte 15.6.18, i tillegg gjennomført en "
                "survey (frist 4.7.18, se vedlagte oppsummering). Gjennomgående gode "
                "tilbakemeldinger. Kunne imidlertid vært bedre deltagelse fra kommunene, særlig "
                "mye Helgelandskommuner var fraværende. Prosjektgruppa har i møte 6.9.18 "
                "foreslått flg.tema for partnerskapskonferanse i 2019; NAV-kommune og ungdom.",
                "Det er innhentet pristilbud fra både Scandic Havet og Radisson SAS. Aktuelle "
                "datoer er 10.og 11.april 2019.",
            ),
            decision=(
                "Styringsgruppa har tatt forslaget til følge, og gitt en del innspill som "
                "prosjektgruppa vil jobbe videre med."
            ),
            items=[
                item(
                    "Det vil bli lagt frem en skisse til program i neste styringsgruppemøte.",
                    group=PROJECT_GROUP,
                    deadline=D(2018, 11, 29),
                    deadline_as_written="neste styringsgruppemøte",
                    follow_ups=[(NOVEMBER, "done", "Fremlagt forslag som fikk tilslutning.")],
                ),
                item(
                    "Det vil bli inngått avtale med Radisson SAS Hotell i Bodø i løpet av uke 38.",
                    deadline=D(2018, 9, 23),
                    deadline_as_written="uke 38",
                ),
            ],
        ),
        case(
            "Delrapport 1",
            "discussion",
            notes=html(
                "Fremlagt. Noen innspill fra styringsgruppa, bl.a å innarbeide det samiske "
                "perspektivet bedre. Bedre tydeliggjøring av Sør-Salten-modellens "
                "organisatoriske begrensninger (se også sak 4). Annen organisatorisk løsning "
                "påkrevd hvis piloten fortsatt vil være pilot, fordi målbildet er endret. "
                "Vedlagt referatet er et oppdatert utkast til delrapport 1."
            ),
            items=[
                item(
                    "Styringsgruppa ønsker også at spørsmålet om TO-struktur utredes "
                    "(tjenesteområde) og tydeliggjøres i delrapport 2, bl.a fordi det er et "
                    "spørsmål som er reist av Etableringsstøtteprosjektet."
                ),
                item(
                    "Det vil bli laget et sammendrag av delrapporten og formidlet en pressemelding."
                ),
            ],
        ),
        case(
            "NAV som samfunnsaktør",
            "discussion",
            notes=html(
                "Prosjektgruppa jobber også med revisjon av samarbeidsavtalen mellom NAV "
                "Nordland og den enkelte kommune, eksemplifisert gjennom NAV Saltdal sin avtale. "
                "[…] Styringsgruppa har gitt innspill om at det er virksomhetsplanen som ligger "
                "til grunn for gjennomføringen av partnerskapsmøtene, og at slike avtaler ikke "
                "må bli for detaljerte. Avtalen er et styringsdokument for begge eierne. Også "
                "innspill om å se på pkt.6 i samarbeidsavtalen vedr.ledertilsetting "
                "(forutsetter enighet mellom stat og kommune).",
                "Se for øvrig nettstedet www.kommuneprofilen.no for relevant info. "
                "Presentasjoner må i tillegg si noe om helhetsbildet vedr.stønadssituasjon og "
                "sysselsetting i den aktuelle kommune.",
            ),
            items=[
                item(
                    "Prosjektgruppa jobber videre med dette spørsmålet og vil i løpet av året "
                    "legge frem et forslag til støttemateriell.",
                    group=PROJECT_GROUP,
                    deadline=D(2018, 12, 31),
                    deadline_as_written="i løpet av året",
                )
            ],
        ),
        case(
            "Kommunikasjonsaktiviteter",
            "information",
            notes=html(
                "Foreligger kommunikasjonsstrategi og aktivitetsplan for kommunikasjon. Referater "
                "vil bli tilgjengeliggjort på navet og www.nav.no. fortløpende. Aktuelt å "
                "informere både i FYMBA, Rådmannsutvalget og øvrige fora høsten 2018. Info.om "
                "prosjektet også gitt i nyhetsbrev 4/2018."
            ),
        ),
        case(
            "Evt.",
            "any_other_business",
            standing="any_other_business",
            notes=html(
                "1. Prosjektverktøyet Teams vurderes tatt i bruk, fordel at dette verktøyet også "
                "kan ha eksterne deltagere.",
                "2. Konferanse Oslo 31.10-01.11.18 – Helhetlige tjenester i NAV;",
                "Påmelding til konferansen «Helhetlige tjenester i NAV på veien til arbeid» og "
                "«Rådgiversamling for landets fylkesmenn og NAV fylke/region» - frist 12. "
                "oktober",
                [
                    "Onsdag 31. oktober og torsdag 1. november 2018. Start kl 10.00 dag 1, og "
                    "slutt kl 16.15 dag 2.",
                    "Konferansen er gratis og holdes på Radisson Blu Plaza, Oslo",
                ],
                "[…]",
            ),
        ),
    ],
    # Approved by sak "Referat 14.9.18 (styringsgruppa) og 22.11.18 (prosjektgruppa)" on 29.11.18.
    minutes_state=minutes("next_meeting", by="prosjektleder"),
)


# --- 29.11.18 kl. 11–14.30, with the cooperation forum ------------------------------

NOVEMBER_2018 = nav_meeting(
    NOVEMBER,
    DT(2018, 11, 29, 11, 0),
    DT(2018, 11, 29, 14, 30),
    also_for=[FORUM],
    comment_deadline=D(2018, 12, 5),
    participants=[
        present("Espen Strøm", "hovedtillitsvalgt"),
        present("Cato Rødsand", organisation="NAV Rødøy"),
        present("Amund Eriksen", "rådmann"),
        present("Cathrine Stavnes", "fylkesdirektør"),
        present("Knut Erik Dahlmo", "prosjektleder"),
        present("Merete Troli"),
        present("Vanja Os"),
        present("Åshild J. Nordnes"),
        present("Alf Helge Andreassen"),
        absent("Monica Andreassen Iveland", "ass.fylkesmann"),
        absent("Mona Halsbakk"),
    ],
    cases=[
        # The minutes' unnumbered first row, headed "Samarbeidsforum".
        case(
            "Samarbeidsforum",
            "discussion",
            notes=html(
                "Sak om KVP utsettes til neste ordinære Samarbeidsforum i 2019.",
                "Flg.sak ble det orientert om fra Fylkesmannen; Det er opprettet et nasjonalt "
                "kompetansesenter for økonomisk rådgivning i Trøndelag. Det er nå kommet "
                "henvendelse fra Arbeids – og velferdsdirektoratet om at kommuner i Nordland kan "
                "«henge seg på»dette. Fylkesmannen i Nordland ber i styringsgruppa NAV i "
                "Nordland som et alternativ, å vurdere et eget nettverk i Nordland, da dette "
                "både kan være mer hensiktsmessig, økonomisk besparende for kommunene og "
                "Fylkesmannen kan også vurdere å prioritere dette ved bruk av skjønnsmidler, som "
                "et virkemiddel for å beholde og videreutvikle slik kompetanse i fylket. […]",
                "Følgende datoer for Samarbeidsforum i 2019 ble avklart; 01.03, 24.05.,06.09 og "
                "15.11.19. […] Med mindre noe annet avtales, er det fysiske møter i NAV "
                "Nordlands lokaler, tidsramme 11.00-14.30.",
            ),
            decision=(
                "Konklusjon; positiv holdning til dette forslaget. Det bør lages et kort notat "
                "som presenterer intensjonen bak dette forslaget, som formidles KS og fremlegges "
                "i møte i Rådmannsutvalget i Nordland 07.12.18."
            ),
            items=[
                item(
                    "Det bør lages et kort notat som presenterer intensjonen bak dette "
                    "forslaget, som formidles KS og fremlegges i møte i Rådmannsutvalget i "
                    "Nordland 07.12.18.",
                    deadline=D(2018, 12, 7),
                    deadline_as_written="07.12.18",
                ),
                item(
                    "Referent kaller inn i Outlook (Samarbeidsforum 01.03, 24.05.,06.09 og "
                    "15.11.19).",
                    note="Referent",
                ),
            ],
        ),
        case(
            "Referat 14.9.18 (styringsgruppa) og 22.11.18 (prosjektgruppa)",
            "minutes_approval",
            standing="minutes_approval",
            decision=APPROVED_WITHOUT_COMMENTS,
        ),
        case(
            "Status piloter",
            "information",
            notes=html(
                "Gjennomgått status i alle tre piloter, se vedlagte presentasjon foiler 8-15. "
                "Gjennomgående i rute. Også orientert om etablering av dialog med øvrige "
                "tjenesteområder. I løpet av 2018 vil det være orientert i alle TO "
                "(ledergruppene og/eller alle ansatte), unntatt Vesterålen. Lofoten og "
                "Alstahaug peker seg ut som de mest aktuelle å videreutvikle en prosess med, da "
                "NAV Nordland vurderer vertskommunemodell som aktuell i begge tjenesteområdene."
            ),
        ),
        case(
            "Budsjett",
            "information",
            notes=html(
                "Fremlagt oversikt pr.15.11.18; samlet overforbruk på ca 400.000.-. Når midler "
                "fra Fylkesmannen er returført fra Hemnes kommune til NAV Nordland (frist "
                "15.12.18), vil en ha ca 200.000.- i «friske midler» for 2019."
            ),
        ),
        case(
            "Strategi for partnerskapsutvikling",
            notes=html(
                "Det ble fremlagt en skisse for partnerskapsutvikling (se vedlagte "
                "dok.formidlet i forkant til styringsgruppa), som er et forsøk fra prosjektgruppa "
                "til å svare ut pkt.1 i revidert prosjektmandat (se foilene 18-25). "
                "Hovedformålet med dette, er å bidra til; likeverdighet, langsiktighet, "
                "forutsigbarhet og ansvarlighet i partnerskapsutviklingen. […] Innspill om at "
                "det i denne forbindelse bør lages et spisset notat rettet mot rådmenn; hvorfor "
                "er NAV viktig for kommunene? […]",
                "Også nyttig å diskutere begrepsbruk. Prosjektgruppa har foreslått «bo, "
                "tjeneste og arbeidsmarkedsområde». Dagens begrep «tjenesteområde» er kanskje en "
                "midlertidig konstruksjon. […]",
            ),
            decision=(
                "Forslaget fra prosjektgruppa fikk tilslutning, og det vil jobbes videre med "
                "dette i prosjektgruppa."
            ),
            items=[
                item(
                    "Viktig for den videre forankring at det presenteres på samling for "
                    "NAV-ledere 06.12.18 og Rådmannsutvalget 07.12.18.",
                    deadline=D(2018, 12, 7),
                    deadline_as_written="06.12.18 og 07.12.18",
                    follow_ups=[
                        (
                            MARCH,
                            "done",
                            "Dette ble formidlet på møte for rådgivende NAV-ledere 06.12.18 og "
                            "møte i Rådmannsutvalget 07.12.18.",
                        )
                    ],
                ),
            ],
        ),
        case(
            "Partnerskapskonferansen 2019",
            notes=html(
                "Ønske om å få innlegg fra Solveig Ose fra SINTEF, noe tilsvarende foredrag som "
                "det hun hadde på konferansen arr.av Fylkesmannen i okt.2018. Revidert "
                "programforslag vil fremlegges styringsgruppa ved en senere anledning. "
                "Prosjektgruppa jobber også med kulturelt innslag til konferansen."
            ),
            decision="Fremlagt forslag som fikk tilslutning.",
            items=[
                item(
                    "Innlegg fra Solveig Ose fra SINTEF: hun er kontaktet på e-post i dag "
                    "30.11.18, prosjektleder følger opp dette.",
                    note="Prosjektleder",
                ),
                item(
                    "Cathrine følger opp via tjenestevei om arbeids – og velferdsminister "
                    "Anniken Hauglie kan stille.",
                    people=["Cathrine Stavnes"],
                ),
                item(
                    "Det jobbes med å få til en digital påmeldings/-evalueringsløsning "
                    "(Egencia), Åshild følger opp dette.",
                    people=["Åshild J. Nordnes"],
                ),
            ],
        ),
        case(
            "Kommunikasjon i prosjektet/NAV som samfunnsaktør",
            "discussion",
            notes=html(
                "Ikke gjennomgått pga tidsmangel. Prosjektgruppa jobber videre med dette "
                "eksemplifisert gjennom NAV Saltdals samarbeidsavtale, hvor både "
                "revisjonsfrekvens, lokale relevante satsninger på prioriterte målgrupper og en "
                "mer aktiv samfunnsaktørrolle er sentrale elementer. Ulike tilnærminger kan være "
                "aktuelle, men en modell med «standard» samarbeidsavtale supplert med rullerende "
                "handlingsplaner vurderes som mest aktuell. Det vil fremlegges et forslag ved en "
                "senere anledning."
            ),
            items=[
                item(
                    "Tidligere vedtatte kommunikasjonsstrategi i prosjektet vil gjennomgås "
                    "(18.12.18), og oppdateres med aktuelle informasjonstiltak.",
                    people=["Åshild J. Nordnes", "Knut Erik Dahlmo"],
                    deadline=D(2018, 12, 18),
                    deadline_as_written="18.12.18",
                    follow_ups=[(MARCH, "done", "Budskapsnotat oppdatert 18.12.18.")],
                ),
            ],
        ),
        case(
            "Eventuelt",
            "any_other_business",
            standing="any_other_business",
            notes=html(
                [
                    "Dialog med Etableringsstøtteprosjektet (ESP) og Regionaliseringsprosjektet. "
                    "Komm; etablert en god og relevant dialog med ESP, som mener Nordland "
                    "utmerker seg nasjonalt når det gjelder partnerskapsutvikling",
                    "Endringer i kommuneloven med konsekvenser for samhandlingsrom? Komm; "
                    "Merethe sjekker dette.",
                    "Utfordrende i prosjektgruppa uten deltagelse fra Fylkesmannen. Komm: "
                    "Ønskelig med representant fra Fylkesmannen inn i prosjektgruppa for "
                    "kontinuitet",
                    "Ny repr.for ansatte i styringsgruppa? Komm; Espen tiltrer ny jobb ned NAV "
                    "Bodø, og det er derfor aktuelt med ny ansatterepr.i styringsgruppa. Espen "
                    "sjekker dette og gir tilbakemelding.",
                    "Møteplan resten av prosjektperioden? Komm; Se pkt.om Samarbeidsforum",
                ]
            ),
            items=[
                item(
                    "Endringer i kommuneloven med konsekvenser for samhandlingsrom? Merethe "
                    "sjekker dette.",
                    people=["Merete Troli"],
                ),
                item(
                    "Ny repr.for ansatte i styringsgruppa: Espen sjekker dette og gir "
                    "tilbakemelding.",
                    people=["Espen Strøm"],
                    follow_ups=[
                        (MARCH, "done", "Elin Gundersen, hovedtillitsvalgt (ny etter Espen Strøm).")
                    ],
                ),
            ],
        ),
    ],
    # "Sak 1. Referat 29.11.19 – Godkjent uten kommentarer" on 01.03.19.
    minutes_state=minutes("next_meeting", by="prosjektleder"),
)
