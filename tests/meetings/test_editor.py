import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from tests.conftest import ROLES


@pytest.fixture
def case(world):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2022, 6, 28, 11)),
    )
    return services.case_add(meeting=meeting, title="Leder arbeidsgruppe økonomi")


def form(case, **overrides):
    data = {
        "title": case.title,
        "kind": case.kind,
        "notes": case.notes,
        "decision": case.decision,
        "seen_updated_at": case.updated_at.isoformat(),
    }
    return data | overrides


def autosave_url(case):
    return reverse("meetings:case_autosave", args=[case.meeting_id, case.pk])


def test_autosave_saves_cleans_and_hands_back_the_new_version(world, client_for, case):
    client = client_for(world.users["secretary"])
    response = client.post(autosave_url(case), form(case, notes="Første linje<script>x</script>"))
    assert response.status_code == 200
    case.refresh_from_db()
    assert "Første linje" in case.notes
    assert "script" not in case.notes
    assert response.json()["seen_updated_at"] == case.updated_at.isoformat()

    # Typing on: the next autosave carries the version the last one handed back.
    again = form(case, notes="Andre linje", seen_updated_at=response.json()["seen_updated_at"])
    assert client.post(autosave_url(case), again).status_code == 200


def test_stale_autosave_is_a_conflict_and_saves_nothing(world, client_for, case):
    client = client_for(world.users["secretary"])
    stale = form(case, notes="Min tekst")
    client.post(autosave_url(case), form(case, notes="Annen tekst"))
    response = client.post(autosave_url(case), stale)
    assert response.status_code == 409
    assert response.json()["conflict"] is True
    case.refresh_from_db()
    assert "Annen tekst" in case.notes


def test_expired_session_answers_401_with_a_reason(world, client, case):
    response = client.post(autosave_url(case), form(case, notes="Tekst"))
    assert response.status_code == 401
    assert response.json()["error"]
    case.refresh_from_db()
    assert case.notes == ""


@pytest.mark.parametrize("role", ROLES)
def test_autosave_answers_each_role(world, client_for, case, role):
    response = client_for(world.users[role]).post(autosave_url(case), form(case, notes="Hei"))
    expected = {"portal_admin": 200, "project_admin": 200, "secretary": 200, "anonymous": 401}
    assert response.status_code == expected.get(role, 404)


def test_history_shows_word_changes_and_restores_an_earlier_version(world, client_for, case):
    client = client_for(world.users["secretary"])
    edit = reverse("meetings:case_edit", args=[case.meeting_id, case.pk])
    client.post(edit, form(case, notes="Grue får i oppgave å finne leder"))
    case.refresh_from_db()
    client.post(edit, form(case, notes="Grue får i oppgave å finne ny leder"))
    case.refresh_from_db()

    history = client.get(reverse("meetings:case_history", args=[case.meeting_id, case.pk]))
    page = history.content.decode()
    assert "<ins>ny </ins>" in page or "<ins>ny</ins>" in page

    earlier = case.history.order_by("history_date")[1]
    response = client.post(
        reverse("meetings:case_restore", args=[case.meeting_id, case.pk, earlier.history_id])
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert "finne leder" in case.notes
    assert case.history.count() == 4  # created, two edits, the restore
    assert case.history.latest().history_user == world.users["secretary"]


def test_readers_see_no_history(world, client_for, case):
    services.minutes_approve(meeting=case.meeting, by=None)
    response = client_for(world.users["reader"]).get(
        reverse("meetings:case_history", args=[case.meeting_id, case.pk])
    )
    assert response.status_code == 404


def test_editor_page_carries_the_script_and_works_without_it(world, client_for, case):
    client = client_for(world.users["secretary"])
    page = client.get(reverse("meetings:case_edit", args=[case.meeting_id, case.pk]))
    html = page.content.decode()
    assert 'src="/static/js/editor.js"' in html
    assert "data-autosave-url" in html
    assert '<textarea name="notes"' in html  # the plain form the script enhances


def test_a_two_megabyte_paste_from_word_is_saved(world, client_for, case):
    from urllib.parse import urlencode

    # Word's HTML is mostly styling, which the cleaning drops; the browser URL-encodes it all.
    style = "mso-style-unhide:no;margin:0cm;font-size:11.0pt;font-family:Calibri;" * 30
    unit = (
        f'<p class="MsoNormal" style="{style}"><span style="{style}">Økonomi &amp; drift</span></p>'
    )
    paste = unit * (2 * 1024 * 1024 // len(unit))
    url = reverse("meetings:case_edit", args=[case.meeting_id, case.pk])
    response = client_for(world.users["secretary"]).post(
        url, urlencode(form(case, notes=paste)), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.notes.count("Økonomi") == paste.count("Økonomi")
    assert "mso-style" not in case.notes


def test_two_megabytes_of_text_is_refused_in_norwegian_and_kept(world, client_for, case):
    from urllib.parse import urlencode

    paste = "<p><span>Økonomi &amp; drift</span></p>" * (2 * 1024 * 1024 // 40)
    url = reverse("meetings:case_edit", args=[case.meeting_id, case.pk])
    before = case.notes
    response = client_for(world.users["secretary"]).post(
        url, urlencode(form(case, notes=paste)), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Teksten er for lang" in content
    # Given back in the form, not lost.
    assert content.count("Økonomi &amp;amp; drift") + content.count("Økonomi &amp; drift") > 1000
    case.refresh_from_db()
    assert case.notes == before


def test_a_text_over_the_limit_is_a_norwegian_413_and_json_for_autosave(
    world, client_for, case, settings
):
    from urllib.parse import urlencode

    too_long = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    client = client_for(world.users["secretary"])
    url = reverse("meetings:case_edit", args=[case.meeting_id, case.pk])
    response = client.post(
        url, urlencode(form(case, notes=too_long)), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert "Teksten er for lang" in response.content.decode()
    # The editor posts FormData and shows the answer's "error".
    response = client.post(
        autosave_url(case), form(case, notes=too_long), HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 413
    assert response.json()["error"].startswith("Teksten er for lang")
    case.refresh_from_db()
    assert case.notes == ""
