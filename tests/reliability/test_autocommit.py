"""Row locks need a transaction: on PostgreSQL a lock taken in autocommit is a 500.

The test database of most tests wraps each test in a transaction, which hides a service
that forgot its ``transaction.atomic``. These tests run as production does: in autocommit
(``transaction=True``), on PostgreSQL, through the forms a browser sends.
"""

import pytest
from django import forms
from django.db import transaction
from django.db.transaction import TransactionManagementError
from django.urls import reverse

from agreements.models import Agreement
from meetings import numbering
from samarbeid.conflicts import ensure_unchanged
from tests.agreements.helpers import blank_agreement
from tests.conftest import build_world
from tests.reliability.test_lost_updates import post_data, text_field
from tests.test_permission_matrix import URLS, _objects

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres")]


def test_ensure_unchanged_refuses_to_run_outside_a_transaction():
    agreement = blank_agreement(build_world())
    with pytest.raises(TransactionManagementError, match=r"transaction\.atomic"):
        ensure_unchanged(agreement, agreement.updated_at)
    with transaction.atomic():
        ensure_unchanged(agreement, agreement.updated_at)


def test_case_numbering_refuses_to_run_outside_a_transaction():
    world = build_world()
    with pytest.raises(TransactionManagementError, match=r"transaction\.atomic"):
        numbering.take_case_number(world.steering_group, 2026)


def test_the_project_admin_saves_the_agreement_details(client_for):
    world = build_world()
    agreement = blank_agreement(world)
    client = client_for(world.users["project_admin"])
    url = reverse("agreements:edit", args=[agreement.pk])
    form = client.get(url).context["form"]
    data = {**post_data(form), "title": "Samarbeidsavtale VÅG 2026"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert Agreement.objects.get(pk=agreement.pk).title == "Samarbeidsavtale VÅG 2026"


def test_every_edit_form_saves_in_autocommit(client, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    world = build_world()
    objects = _objects(world)["vag"]
    client.force_login(world.users["portal_admin"])
    saved, problems = [], []
    for name, method, args, *_ in URLS:
        if method != "get":
            continue
        url = reverse(name, args=args(world, objects))
        response = client.get(url)
        form = (response.context or {}).get("form") if response.status_code == 200 else None
        if not (isinstance(form, forms.ModelForm) and form.instance.pk is not None):
            continue
        data = post_data(form)
        field = text_field(form)
        data[field] = f"{data.get(field, '')} endret".strip()
        response = client.post(url, data)
        (saved if response.status_code == 302 else problems).append((url, response.status_code))
    assert problems == []
    assert len(saved) >= 5
