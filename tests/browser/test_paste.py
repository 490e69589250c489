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


def _word_item(list_id, level, marker, text, font="Symbol"):
    # As Word for Windows puts a list paragraph on the clipboard (HTML Format).
    return (
        f"<p class=MsoListParagraphCxSpMiddle style='margin-left:{36 * level}.0pt;"
        f"mso-add-space:auto;text-indent:-18.0pt;mso-list:l{list_id} level{level} lfo1'>"
        f"<![if !supportLists]><span style='font-family:{font};mso-bidi-font-family:{font}'>"
        f"<span style='mso-list:Ignore'>{marker}<span style='font:7.0pt \"Times New Roman\"'>"
        "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>"
        f"<span style='mso-fareast-language:NO-BOK'>{text}</span><o:p></o:p></p>"
    )


WORD_LISTS = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><body lang=NO-BOK>"
    "<!--StartFragment--><div class=WordSection1>"
    "<p class=MsoNormal>Kommunene i <b>VÅG</b>:<o:p></o:p></p>"
    + _word_item(0, 1, "·", "Våler")
    + _word_item(0, 2, "o", "Flisa", font='"Courier New"')
    + _word_item(0, 1, "·", "Grue")
    + "<p class=MsoNormal>Neste steg:<o:p></o:p></p>"
    + _word_item(1, 1, "1.", "Kartlegging <i>uke 32</i>", font="Calibri")
    + _word_item(1, 1, "2.", "Rapport til styringsgruppa", font="Calibri")
    + "<!--EndFragment--></div></body></html>"
)


def test_word_lists_pasted_become_real_lists(page, site, login):
    case = site.objects["case"]
    before = Case.objects.get(pk=case.pk).notes
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site(""))
    login(page, "prosjektleder")
    page.goto(site(f"/moter/{case.meeting_id}/saker/{case.pk}/"))
    notes = rich_text(page, "Notater")
    notes.click()
    # Into empty notes: pasted at the end of the demo's own list, the lists would nest in it.
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.evaluate(PUT_ON_CLIPBOARD, WORD_LISTS)
    page.keyboard.press("Control+V")

    valer = notes.locator("ul > li", has_text="Våler")
    expect(valer.locator("ul > li")).to_have_text("Flisa")
    expect(valer.locator("xpath=following-sibling::li[1]")).to_have_text("Grue")
    expect(notes.locator("ol > li")).to_have_text(
        ["Kartlegging uke 32", "Rapport til styringsgruppa"]
    )
    expect(notes).not_to_contain_text("·")
    expect(page.locator("#autosave-status")).to_contain_text("Lagret", timeout=15_000)
    try:
        saved = Case.objects.get(pk=case.pk).notes
        assert "<ul><li>Våler<ul><li>Flisa</li></ul></li><li>Grue</li></ul>" in saved
        assert "<ol><li>Kartlegging <i>uke 32</i></li><li>Rapport til styringsgruppa</li></ol>" in (
            saved
        )
        assert "<p>Neste steg:</p>" in saved and "<b>VÅG</b>" in saved
        assert "·" not in saved and "style" not in saved and "class" not in saved
    finally:
        Case.objects.filter(pk=case.pk).update(notes=before)
