"""Pasting styled HTML (from Word or a web page) into the minutes editor, with a real Ctrl+V.

The page fixture fails the test on any Content-Security-Policy violation: the browser used to
insert the pasted `style` attributes into the page, which the policy refuses (issue 21).
"""

import pytest
from playwright.sync_api import expect

from meetings.models import Case
from tests.browser.editing import rich_text

pytestmark = pytest.mark.django_db

STYLED = (
    '<p class="MsoNormal" style="margin:0;color:#c00"><span style="font-family:Calibri">'
    'Limt inn fra Word</span> med <b style="font-weight:700">fet</b> tekst og '
    '<a href="https://www.regjeringen.no/" style="color:blue">en lenke</a></p>'
    '<ul style="list-style-type:none"><li style="margin-left:12px">• Grue</li></ul>'
)

PUT_ON_CLIPBOARD = """async html => {
  const item = new ClipboardItem({
    "text/html": new Blob([html], { type: "text/html" }),
    "text/plain": new Blob(["Limt inn fra Word"], { type: "text/plain" }),
  });
  await navigator.clipboard.write([item]);
}"""


def test_pasting_styled_html_keeps_the_words_and_breaks_no_policy(page, site, login):
    case = site.objects["case"]
    before = Case.objects.get(pk=case.pk).notes
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site(""))
    login(page, "prosjektleder")
    page.goto(site(f"/moter/{case.meeting_id}/saker/{case.pk}/"))
    notes = rich_text(page, "Notater")
    notes.click()
    page.keyboard.press("Control+End")
    page.evaluate(PUT_ON_CLIPBOARD, STYLED)
    page.keyboard.press("Control+V")

    expect(notes).to_contain_text("Limt inn fra Word")
    assert notes.locator("[style], [class], span").count() == 0
    expect(page.locator("#autosave-status")).to_contain_text("Lagret", timeout=15_000)
    try:
        saved = Case.objects.get(pk=case.pk).notes
        assert "Limt inn fra Word" in saved and "<b>fet</b>" in saved
        assert 'href="https://www.regjeringen.no/"' in saved
        assert "<li>Grue</li>" in saved
        assert "style" not in saved and "class" not in saved
    finally:
        Case.objects.filter(pk=case.pk).update(notes=before)
