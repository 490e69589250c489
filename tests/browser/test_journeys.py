"""Journeys through the minutes workflow, each from logging in to the result, in Chromium.

The secretary (the demo's prosjektleder, secretary of NAV Nordland's steering group) plans
a meeting, records a case with notes, a decision and an action item, attaches a file and
sends the minutes for comments; a member of the group comments; the secretary approves and
downloads the approved minutes as PDF. A member of the steering group updates an action item from
their dashboard; the director of Fauske, party to the demo's signed agreement for the Indre
Salten pilot, downloads the sealed PDF.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from agreements.models import Agreement
from agreements.seal import check_seal
from meetings import action_selectors
from meetings.action_forms import DashboardFilterForm
from meetings.models import ActionItem, Meeting
from tests.browser.editing import rich_text
from tests.pdf.helpers import pdf_text

pytestmark = pytest.mark.django_db

TITLE = "Styringsgruppemøte om pilotene"


def steering_group_id(site) -> int:
    return site.objects["planned"].group_id


@pytest.fixture(scope="module")
def journey_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("upload")
    pdf = folder / "budsjett-2027.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return {"pdf": pdf}


def test_1_secretary_plans_records_attaches_and_sends_for_comments(
    page, site, login, screenshot, journey_files
):
    login(page, "prosjektleder")
    page.goto(site(f"/grupper/{steering_group_id(site)}/moter/ny/"))
    page.get_by_label("Tittel").fill(TITLE)
    starts = timezone.localtime() - datetime.timedelta(hours=2)
    page.get_by_label(re.compile(r"^Dato")).fill(starts.strftime("%Y-%m-%d"))
    page.get_by_label("Starter").fill(starts.strftime("%H:%M"))
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    meeting_url = page.url

    page.get_by_role("link", name="Ny sak").click()
    page.get_by_label("Tittel").fill("Budsjett for 2027")
    notes = rich_text(page, "Notater")
    notes.click()
    notes.type("Prosjektleder la fram budsjettet.")
    decision = rich_text(page, "Vedtak")
    decision.click()
    decision.type("Budsjettet vedtas.")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url(meeting_url.rstrip("/") + "/**")
    case = page.locator("article.case", has_text="Budsjett for 2027")
    expect(case).to_contain_text("Prosjektleder la fram budsjettet.")
    expect(case).to_contain_text("Budsjettet vedtas.")

    case.get_by_role("link", name="Legg til oppfølgingspunkt").click()
    page.get_by_label("Hva").first.fill("Sende budsjettet til kommunestyrene")
    page.locator("select[name=responsible_people]").select_option(label="Cato Rødsand")
    page.locator("input[name=deadline]").fill("uke 51")
    page.get_by_role("button", name="Lagre").click()
    case = page.locator("article.case", has_text="Budsjett for 2027")
    expect(case.locator("table.action-items")).to_contain_text("Sende budsjettet")

    case.get_by_role("link", name="Legg ved fil").click()
    page.get_by_label("Fil").set_input_files(str(journey_files["pdf"]))
    page.get_by_label("Tittel").fill("Budsjettforslag 2027")
    page.get_by_role("button", name="Legg ved").click()
    case = page.locator("article.case", has_text="Budsjett for 2027")
    expect(case).to_contain_text("Budsjettforslag 2027")

    page.get_by_role("link", name="Send ut for tilbakemelding").click()
    deadline = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Frist for tilbakemelding").fill(deadline.isoformat())
    page.get_by_role("button", name="Send ut for tilbakemelding").click()
    expect(page.locator(".status-line")).to_contain_text("tilbakemelding")
    screenshot(page, "1-secretary-sent-for-comments")

    meeting = Meeting.objects.get(title=TITLE)
    assert meeting.minutes_status == Meeting.MinutesStatus.FOR_COMMENTS
    case_row = meeting.cases.get(title="Budsjett for 2027")
    assert case_row.action_items.count() == 1
    assert case_row.attachments.get().original_name == "budsjett-2027.pdf"


def test_2_member_comments_on_the_minutes(page, site, login, screenshot):
    meeting = Meeting.objects.get(title=TITLE)
    login(page, "medlem")
    page.goto(site(meeting.get_absolute_url()))
    case = page.locator("article.case", has_text="Budsjett for 2027")
    case.locator("summary").click()
    case.get_by_label("Din kommentar").fill("Husk å ta med pilotenes egne tall.")
    case.get_by_role("button", name="Send kommentar").click()
    case = page.locator("article.case", has_text="Budsjett for 2027")
    expect(case.locator(".comments")).to_contain_text("pilotenes egne tall")
    screenshot(page, "2-member-commented")
    comment = meeting.cases.get(title="Budsjett for 2027").comments.get()
    assert comment.author.username == "medlem"


def test_3_secretary_approves_the_minutes(page, site, login, screenshot):
    meeting = Meeting.objects.get(title=TITLE)
    login(page, "prosjektleder")
    page.goto(site(meeting.get_absolute_url()))
    page.get_by_role("link", name="Godkjenn referatet").click()
    page.get_by_role("main").get_by_role("button").last.click()
    expect(page.locator(".status-line")).to_contain_text("Godkjent")
    screenshot(page, "3-minutes-approved")
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MinutesStatus.APPROVED


def test_4_secretary_downloads_the_approved_minutes_as_pdf(page, site, login, screenshot):
    meeting = Meeting.objects.get(title=TITLE)
    login(page, "prosjektleder")
    page.goto(site(meeting.get_absolute_url()))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned referatet som PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    text = pdf_text(Path(download.path()).read_bytes())
    screenshot(page, "4-minutes-pdf-downloaded")

    assert "Budsjett for 2027" in text
    assert "Budsjettet vedtas." in text
    assert "Sende budsjettet til kommunestyrene" in text
    assert "Side 1 av" in text
    assert "UTKAST" not in text


def test_5_member_updates_an_action_item_from_the_dashboard(page, site, login, screenshot):
    # The item the secretary gave the member (Cato Rødsand) in the first journey.
    member = get_user_model().objects.get(username="medlem")
    ids = action_selectors.responsible_ids(member)
    filters = DashboardFilterForm(None, user=member, item_ids=ids).filters()
    item = action_selectors.my_open_items(member, filters=filters, ids=ids).get(
        description="Sende budsjettet til kommunestyrene"
    )
    assert item.status == ActionItem.Status.OPEN
    login(page, "medlem")
    page.get_by_role("link", name="Mine oppfølgingspunkter").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine oppfølgingspunkter")
    row = page.locator(f"#punkt-{item.pk}")
    row.get_by_label("Ny status").select_option(label="Pågår")
    row.get_by_label("Merknad").fill("Tallene er hentet inn fra pilotene.")
    row.get_by_role("button", name="Lagre").click()
    row = page.locator(f"#punkt-{item.pk}")
    expect(row).to_contain_text("Pågår")
    expect(row).to_contain_text("Tallene er hentet inn fra pilotene.")
    screenshot(page, "5-member-updated-action-item")

    item.refresh_from_db()
    assert item.status == ActionItem.Status.IN_PROGRESS
    update = item.updates.order_by("-at", "-id").first()
    assert (update.by.username, update.note) == ("medlem", "Tallene er hentet inn fra pilotene.")


def test_6_director_downloads_the_sealed_agreement(page, site, login, screenshot):
    agreement = Agreement.objects.exclude(signed_pdf="").get()
    director = get_user_model().objects.get(username="fauske")
    assert director.is_director
    login(page, "fauske")
    page.goto(site("/avtaler/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Avtaler for min kommune")
    row = page.get_by_role("row").filter(has_text=agreement.title)
    with page.expect_download() as download_info:
        row.get_by_role("link", name="Last ned").click()
    data = Path(download_info.value.path()).read_bytes()
    screenshot(page, "6-director-downloaded-signed-agreement")

    assert "Fauske" in pdf_text(data)
    seal = check_seal(data)
    assert seal.valid, seal.message
