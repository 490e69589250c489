"""Funding lines and progress-matrix activities edited on the project page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projects import services
from projects.models import FundingLine, ProgressActivity, ProgressEntry
from projects.project_admin_forms import format_amount, parse_amount


def funding_data(**overrides):
    data = {"source": "Skjønnsmidler", "year": "2020", "amount": "1 250 000", "note": ""}
    return {**data, **overrides}


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("1 250 000", Decimal("1250000")),
        ("1250000,50", Decimal("1250000.50")),
        ("1\u00a0250\u00a0000,5", Decimal("1250000.5")),
        ("1.250.000", Decimal("1250000")),
        ("1.250.000,75", Decimal("1250000.75")),
        ("250000.00", Decimal("250000")),
        ("kr 300 000,-", Decimal("300000")),
    ],
)
def test_norwegian_amounts_are_read(world, client_for, written, amount):
    client = client_for(world.users["project_admin"])
    url = reverse("projects:funding_create", args=["vag"])
    response = client.post(url, funding_data(amount=written))
    assert response.status_code == 302
    assert world.project.funding_lines.get().amount == amount


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("-5 000", "Beløpet kan ikke være negativt."),
        ("12,345", "Oppgi høyst to desimaler (øre)."),
        ("mange penger", "Skriv beløpet i kroner, f.eks. 1 250 000 eller 1250000,50."),
        ("1,2,3", "Skriv beløpet med høyst ett desimalkomma."),
        ("99999999999", "Beløpet er for stort."),
    ],
)
def test_bad_amounts_are_refused_in_norwegian_and_the_text_kept(
    world, client_for, written, message
):
    client = client_for(world.users["project_admin"])
    url = reverse("projects:funding_create", args=["vag"])
    response = client.post(url, funding_data(amount=written, note="Mitt notat"))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Mitt notat" in page
    assert not world.project.funding_lines.exists()


def test_amounts_are_shown_again_the_norwegian_way():
    assert format_amount(Decimal("1250000.00")) == "1 250 000"
    assert format_amount(Decimal("1250000.50")) == "1 250 000,50"
    assert parse_amount(format_amount(Decimal("987654.32"))) == "987654.32"


def test_funding_line_is_edited_and_a_stale_edit_refused(world, client_for):
    line = services.funding_line_create(
        project=world.project, source="Statsforvalteren", amount=Decimal(100000), year=2019
    )
    client = client_for(world.users["project_admin"])
    url = reverse("projects:funding_edit", args=["vag", line.pk])
    loaded = client.get(url).context["form"]
    seen = loaded.initial["seen_updated_at"]
    assert 'value="100 000"' in client.get(url).content.decode()
    first = funding_data(source="Statsforvalteren", amount="120 000", seen_updated_at=seen)
    assert client.post(url, first).status_code == 302
    stale = funding_data(source="Min kilde", amount="130 000", seen_updated_at=seen)
    response = client.post(url, stale)
    assert response.status_code == 409
    assert "Min kilde" in response.content.decode()
    line.refresh_from_db()
    assert (line.source, line.amount) == ("Statsforvalteren", Decimal(120000))


def test_funding_line_is_deleted_unless_changed_meanwhile(world, client_for):
    line = services.funding_line_create(
        project=world.project, source="KS", amount=Decimal(5000), year=2021
    )
    client = client_for(world.users["project_admin"])
    url = reverse("projects:funding_delete", args=["vag", line.pk])
    seen = client.get(url).context["form"].initial["seen_updated_at"]
    edit = reverse("projects:funding_edit", args=["vag", line.pk])
    client.post(edit, funding_data(source="KS", amount="6000", seen_updated_at=seen))

    response = client.post(url, {"seen_updated_at": seen})
    assert response.status_code == 200
    assert "nothing was deleted" not in response.content.decode()
    assert "ingenting ble slettet" in response.content.decode()
    assert FundingLine.objects.filter(pk=line.pk).exists()

    fresh = client.get(url).context["form"].initial["seen_updated_at"]
    assert client.post(url, {"seen_updated_at": fresh}).status_code == 302
    assert not FundingLine.objects.filter(pk=line.pk).exists()


def test_project_page_offers_funding_and_activity_editing_to_its_admin_only(world, client_for):
    url = reverse("projects:detail", args=["vag"])
    admin_page = client_for(world.users["project_admin"]).get(url).content.decode()
    assert reverse("projects:funding_create", args=["vag"]) in admin_page
    assert reverse("projects:activity_create", args=["vag"]) in admin_page
    reader_page = client_for(world.users["reader"]).get(url).content.decode()
    assert reverse("projects:funding_create", args=["vag"]) not in reader_page
    assert reverse("projects:activity_create", args=["vag"]) not in reader_page


def test_reader_cannot_add_funding(world, client_for):
    url = reverse("projects:funding_create", args=["vag"])
    assert client_for(world.users["reader"]).post(url, funding_data()).status_code == 404
    assert not FundingLine.objects.exists()


def test_activity_is_added_last_and_reordered(world, client_for):
    first = services.progress_activity_create(project=world.project, title="Vedtak", order=1)
    client = client_for(world.users["project_admin"])
    url = reverse("projects:activity_create", args=["vag"])
    assert client.post(url, {"title": "Utredning", "order": ""}).status_code == 302
    added = ProgressActivity.objects.get(title="Utredning")
    assert added.order == 2
    edit = reverse("projects:activity_edit", args=["vag", added.pk])
    seen = client.get(edit).context["form"].initial["seen_updated_at"]
    data = {"title": "Utredning", "order": "0", "seen_updated_at": seen}
    assert client.post(edit, data).status_code == 302
    titles = list(world.project.progress_activities.values_list("title", flat=True))
    assert titles == ["Utredning", first.title]


def test_deleting_an_activity_with_progress_says_what_is_lost_and_needs_a_tick(world, client_for):
    activity = services.progress_activity_create(project=world.project, title="Vedtak")
    services.progress_entry_set(activity=activity, organisation=world.grue, status="done")
    client = client_for(world.users["project_admin"])
    url = reverse("projects:activity_delete", args=["vag", activity.pk])
    page = client.get(url)
    assert "Statusen som er registrert for Grue kommune, går tapt." in page.content.decode()
    initial = page.context["form"].initial
    data = {"seen_updated_at": initial["seen_updated_at"], "entries_seen": "1"}

    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Kryss av for å bekrefte at statusene går tapt." in refused.content.decode()
    assert ProgressActivity.objects.filter(pk=activity.pk).exists()

    # Someone records Åsnes meanwhile: the tick covered one status, not two.
    services.progress_entry_set(activity=activity, organisation=world.asnes, status="done")
    raced = client.post(url, {**data, "confirm": "on"})
    assert raced.status_code == 200
    assert "ingenting ble slettet" in raced.content.decode()
    assert ProgressEntry.objects.filter(activity=activity).count() == 2

    confirmed = client.post(url, {**data, "entries_seen": "2", "confirm": "on"})
    assert confirmed.status_code == 302
    assert not ProgressActivity.objects.filter(pk=activity.pk).exists()
    # Each cell left its history row, so what was lost can still be read.
    assert ProgressEntry.history.filter(history_type="-").count() == 2


def test_activity_without_progress_is_deleted_at_once(world, client_for):
    activity = services.progress_activity_create(project=world.project, title="Vedtak")
    client = client_for(world.users["project_admin"])
    url = reverse("projects:activity_delete", args=["vag", activity.pk])
    page = client.get(url)
    assert "Det er ikke registrert noen framdrift for den ennå." in page.content.decode()
    seen = page.context["form"].initial["seen_updated_at"]
    assert client.post(url, {"seen_updated_at": seen, "entries_seen": "0"}).status_code == 302
    assert not ProgressActivity.objects.filter(pk=activity.pk).exists()
