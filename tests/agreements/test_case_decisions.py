"""A meeting approves an agreement and sends it on; an agreement replaces earlier ones (issue 21).

Through the views with the pages' own forms: the steering group's secretary links from the
case, the project admin chooses what an agreement replaces on its edit page.
"""

import re

import pytest
from django.urls import reverse

from agreements.drafting import PartySpec
from agreements.models import AgreementCaseDecision
from tests.agreements.helpers import blank_agreement
from tests.meetings.decision_helpers import (  # noqa: F401 - the fixtures, by their names
    browser_post,
    case_fixture,
    meeting_fixture,
    words,
)
from tests.pdf.helpers import pdf_text

SENT_ON = "kommunestyrene i Våler, Åsnes og Grue"
LOCKED = "Referatet er godkjent og låst. Gjenåpne det for å gjøre endringer."

pytestmark = pytest.mark.usefixtures("quiet_minutes_tasks")


def other_agreement(world):
    parties = [PartySpec(world.bodo), PartySpec(world.valer)]
    project = world.other_project
    return blank_agreement(world, project=project, parties=parties, title="Bodø-avtalen")


def link_url(case):
    return reverse("agreements:case_link", args=[case.meeting_id, case.pk])


def text_of(response) -> str:
    assert response.status_code == 200
    inline = re.sub(r"</?(a|strong)\b[^>]*>", "", response.content.decode())
    return words(re.sub(r"<[^>]+>", " ", inline))


def test_the_secretary_links_the_approved_agreement(world, client_for, meeting, case):
    agreement = blank_agreement(world)
    secretary = client_for(world.users["secretary"])
    response = browser_post(
        secretary,
        link_url(case),
        {"agreement": agreement.pk, "kind": "approved", "sent_on_to": SENT_ON},
    )
    assert response.status_code == 302

    decision = AgreementCaseDecision.objects.get()
    assert (decision.agreement, decision.case, decision.kind) == (agreement, case, "approved")
    assert decision.sent_on_to == SENT_ON
    assert decision.history.get().history_user == world.users["secretary"]

    shown = f"Godkjent avtale: Samarbeidsavtale VÅG – sendt videre til {SENT_ON}"
    assert shown in text_of(secretary.get(meeting.get_absolute_url()))
    pdf = secretary.get(reverse("meetings:minutes_pdf", args=[meeting.pk]))
    assert shown in words(pdf_text(pdf.content))

    # The agreement's page names the case and where it went next ...
    page = text_of(client_for(world.users["project_admin"]).get(agreement.get_absolute_url()))
    assert f"Godkjent i {case.label} (Styringsgruppe, 12.3.2018) – sendt videre til {SENT_ON}" in (
        page
    )
    # ... to those who may read the minutes: a party's director does not read drafts.
    page = text_of(client_for(world.users["director"]).get(agreement.get_absolute_url()))
    assert "Behandlet i møter" not in page and "Samarbeidsavtale VÅG" in page

    # Recorded again, it is corrected, not doubled.
    secretary = client_for(world.users["secretary"])
    response = browser_post(
        secretary, link_url(case), {"agreement": agreement.pk, "kind": "recommended"}
    )
    assert response.status_code == 302
    decision = AgreementCaseDecision.objects.get()
    assert (decision.kind, decision.sent_on_to) == ("recommended", "")
    assert "Anbefalt avtale: Samarbeidsavtale VÅG" in text_of(
        secretary.get(meeting.get_absolute_url())
    )


def test_an_agreement_of_another_project_cannot_be_linked(world, client_for, case):
    other = other_agreement(world)
    secretary = client_for(world.users["secretary"])
    form_page = secretary.get(link_url(case)).content.decode()
    assert "Bodø-avtalen" not in form_page
    response = browser_post(secretary, link_url(case), {"agreement": other.pk})
    assert response.status_code == 200
    assert "agreement" in response.context["form"].errors
    assert not AgreementCaseDecision.objects.exists()


def test_approved_minutes_refuse_the_link(world, client_for, meeting, case):
    agreement = blank_agreement(world)
    secretary = client_for(world.users["secretary"])
    step = reverse("meetings:minutes_step", args=[meeting.pk, "godkjenn"])
    assert secretary.post(step, {"reason": ""}).status_code == 302
    response = browser_post(secretary, link_url(case), {"agreement": agreement.pk})
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert not AgreementCaseDecision.objects.exists()


def test_a_bad_kind_is_a_form_error(world, client_for, case):
    agreement = blank_agreement(world)
    secretary = client_for(world.users["secretary"])
    response = browser_post(secretary, link_url(case), {"agreement": agreement.pk, "kind": "x"})
    assert response.status_code == 200
    assert "kind" in response.context["form"].errors
    response = browser_post(secretary, link_url(case), {"agreement": "ikke et tall"})
    assert response.status_code == 200
    assert not AgreementCaseDecision.objects.exists()


def test_outsiders_get_404(world, client_for, case):
    agreement = blank_agreement(world)
    for role in ("outsider", "member", "director"):
        client = client_for(world.users[role])
        assert client.get(link_url(case)).status_code == 404, role
        assert client.post(link_url(case), {"agreement": agreement.pk}).status_code == 404, role
    assert not AgreementCaseDecision.objects.exists()


def test_an_agreement_replaces_earlier_ones(world, client_for):
    old = blank_agreement(world, title="Samarbeidsavtale 2016")
    older = blank_agreement(world, title="Samarbeidsavtale 2012")
    new = blank_agreement(world, title="Samarbeidsavtale 2020")
    other = other_agreement(world)
    admin = client_for(world.users["project_admin"])
    edit = reverse("agreements:edit", args=[new.pk])

    form_page = admin.get(edit).content.decode()
    assert "Samarbeidsavtale 2016" in form_page and "Bodø-avtalen" not in form_page
    assert f'value="{new.pk}"' not in form_page.split('name="replaces"', 1)[-1].split("</div>")[0]

    response = browser_post(admin, edit, {"replaces": [str(old.pk), str(older.pk)]})
    assert response.status_code == 302
    assert set(new.replaces.all()) == {old, older}
    assert list(old.replaced_by.all()) == [new]
    assert new.history.latest().replaces.count() == 2  # the history keeps what it replaced

    page = text_of(admin.get(new.get_absolute_url()))
    assert "Erstatter Samarbeidsavtale 2012, Samarbeidsavtale 2016" in page
    assert "Erstattet av Samarbeidsavtale 2020" in text_of(admin.get(old.get_absolute_url()))

    # Itself or another project's agreement: a form error, nothing changed.
    for bad in (new.pk, other.pk):
        response = browser_post(admin, edit, {"replaces": [str(bad)]})
        assert response.status_code == 200, bad
        assert "replaces" in response.context["form"].errors
    assert set(new.replaces.all()) == {old, older}
