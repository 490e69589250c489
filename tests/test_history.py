"""Every model of ours keeps its history, and the history names who made each change."""

from django.apps import apps
from django.urls import reverse

from agreements.models import SigningFailure
from meetings.models import CaseSequence, InvitationDelivery, MinutesRendering
from notifications.models import Notification
from projects.models import (
    ProjectGroupUserPermission,
    ProjectOrganisationPermission,
    ProjectUserPermission,
)

# Bookkeeping, not content: grants recomputed from memberships and participation
# (projects.permissions), the case-number counter, the logs of e-mails sent and of wrong
# signing passwords, and the state of PDF renderings (queued, failed), which follows from the
# content.
DERIVED = {
    ProjectUserPermission,
    ProjectOrganisationPermission,
    ProjectGroupUserPermission,
    CaseSequence,
    MinutesRendering,
    InvitationDelivery,
    Notification,
    SigningFailure,
}
OUR_APPS = ("accounts", "projects", "meetings", "agreements", "notifications")


def test_every_model_has_history():
    models = [
        model
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical") and model not in DERIVED
    ]
    missing = [model.__name__ for model in models if not hasattr(model, "history")]
    assert models and missing == []


def test_a_web_change_records_the_user(world, client_for):
    admin = world.users["project_admin"]
    group = world.working_group
    response = client_for(admin).post(
        reverse("projects:mandate_revise", args=["vag", group.pk]),
        {"text": "Utrede felles økonomikontor", "adopted_on": "2022-06-28", "note": ""},
    )
    assert response.status_code == 302
    record = group.mandates.get().history.get()
    assert record.history_type == "+"
    assert record.history_user == admin


def test_logging_in_adds_no_history(world, client):
    from tests.factories import PASSWORD

    reader = world.users["reader"]
    before = reader.history.count()
    assert client.login(username=reader.username, password=PASSWORD)
    reader.refresh_from_db()
    assert reader.last_login is not None
    assert reader.history.count() == before
