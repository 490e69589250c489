"""The Django admin opens every model's list and add form without an error."""

import pytest
from django.contrib import admin
from django.urls import reverse

OUR_APPS = {"accounts", "projects", "meetings", "agreements", "notifications"}
MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in OUR_APPS
)
# Records nobody may add or change by hand, not even an admin: their add page answers 403.
RECORDS = {
    ("meetings", "minutesarchive"),
    ("meetings", "minutesrendering"),
    ("meetings", "publishedminutes"),
    ("meetings", "invitationdelivery"),
    ("notifications", "notification"),
}


def test_every_model_of_ours_is_in_the_admin():
    from django.apps import apps

    from tests.test_history import DERIVED

    ours = {
        (m._meta.app_label, m._meta.model_name)
        for app in OUR_APPS
        for m in apps.get_app_config(app).get_models()
        if not m.__name__.startswith("Historical") and m not in DERIVED
    }
    bookkeeping = {("meetings", "casesequence")}
    assert ours - bookkeeping - set(MODELS) == set()


@pytest.mark.parametrize(("app_label", "model_name"), MODELS)
def test_admin_pages_open(world, client_for, app_label, model_name):
    client = client_for(world.users["portal_admin"])
    changelist = reverse(f"admin:{app_label}_{model_name}_changelist")
    assert client.get(changelist).status_code == 200
    add = client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    assert add.status_code == (403 if (app_label, model_name) in RECORDS else 200)


ALL_MODELS = sorted(
    (model._meta.app_label, model._meta.model_name, admin_class)
    for model, admin_class in admin.site._registry.items()
)


def _autocomplete_fields():
    """(app_label, model_name, field_name) of every autocomplete field in the admin."""
    for model, model_admin in admin.site._registry.items():
        for field_name in model_admin.get_autocomplete_fields(None):
            yield model._meta.app_label, model._meta.model_name, field_name


@pytest.mark.parametrize(("app_label", "model_name"), [m[:2] for m in ALL_MODELS])
def test_garbage_in_any_admin_page_is_never_a_500(world, app_label, model_name):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(world.users["portal_admin"])
    prefix = f"admin:{app_label}_{model_name}"
    changelist = reverse(f"{prefix}_changelist")
    answers = {
        "add": client.get(reverse(f"{prefix}_add")).status_code,
        "add post": client.post(reverse(f"{prefix}_add"), {"id": "x", "name": "\x00"}).status_code,
        "list": client.get(changelist).status_code,
        "list garbage": client.get(
            changelist, {"o": "x.-9", "p": "garbage", "q": "\x00", "all": "", "nope__gt": "x"}
        ).status_code,
        "change": client.get(f"{changelist}garbage%00/change/").status_code,
        "delete": client.post(f"{changelist}999999999999/delete/", {"post": "yes"}).status_code,
    }
    assert {name: status for name, status in answers.items() if status >= 500} == {}


@pytest.mark.parametrize(("app_label", "model_name", "field_name"), sorted(_autocomplete_fields()))
def test_admin_autocomplete_with_garbage_is_never_a_500(world, app_label, model_name, field_name):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(world.users["portal_admin"])
    url = reverse("admin:autocomplete")
    field = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
    tries = [
        {**field, "term": "a"},
        {**field, "page": "x"},
        {**field, "field_name": "garbage"},
        {**field, "app_label": "garbage"},
        # PostgreSQL refuses a NUL in any query.
        {**field, "term": "\x00"},
    ]
    answers = [client.get(url, params).status_code for params in tries]
    assert all(status < 500 for status in answers), answers
    assert answers[0] == 200
