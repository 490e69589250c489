"""A case's notes and decision are cleaned by Case.save(), so every path stores clean HTML.

The templates show them with |safe; the Django admin saves without the services, so the
model is the one place all writers pass through.
"""

import datetime
from pathlib import Path

import pytest
from django.forms import SplitDateTimeWidget
from django.urls import reverse

from meetings import services
from meetings.models import Case
from meetings.richtext import sanitise

VECTORS = [
    "<img src=x onerror=alert(1)>Referat",
    "<script>alert(1)</script><p>Vedtak</p>",
    '<a href="javascript:alert(1)">lenke</a>',
    '<p onclick="alert(1)" style="color:red">Tekst</p>',
    '"><svg onload=alert(1)>',
]


@pytest.fixture
def case(world):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=datetime.datetime(2026, 10, 20, 11, tzinfo=datetime.UTC),
    )
    return services.case_add(meeting=meeting, title="Budsjett 2027", notes="<p>Før</p>")


def _as_posted(form) -> dict:
    """What the browser sends back for the admin's change form, unchanged."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, SplitDateTimeWidget):
            value = form[name].field.to_python(value) if isinstance(value, list) else value
            data[f"{name}_0"], data[f"{name}_1"] = (
                value.strftime("%Y-%m-%d"),
                value.strftime("%H:%M:%S"),
            )
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


@pytest.mark.parametrize("vector", VECTORS)
def test_admin_change_form_stores_clean_html(world, client_for, case, vector):
    client = client_for(world.users["portal_admin"])
    url = reverse("admin:meetings_case_change", args=[case.pk])
    data = _as_posted(client.get(url).context["adminform"].form)
    data.update(notes=vector, decision=vector, _save="Lagre")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    case.refresh_from_db()
    for stored in (case.notes, case.decision):
        assert stored == sanitise(vector)
        for hostile in ("<script", "onerror", "onload", "onclick", "javascript:", "style=", "<svg"):
            assert hostile not in stored.lower()
    # The history row the admin wrote holds the clean text too.
    assert case.history.first().notes == case.notes


def test_every_save_cleans_even_without_a_service(world, case):
    case.notes = "<img src=x onerror=alert(1)>Tekst"
    case.save()
    assert Case.objects.get(pk=case.pk).notes == "<p>Tekst</p>"


def test_text_cleaned_by_a_service_is_not_changed_again(world, case):
    """The services clean first; a second pass by save() must leave their text as it is."""
    typed = "Verdi < 5 & Grue's forslag\n\nNeste avsnitt"
    services.case_update(case=case, changes={"notes": typed}, seen_updated_at=case.updated_at)
    case.refresh_from_db()
    assert case.notes == sanitise(typed) == sanitise(sanitise(typed))
    assert "&amp;lt;" not in case.notes and "&amp;amp;" not in case.notes


XSS_VECTORS = [
    line
    for line in (Path(__file__).parents[1] / "security" / "fixtures" / "xss_vectors.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.mark.parametrize("text", XSS_VECTORS)
def test_sanitise_gives_the_same_text_when_run_again(text):
    once = sanitise(text)
    assert sanitise(once) == once
