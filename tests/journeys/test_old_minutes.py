"""Old minutes entered as they were written, in Chromium, from an empty portal (issue 21).

The operator starts the NAV collaboration of Hemnes and Rana - Raane, sets up a working group whose
minutes say "Konklusjoner", and enters its meeting of 12 March 2019 from the Word minutes: a
date but no time, no standing cases, a member absent, the secretary as secretary, an officer
"fra administrasjonen" and a guest for one case, titles as on the day, a case numbered 1/19
with action items for "Alle" and for a municipality, approved in the next meeting on 9 April
2019, which set up a reference group and refers to a council decision. The meeting page, the
internal PDF and the published version read as written.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting
from tests.browser.editing import choose_organisation, rich_text
from tests.journeys.steps import log_in, start_project
from tests.pdf.helpers import pdf_text

pytestmark = pytest.mark.django_db

PROJECT = "NAV-samarbeid Hemnes og Rana"
GROUP = "Arbeidsgruppe for arkiv"
TITLE = "Arbeidsgruppemøte om arkivplanen"
SECRETARY = "Siv Skriver"


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_old_minutes_of_a_new_group_are_entered_as_written(page, empty_site, operator, screenshot):
    site = empty_site
    log_in(page, site)
    project_url = start_project(
        page, site, PROJECT, ("Hemn", "Hemnes kommune"), ("Rana", "Rana - Raane kommune")
    )

    # A new group, with the word its minutes use for decisions.
    page.goto(project_url)
    page.get_by_role("link", name="Ny gruppe").click()
    page.get_by_label("Type").select_option(label="Arbeidsgruppe")
    page.get_by_label(re.compile(r"^Navn")).fill(GROUP)
    page.get_by_label("Overskrift for vedtak").select_option(label="Konklusjoner")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(GROUP)
    group_url = page.url

    # Its members, pasted as the minutes list them: a preview first, then all at once.
    page.get_by_role("link", name="Legg til flere medlemmer").click()
    page.get_by_label("Eller lim inn navn, ett per linje").fill(
        "Kari Arkivar, arkivleder\nPer Ordning\trådgiver\n"
    )
    page.get_by_role("button", name="Forhåndsvis").click()
    page.get_by_role("button", name="Legg til 2 personer").click()
    page.wait_for_url(group_url)
    expect(page.locator("main")).to_contain_text("Kari Arkivar")
    expect(page.locator("main")).to_contain_text("Per Ordning")
    # Its secretary, who writes the minutes and sits in none of the seats that vote.
    page.get_by_role("link", name="Legg til medlem", exact=True).click()
    page.get_by_label("Eller en ny person: navn").fill(SECRETARY)
    page.get_by_label("Rolle").select_option("secretary")
    choose_organisation(page, re.compile(r"^Representerer"), "Hemn", "Hemnes kommune")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("Medlemmet er lagt til.")

    # The meeting of 12 March 2019: the minutes give no time, and begin with their first case.
    page.goto(group_url)
    page.get_by_role("link", name="Planlegg et møte").click()
    page.get_by_label("Tittel").fill(TITLE)
    page.get_by_label(re.compile(r"^Dato")).fill("2019-03-12")
    page.get_by_label("Sett de faste sakene på sakslisten").uncheck()
    page.get_by_label("Referent").select_option(label=SECRETARY)
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    meeting_url = page.url

    # Attendance: one absent, a title as on the day, an officer and a guest for one case.
    page.get_by_role("link", name="Oppmøte").click()
    page.get_by_label("Oppmøte for Per Ordning").select_option(label="Forfall")
    page.get_by_label("Tittel eller rolle for Kari Arkivar").fill("arkivleder (konstituert)")
    page.get_by_role("button", name="Lagre oppmøte").click()
    expect(page.get_by_role("status")).to_contain_text("Oppmøtet er lagret")
    for name, attendance, title, note in (
        ("Olga Økonom", "Fra administrasjonen", "økonomisjef", ""),
        ("Gunn Gjest", "Gjest", "rådgiver, KS", "sak 1/19"),
    ):
        page.get_by_label("Eller en ny person: navn").fill(name)
        page.locator("select[name=attendance]").select_option(label=attendance)
        page.locator("input[name=role]").fill(title)
        page.locator("input[name=note]").fill(note)
        page.get_by_role("button", name="Legg til", exact=True).click()
        expect(page.get_by_role("status")).to_contain_text(f"{name} er lagt til")

    # Sak 1/19, its conclusions and what follows from them.
    page.goto(meeting_url)
    page.get_by_role("link", name="Ny sak").click()
    page.get_by_label("Tittel").fill("Arkivplan for samarbeidet")
    decision = rich_text(page, "Konklusjoner")
    decision.click()
    decision.type("Arbeidsgruppen slutter seg til utkastet.")
    page.get_by_role("button", name="Lagre").click()
    case = page.locator("article.case", has_text="Arkivplan for samarbeidet")
    expect(case).to_contain_text("Sak 1/19")
    for what, responsible in (
        ("Lese utkastet", f"Alle i {GROUP}"),
        ("Sende planen til arkivet", "Hemnes kommune"),
        ("Føre planen inn i arkivet", f"Referent ({SECRETARY})"),
    ):
        case.get_by_role("link", name="Legg til oppfølgingspunkt").click()
        page.get_by_label("Hva").first.fill(what)
        page.get_by_label("Eller en gruppe eller en organisasjon").select_option(label=responsible)
        page.locator("input[name=deadline]").fill("uke 51")
        page.get_by_role("button", name="Lagre").click()
        case = page.locator("article.case", has_text="Arkivplan for samarbeidet")
        expect(case.locator("table.action-items")).to_contain_text(what)

    # What the case decided into being: a reference group of three, seats filled later, and
    # the council decision it refers to.
    case.get_by_role("link", name="Opprett gruppe").click()
    page.get_by_label("Gruppens navn").fill("Referansegruppe for arkiv")
    page.get_by_label("Linje 1: rolle").select_option(label="Medlem")
    page.get_by_label("Linje 1: plasser").fill("3")
    page.get_by_role("button", name="Opprett gruppen").click()
    case = page.locator("article.case", has_text="Arkivplan for samarbeidet")
    expect(case).to_contain_text("Opprettet: Referansegruppe for arkiv")
    case.get_by_role("link", name="Referansegruppe for arkiv").click()
    expect(page.locator("main")).to_contain_text("Opprettet i Sak 1/19")
    page.goto(meeting_url)
    case = page.locator("article.case", has_text="Arkivplan for samarbeidet")
    case.get_by_role("link", name="Knytt kommunestyrevedtak").click()
    page.get_by_label("Nytt: kommune").select_option(label="Hemnes kommune")
    page.get_by_label("Nytt: saksnummer").fill("k-sak 012/19")
    page.get_by_label("Nytt: tittel").fill("Arkivplan for NAV-samarbeidet")
    page.get_by_role("main").get_by_role("button").last.click()
    case = page.locator("article.case", has_text="Arkivplan for samarbeidet")
    expect(case).to_contain_text("Kommunestyrevedtak: Hemnes kommune k-sak 012/19")

    # Approved in the next meeting, 9 April 2019: recorded as such, without a comment round.
    page.get_by_role("link", name="Godkjenn referatet").click()
    page.get_by_label("Godkjent dato").fill("2019-04-09")
    page.get_by_label("Hvordan referatet ble godkjent").fill("Sak 2/19 i møtet 9.4.2019")
    page.get_by_role("main").get_by_role("button").last.click()
    expect(page.locator(".status-line")).to_contain_text("Godkjent")
    screenshot(page, "minutes-as-written-approved")

    facts = squeeze(page.locator("dl.minutes-facts").inner_text())
    assert "Møtedato 12. mars 2019 Godkjent 9. april 2019 – Sak 2/19 i møtet 9.4.2019" in facts
    assert f"Referent {SECRETARY}" in facts
    assert "Til stede Kari Arkivar, arkivleder (konstituert)" in facts
    assert "Forfall Per Ordning" in facts
    assert "Fra administrasjonen Olga Økonom, økonomisjef" in facts
    assert "Gjester Gunn Gjest, rådgiver, KS – sak 1/19" in facts
    case = page.locator("article.case", has_text="Arkivplan for samarbeidet")
    expect(case).to_contain_text("Konklusjoner")
    expect(case.locator("table.action-items")).to_contain_text("Alle")
    expect(case.locator("table.action-items")).to_contain_text("Hemnes kommune")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned referatet som PDF").click()
    text = squeeze(pdf_text(Path(download_info.value.path()).read_bytes()))
    assert "Møtedato 12. mars 2019 Godkjent 9. april 2019 – Sak 2/19 i møtet 9.4.2019" in text
    assert "Fra administrasjonen Olga Økonom, økonomisjef" in text
    assert "Sak 1/19 Arkivplan for samarbeidet" in text
    assert "Konklusjoner Arbeidsgruppen slutter seg til utkastet." in text
    assert "Lese utkastet Alle uke 51" in text
    assert "Føre planen inn i arkivet Referent uke 51" in text
    assert "Opprettet: Referansegruppe for arkiv" in text
    assert "Kommunestyrevedtak: Hemnes kommune k-sak 012/19" in text
    assert SECRETARY not in text.split("Deltakere", 1)[1].split("Forfall", 1)[0]
    assert "UTKAST" not in text

    # Published, the public reads the same.
    page.goto(meeting_url)
    page.get_by_role("link", name="Publiser referatet").first.click()
    page.get_by_role("main").get_by_role("button").last.click()
    meeting = Meeting.objects.get(title=TITLE)
    page.context.clear_cookies()
    page.goto(site(f"/offentlig/moter/{meeting.pk}/"))
    public = squeeze(page.locator("dl.minutes-facts").inner_text())
    assert "Godkjent 9. april 2019" in public
    assert "Fra administrasjonen Olga Økonom, økonomisjef" in public
    expect(page.locator("main")).to_contain_text("Konklusjoner")
    expect(page.locator("main")).to_contain_text("Opprettet: Referansegruppe for arkiv")
    screenshot(page, "minutes-as-written-public")
    assert meeting.date_only and meeting.minutes_status == Meeting.MinutesStatus.APPROVED
