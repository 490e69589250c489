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
