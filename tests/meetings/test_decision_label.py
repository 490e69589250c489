"""A group calls the decision of a case in its own words, "Konklusjoner" rather than "Vedtak",
and every page and PDF that shows or edits the decision uses them (issue 21).

Through the views, with the forms the pages render: the project admin (who edits the group)
chooses the label on the group's edit page (tests/test_project_views.py), the secretary edits
cases and approves and publishes, the public reads logged out. PDFs are read back with pypdf.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import PublishedMinutes
from tests.pdf.helpers import pdf_text
from tests.reliability.test_lost_updates import post_data
from tests.test_project_views import choose_label

DECISION_TEXT = "Styringsgruppen slutter seg til budsjettet for Åsnes."

pytestmark = pytest.mark.usefixtures("quiet_minutes_tasks")
NOTES = "Budsjettet ble lagt fram av rådmannen."


@pytest.fixture
def meeting(world, media):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2018, 9, 14, 11)),
    )
    services.case_add(
        meeting=meeting,
        title="Budsjett 2019",
        notes=f"<p>{NOTES}</p>",
        decision=f"<p>{DECISION_TEXT}</p>",
    )
    return meeting


def step(client, meeting, name, reason=""):
    url = reverse("meetings:minutes_step", args=[meeting.pk, name])
    response = client.post(url, {"reason": reason})
    assert response.status_code == 302, response.content[:500]


def headings(html: str) -> list[str]:
    """The decision headings of a meeting page, in order."""
    return re.findall(r'<div class="decision"><h4>([^<]*)</h4>', html)


def pdf_words(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return " ".join(pdf_text(response.content).split())


def internal_pdf(meeting):
    return reverse("meetings:minutes_pdf", args=[meeting.pk])


def public_pdf(meeting):
    return reverse("meetings:public_minutes_pdf", args=[meeting.pk])


def public_page(client_for, meeting) -> str:
    response = client_for(None).get(reverse("meetings:public_meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_label_is_used_wherever_the_decision_is_shown(world, client_for, meeting):
    admin = client_for(world.users["project_admin"])
    assert choose_label(admin, meeting.group, "conclusions").status_code == 302
    case = meeting.cases.get(title="Budsjett 2019")

    secretary = client_for(world.users["secretary"])
    for url in (
        reverse("meetings:case_edit", args=[meeting.pk, case.pk]),
        reverse("meetings:case_create", args=[meeting.pk]),
    ):
        form = secretary.get(url).content.decode()
        assert '<label for="id_decision">Konklusjoner</label>' in form, url
        assert '<label for="id_decision">Vedtak</label>' not in form, url

    # The secretary's save is named by the same word in the case's history.
    edit = reverse("meetings:case_edit", args=[meeting.pk, case.pk])
    data = post_data(secretary.get(edit).context["form"])
    data["decision"] = f"<p>{DECISION_TEXT} Enstemmig.</p>"
    assert secretary.post(edit, data).status_code == 302
    history = secretary.get(reverse("meetings:case_history", args=[meeting.pk, case.pk]))
    assert "<dt>Konklusjoner</dt>" in history.content.decode()
    assert "<dt>Vedtak</dt>" not in history.content.decode()

    assert headings(secretary.get(meeting.get_absolute_url()).content.decode()) == ["Konklusjoner"]
    text = pdf_words(secretary, internal_pdf(meeting))
    assert f"Konklusjoner {DECISION_TEXT}" in text
    assert "Vedtak" not in text

    step(secretary, meeting, "publiser")
    assert headings(public_page(client_for, meeting)) == ["Konklusjoner"]
    text = pdf_words(client_for(None), public_pdf(meeting))
    assert f"Konklusjoner {DECISION_TEXT}" in text
    assert "Vedtak" not in text


def test_the_public_keeps_the_published_label_until_published_again(world, client_for, meeting):
    admin = world.users["project_admin"]
    assert choose_label(client_for(admin), meeting.group, "conclusions").status_code == 302
    step(client_for(world.users["secretary"]), meeting, "publiser")

    assert choose_label(client_for(admin), meeting.group, "resolution").status_code == 302
    # The group's own pages follow at once ...
    secretary = client_for(world.users["secretary"])
    assert headings(secretary.get(meeting.get_absolute_url()).content.decode()) == ["Beslutning"]
    assert f"Beslutning {DECISION_TEXT}" in pdf_words(secretary, internal_pdf(meeting))
    # ... the public reads what was published.
    assert headings(public_page(client_for, meeting)) == ["Konklusjoner"]
    text = pdf_words(client_for(None), public_pdf(meeting))
    assert f"Konklusjoner {DECISION_TEXT}" in text and "Beslutning" not in text

    # The new word is a change of the text: publishing again is accepted and shows it.
    step(client_for(world.users["secretary"]), meeting, "publiser")
    assert meeting.published_versions.count() == 2
    assert headings(public_page(client_for, meeting)) == ["Beslutning"]
    text = pdf_words(client_for(None), public_pdf(meeting))
    assert f"Beslutning {DECISION_TEXT}" in text and "Konklusjoner" not in text


def test_approved_minutes_keep_the_label_they_were_approved_with(world, client_for, meeting):
    admin = world.users["project_admin"]
    assert choose_label(client_for(admin), meeting.group, "conclusions").status_code == 302
    step(client_for(world.users["secretary"]), meeting, "godkjenn")

    # Chosen after the approval, before the archive copy is filed by the first download.
    assert choose_label(client_for(admin), meeting.group, "resolution").status_code == 302
    secretary = client_for(world.users["secretary"])
    assert headings(secretary.get(meeting.get_absolute_url()).content.decode()) == ["Konklusjoner"]
    internal = pdf_words(secretary, internal_pdf(meeting))
    assert f"Konklusjoner {DECISION_TEXT}" in internal and "Beslutning" not in internal

    # Published now, the page and the PDF (the public archive copy) read the same word.
    step(secretary, meeting, "publiser")
    assert headings(public_page(client_for, meeting)) == ["Konklusjoner"]
    public = pdf_words(client_for(None), public_pdf(meeting))
    assert f"Konklusjoner {DECISION_TEXT}" in public and "Beslutning" not in public

    # Reopened, they are a draft again and follow the group.
    secretary = client_for(world.users["secretary"])
    step(secretary, meeting, "gjenapne", "Feil i budsjettet")
    assert headings(secretary.get(meeting.get_absolute_url()).content.decode()) == ["Beslutning"]
    assert headings(public_page(client_for, meeting)) == ["Konklusjoner"]


def test_versions_published_before_labels_read_the_default(world, client_for, meeting):
    secretary = client_for(world.users["secretary"])
    step(secretary, meeting, "publiser")
    # A version frozen before groups chose a label has none in its snapshot.
    version = meeting.published_versions.get()
    del version.snapshot["decision_label"]
    version.save()

    admin = client_for(world.users["project_admin"])
    assert choose_label(admin, meeting.group, "conclusion").status_code == 302
    assert headings(public_page(client_for, meeting)) == ["Vedtak"]
    assert f"Vedtak {DECISION_TEXT}" in pdf_words(client_for(None), public_pdf(meeting))


def test_publishing_the_same_text_as_an_older_version_is_still_refused(world, client_for, meeting):
    secretary = client_for(world.users["secretary"])
    step(secretary, meeting, "publiser")
    version = meeting.published_versions.get()
    del version.snapshot["decision_label"]
    version.save()

    url = reverse("meetings:minutes_step", args=[meeting.pk, "publiser"])
    response = secretary.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "Referatet er allerede publisert" in response.content.decode()
    assert PublishedMinutes.objects.filter(meeting=meeting).count() == 1
