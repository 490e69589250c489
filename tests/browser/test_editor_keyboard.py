"""The minutes editor with the keyboard alone: Tab to the notes, type, Ctrl+B, autosave.

No mouse event reaches the page: a listener counts every pointer and mouse event, and the
test fails if there was one.
"""

import pytest
from playwright.sync_api import expect

from meetings.models import Case

pytestmark = pytest.mark.django_db

COUNT_POINTER_EVENTS = """
window.pointerEvents = 0;
for (const type of ["pointerdown", "mousedown", "mouseup", "pointerup"]) {
  window.addEventListener(type, () => { window.pointerEvents += 1; }, true);
}
"""


def focused_name(page) -> str:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const labelled = el.getAttribute("aria-labelledby");
          if (labelled) { return document.getElementById(labelled).textContent.trim(); }
          return el.getAttribute("name") || el.textContent.trim();
        }"""
    )


def test_keyboard_only_bold_text_is_autosaved(page, site, login):
    case = site.objects["case"]
    login(page, "prosjektleder")
    page.add_init_script(COUNT_POINTER_EVENTS)
    page.goto(site(f"/moter/{case.meeting_id}/saker/{case.pk}/"))

    for _ in range(60):
        page.keyboard.press("Tab")
        if focused_name(page) == "Notater":
            break
    else:
        pytest.fail("Tab never reached the notes")
    page.keyboard.press("Control+End")
    page.keyboard.type(" Og dette er ")
    page.keyboard.press("Control+B")
    page.keyboard.type("svært viktig")
    page.keyboard.press("Control+B")
    page.keyboard.type(".")

    expect(page.locator("#autosave-status")).to_contain_text("Lagret", timeout=15_000)
    assert page.evaluate("window.pointerEvents") == 0
    notes = Case.objects.get(pk=case.pk).notes
    assert "<strong>svært viktig</strong>" in notes or "<b>svært viktig</b>" in notes, notes
    assert "Og dette er" in notes
