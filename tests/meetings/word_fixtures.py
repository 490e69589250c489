"""Word minutes built with python-docx from the layouts in ../shared/seeds/.

``vag_minutes``: the VÅG steering group's minutes of 28 June 2022 (seed 000), in prose: a
header line, "Via Teams", "Deltagere:", a guest for part of the meeting, an agenda whose
items come back as plain paragraphs, "Eventuelt", an action item in a sentence.
``nav_minutes``: a NAV Nordland steering group meeting (seed 004) as many secretaries write
it: "Sak 1/18 …" headings, "Vedtak:", a "Konklusjoner | Ansvar | Frist" table with a cell
merged over two rows and "uke 51", "Forfall:", "Referent:" and a substitute.
``headerless_minutes``: no title, no date: straight into "Til stede:" and the cases.
"""

import io

import docx


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def vag_minutes() -> bytes:
    d = docx.Document()
    d.add_paragraph("Referat styringsgruppemøte VÅG 28. juni 2022")
    d.add_paragraph("Via Teams")
    d.add_paragraph(
        "Deltagere: Alf Marcus Vang, Asgeir Rustad, Ole Frode Mikkelsgård, Oliv Lundeby, "
        "Otto Langmoen, Britt Dahler Bye."
    )
    d.add_paragraph("I siste del av møtet: Silje Randby Trane fra HR Prosjekt.")
    d.add_paragraph("Saksliste:")
    for item in (
        "HR Prosjekt – tilbakemelding fra arbeidsgruppene",
        "Revidert mandat arbeidsgruppe ergo, fysio, friskliv",
        "Leder arbeidsgruppe økonomi",
        "Eventuelt",
    ):
        d.add_paragraph(item, style="List Bullet")
    d.add_paragraph("Revidert mandat arbeidsgruppe ergo, fysio, friskliv")
    d.add_paragraph(
        "Anne Britt Røst, sektorleder for helse, omsorg og velferd i Åsnes kommune, har sendt "
        "inn forslag med revidert mandat. Det skal utvides til å omfatte noen flere oppdrag."
    )
    d.add_paragraph("Leder arbeidsgruppe økonomi")
    d.add_paragraph(
        "Økonomisjefen i Våler hadde vervet tidligere. Gruppa selv har ikke klart å "
        "konstituere ny leder."
    )
    p = d.add_paragraph("Grue får i oppgave å få på plass en ny gruppeleder. ")
    p.add_run("Ole Frode tar ansvar for å skaffe ny arbeidsgruppeleder.").bold = True
    d.add_paragraph("Eventuelt")
    d.add_paragraph("1. NAV: Inngåelse av vertskommuneavtale og framdrift.")
    d.add_paragraph(
        "Mikkelsgård: - Det vil være lurt å koordinere disse prosessene, slik at man "
        "forhandler vertskommuneavtale om NAV og om økonomikontor samtidig."
    )
    d.add_paragraph("Tilbake til sakslista og HR Prosjekt – tilbakemelding fra arbeidsgruppene")
    d.add_paragraph(
        "Silje Randby Trane fra HR Prosjekt kommer inn i møtet. Kartleggingen av "
        "nå-situasjonen skal være ferdig i uke 32/33."
    )
    return _bytes(d)


NAV_ACTIONS = [
    ("Konklusjoner", "Ansvar", "Frist"),
    ("Notat om nettverk for økonomisk rådgivning", "Knut Erik Dahlmo", "07.12.2018"),
    ("Sjekke endringer i kommuneloven", "Merete Troli", "uke 51"),
    ("Ny ansatterepresentant i styringsgruppa", "Espen Strøm", ""),
    ("Lese strateginotatet før neste møte", "Alle", ""),
]  # fmt: skip


def nav_minutes() -> bytes:
    d = docx.Document()
    d.add_heading("Referat fra møte i styringsgruppen NAV i Nordland i en ny tid", level=1)
    d.add_paragraph("Sted: NAV Nordland, møterom Suliskongen")
    d.add_paragraph("Møtedato: 29.11.2018 kl. 11.00–14.30")
    d.add_paragraph("Referent: Knut Erik Dahlmo")
    d.add_paragraph(
        "Til stede: Espen Strøm, hovedtillitsvalgt; Cathrine Stavnes, fylkesdirektør NAV "
        "Nordland; Åshild Nordnes (vara for Amund Eriksen); Merete Troli"
    )
    d.add_paragraph("Forfall: Monica Andreassen Iveland og Mona Halsbakk")
    d.add_heading("Sak 1/18 Referat 14.9.18", level=2)
    d.add_paragraph("Vedtak: Godkjent uten kommentarer.")
    d.add_heading("Sak 2/18 Status piloter ved prosjektleder", level=2)
    d.add_paragraph("Gjennomgått status i alle tre piloter, se vedlagte presentasjon.")
    d.add_paragraph("Konklusjon:")
    d.add_paragraph("Styringsgruppa tar orienteringen til etterretning.")
    d.add_heading("Sak 3/18 Samarbeidsforum", level=2)
    d.add_paragraph("Fylkesmannen ber styringsgruppa vurdere et eget nettverk i Nordland.")
    d.add_paragraph("Vedtak: Positiv holdning til forslaget.")
    table = d.add_table(rows=len(NAV_ACTIONS), cols=3)
    for row, values in zip(table.rows, NAV_ACTIONS, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    # Secretaries merge a deadline shared by two rows: "uke 51" stands for both.
    merged = table.cell(2, 2).merge(table.cell(3, 2))
    merged.text = "uke 51"
    d.add_heading("Sak 4/18 Eventuelt", level=2)
    d.add_paragraph("Ingen saker.")
    return _bytes(d)


def table_header_minutes() -> bytes:
    """Seed 004's own layout: the header as a two-column table, "Meldt forfall:" below it."""
    d = docx.Document()
    d.add_paragraph("REFERAT FRA MØTE I STYRINGSGRUPPEN FOR PROSJEKTET NAV I NORDLAND I EN NY TID")
    rows = [
        ("Sted", "NAV Nordland, møterom Suliskongen"),
        ("Møtedato", "01.03.19 kl. 11.00-14.00"),
        ("Referent", "Knut Erik Dahlmo"),
        ("Deltakere", "Elin Gundersen, hovedtillitsvalgt; Cato Rødsand, NAV Lurøy"),
    ]
    table = d.add_table(rows=len(rows), cols=2)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = label, value
    d.add_paragraph("Meldt forfall: Amund Eriksen, rådmann Hemnes kommune")
    d.add_paragraph("Sak 1/19 Referat 29.11.18")
    d.add_paragraph("Godkjent uten kommentarer.")
    d.add_paragraph("Sak 2/19 Status piloter")
    d.add_paragraph("Gjennomgått status i alle tre piloter.")
    return _bytes(d)


def headerless_minutes() -> bytes:
    d = docx.Document()
    d.add_paragraph("Til stede: Kari Nordmann, Ola Hansen")
    d.add_paragraph("Sak 5/19 Budsjett 2019")
    d.add_paragraph("Fremlagt oversikt pr. 31.01.19. Forbruk som forventet.")
    d.add_paragraph("Vedtak: Budsjettet tas til orientering.")
    d.add_paragraph("Sak 6/19 Partnerskapskonferansen")
    d.add_paragraph("Programmet er formidlet til NAV-lederne.")
    return _bytes(d)


def not_minutes() -> bytes:
    d = docx.Document()
    d.add_paragraph("Handleliste")
    d.add_paragraph("Melk, brød og ost.")
    return _bytes(d)


def empty_document() -> bytes:
    return _bytes(docx.Document())
