"""The browser's copy of a new case's text goes once the server has saved it.

Before: every "Ny sak" after the first offered to restore "unsaved text", and restoring it
copied the previous case into the new one (issue 21).
"""

import pytest
from playwright.sync_api import expect

from meetings.models import Case

pytestmark = pytest.mark.django_db

TITLE = "Felles innkjøp av fagsystem for barnevernet"


def stored(page, key):
    return page.evaluate("key => localStorage.getItem(key)", key)


def test_a_saved_new_case_is_not_offered_again_as_unsaved_text(page, site, login):
    meeting_id = site.objects["case"].meeting_id
    key = f"new-case-{meeting_id}"
    new_case = site(f"/moter/{meeting_id}/saker/ny/")
    login(page, "prosjektleder")
    try:
        page.goto(new_case)
        page.locator("[name=title]").fill(TITLE)
        assert TITLE in (stored(page, key) or "")  # kept in the browser until the server has it

        page.locator("form[data-editor] [type=submit]").first.click()
        page.wait_for_url(lambda url: "/saker/ny/" not in url)
        assert Case.objects.filter(meeting_id=meeting_id, title=TITLE).exists()
        page.wait_for_function("key => localStorage.getItem(key) === null", arg=key)

        page.goto(new_case)
        expect(page.locator("[name=title]")).to_have_value("")
        expect(page.get_by_text("som ikke ble lagret")).to_have_count(0)
        expect(
            page.get_by_role("button", name="Gjenopprett teksten som ikke ble lagret")
        ).to_have_count(0)
    finally:
        Case.objects.filter(meeting_id=meeting_id, title=TITLE).delete()
