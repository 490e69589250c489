"""Minutes of the VÅG steering group, 28 June 2022 (Teams)."""

from demo.meetings.helpers import DT, case, guest, html, item, minutes, present

VAG_2022_06_28 = {
    "key": "vag-2022-06-28",
    "project": "vag",
    "group": "Styringsgruppe",
    "also_for": [],
    "title": "Styringsgruppemøte VÅG",
    # The minutes give no time of day: 09:00 only places the meeting on its date, and
    # date_only keeps that time out of every page and calendar.
    "starts_at": DT(2022, 6, 28, 9, 0),
    "date_only": True,
    "ends_at": None,
    "room": "Via Teams",
    "address": "",
    "secretary": None,
    "comment_deadline": None,
    # The six seats of the steering group are all present; the minutes give no roles.
    "participants": [
        present("Alf Marcus Vang"),
        present("Asgeir Rustad"),
        present("Ole Frode Mikkelsgård"),
        present("Oliv Lundeby"),
        present("Otto Langmoen"),
        present("Britt Dahler Bye"),
        guest("Silje Randby Trane", note="I siste del av møtet."),
    ],
    "cases": [
        # On the agenda first, taken last ("Tilbake til sakslista og HR Prosjekt").
        case(
            "HR Prosjekt – tilbakemelding fra arbeidsgruppene",
            "information",
            presenter="Silje Randby Trane",
            attendance_note=(
                "Silje Randby Trane fra HR Prosjekt kommer inn i møtet. Hun er avdelingsleder "
                "på romeriksavdelingen på Jessheim."
            ),
            notes=html(
                "Hun har hatt gjennomført møter med lederne i arbeidsgruppene i VÅG-prosjektet.",
                "Hovedhensikten med første møte med hver gruppe var å få mest mulig informasjon "
                "fra dem. Rundt 80-90 prosent av tida gikk med til lytting der de fortalte om "
                "nå-situasjonen.",
                "Det helt konkrete fra disse møtene er at kartleggingen av nå-situasjonen, og "
                "det skal være ferdig i uke 32/33.",
                "Trane melder om at alle hun har snakket med er positive til arbeidet, og hun "
                "har gjort oppmerksom på at vi er ambassadører.",
                "Trane: - Nå er vi i en metodikkfase, men vi må innhente data der det er "
                "brukermedvirkning. Vi må ha god informasjonsflyt og få flest mulig til å ha "
                "eierskap til prosjektet. Brukermedvirkning fordrer informasjonsflyt.",
                "Hvordan få til god informasjonsflyt?",
                [
                    "Kommunedirektørene skriver statusoppdateringer når det er noe konkret å "
                    "melde og oppsummeringer også i perioder der det ikke har skjedd mye "
                    "konkret.",
                    "Når det blir besluttet vedtak; hadde det vært mulig å få til felles "
                    "kommunestyremøter?",
                ],
                "Det kan fungere som en liten høringsrunde for politikere med spørsmål, og for "
                "å gi politikerne eierskap til VÅG-prosjektet.",
                "I møtene med arbeidsgruppelederne er det snakket om kompetanseheving og "
                "rekruttering.",
                "Trane: - Det er viktig å være rause når det gjelder kontor vs. hjemmekontor og "
                "fleksible løsninger. Det er mye å hente mht økonomisk støtte til "
                "kompetanseheving så lenge det er flere kommuner som samarbeider.",
                "Trane: -Jeg har fått god informasjon av hver gruppeleder, og vi har fått til "
                "åpen dialog. Styringsgruppa bør gå bredt ut med informasjon.",
            ),
            items=[
                item(
                    "Kommunedirektørene skriver statusoppdateringer når det er noe konkret å "
                    "melde og oppsummeringer også i perioder der det ikke har skjedd mye "
                    "konkret.",
                    note="Kommunedirektørene",
                ),
                item(
                    "Trane utfordret kommunedirektørene til å utforme et avsnitt om "
                    "VÅG-prosjektet til innlemmelse i en mer generell sommerhilsen til sine "
                    "ansatte.",
                    note="Kommunedirektørene",
                ),
            ],
        ),
        case(
            "Revidert mandat arbeidsgruppe ergo, fysio, friskliv",
            "discussion",
            notes=html(
                "Anne Britt Røst, sektorleder for helse, omsorg og velferd i Åsnes kommune, har "
                "sendt inn forslag med revidert mandat. Det skal utvides til å omfatte noen "
                "flere oppdrag.",
                "Det innsendte forslaget foreligger ikke ved ferdiggjøring av referat og er "
                "derfor ikke vedlagt.",
            ),
        ),
        case(
            "Leder arbeidsgruppe økonomi",
            notes=html(
                "Økonomisjefen i Våler hadde vervet tidligere. Har sluttet i Våler kommune og "
                "har således trådt ut av vervet. Gruppa selv har ikke klart å konstituere ny "
                "leder.",
                "Økonomisjefene i Åsnes og Grue ønsker ikke å inneha lederrollen. Det er "
                "nødvendig at arbeidsgruppa har et kontaktpunkt mot HR Prosjekt og andre.",
            ),
            decision=(
                "Grue får i oppgave å få på plass en ny gruppeleder. Dette fordi det foreligger "
                "en anbefaling om at Grue kommune skal være vertskommune."
            ),
            items=[
                item(
                    "Grue får i oppgave å få på plass en ny gruppeleder.",
                    organisation="Grue kommune",
                ),
                item(
                    "Ole Frode tar ansvar for å skaffe ny arbeidsgruppeleder og møter opp i neste "
                    "møte i denne arbeidsgruppa.",
                    people=["Ole Frode Mikkelsgård"],
                ),
            ],
        ),
        case(
            "Eventuelt",
            "any_other_business",
            standing="any_other_business",
            notes=html(
                ("h3", "1. NAV: Inngåelse av vertskommuneavtale og framdrift."),
                "Styringsgruppa har gjort et unntak og sagt at Grue bør være lokasjon for "
                "felles økonomikontor.",
                "I parallell prosess om NAV Solør har denne prosessens styringsgruppe pekt på "
                "Åsnes og Flisa som aktuell lokasjon.",
                "Mikkelsgård har orientert om framdriften til kommunestyret i Grue og forteller "
                "at det er tydelige signaler derfra om at disse tingene henger sammen.",
                "Mikkelsgård: - Det vil være lurt å koordinere disse prosessene, slik at man "
                "forhandler vertskommuneavtale om NAV og vertskommuneavtale om økonomikontor "
                "samtidig.",
                "Langmoen: - Vi besluttet at vi skulle prøve å få hele vertskommuneavtalen laget "
                "i september i politiske utvalg, formannskap og kommunestyrer. Hvis vi skal dit "
                "på økonomi, blir det utfordrende fordi vi er på veg inn i ferie og mangler "
                "leder i arbeidsgruppa for økonomi. Jeg tror neppe vi rekker til september for "
                "økonomi. Kan NAV vente på økonomi?",
                "Rustad: - Det er vanskelig å få økonomigruppas leder klar til september. Det "
                "skjer ikke mye nå før et stykke ut i august. Det som skal presenteres i "
                "september-møtet skal være ferdig rundt 1. september.",
                "Mikkelsgård: - Det er ikke noen god idé at NAV-prosessen settes på vent. Det "
                "kan være en løsning å behandle NAV samtidig som man behandler lokasjon for "
                "økonomikontoret. Vi kommunedirektører må engasjere oss i de prosessene vi "
                "kjører knyttet til budsjett og økonomistyring. […] Effekt av felles "
                "økonomikontor fordrer samarbeid om budsjettprosess. Det bør vi snakke om i "
                "tillegg. Den praten bør tas før vi gjør vertskommuneavtalen. Foreslår at vi "
                "får et politisk vedtak om lokasjon på økonomikontor, at det er et eget "
                "vedtakspunkt når man vedtar samarbeidsavtalene, og så bruker vi nødvendig tid "
                "videre.",
                (
                    "h3",
                    "2. Orientering fra Mikkelsgård om kommunestyrevedtak i Grue om Familiens Hus",
                ),
                "Det ble vedtatt at Grue blir med inn i arbeidsgruppa for å vurdere forsterket "
                "samarbeid om Familiens Hus.",
                "Mikkelsgård: - Gjennom arbeidsgruppa jobber vi videre og ser hva det blir til, "
                "om hvor tett samarbeidet blir, om det kun blir forsterket samarbeid eller om "
                "det blir vertskommunesamarbeid.",
            ),
            items=[item("Mikkelsgård skal sende vedtaket.", people=["Ole Frode Mikkelsgård"])],
        ),
    ],
    # The minutes record no approval; the demo shows them approved and public.
    "minutes": minutes(
        "recorded",
        by="admin",
        reason="Lagt inn som godkjent referat i demodataene; referatet sier ikke når det ble "
        "godkjent.",
    ),
}
