"""The XSS vectors in a real browser: none opens a dialog, throws, or trips the CSP.

The server-side suite (tests/security/test_xss.py) parses every page for live markup;
this runs the pages that hold all the vectors in Chromium, including the minutes editor,
which puts the stored notes into an editable area.
"""

import pytest

from tests.security.xss import live_markup

pytestmark = pytest.mark.django_db


def test_no_vector_runs_in_the_browser(page, site, login, screenshot):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    login(page, "prosjektleder")
    meeting = site.objects["xss_meeting"]
    cases = site.objects["xss_cases"]
    page.goto(site(meeting.get_absolute_url()))
    # Every vector's case is on the page (besides the standing cases every meeting has).
    assert page.locator("article.case").count() >= len(cases)
    # Hovering, focusing and tabbing fire the handlers a surviving vector would carry.
    for _ in range(40):
        page.keyboard.press("Tab")
    page.mouse.move(200, 300)
    page.mouse.move(600, 500)
    assert live_markup(page.content()) == []
    screenshot(page, "xss-meeting")
    for case in cases[::10]:
        page.goto(site(f"/moter/{meeting.pk}/saker/{case.pk}/"))
        page.locator(".rich-text-area").first.focus()
        assert live_markup(page.locator(".rich-text-area").first.inner_html()) == []
    assert dialogs == []
