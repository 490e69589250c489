"""Failures that reach the handler get an answer in Norwegian, never a 500 (samarbeid/errors.py)."""

from django.apps import apps
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from samarbeid.conflicts import WorkflowError
from tests.conftest import build_world
from tests.reliability.test_lost_updates import post_data
from tests.test_permission_matrix import URLS, _objects

REFUSAL = "Steget er ikke mulig nå (test)"
APPS = ("projects", "meetings", "agreements", "notifications")


def _browser_data(client, url):
    """What the page's form would send, or nothing for a button-only POST."""
    response = client.get(url)
    form = (response.context or {}).get("form") if response.status_code == 200 else None
    return post_data(form) if form is not None else {}


def test_a_workflow_error_from_any_post_is_never_a_500(db, media, monkeypatch):
    world = build_world()
    objects = _objects(world)["vag"]
    client = Client(raise_request_exception=False)
    client.force_login(world.users["portal_admin"])
    refused = []

    def refuse(self, *args, **kwargs):
        refused.append(type(self).__name__)
        raise WorkflowError(REFUSAL)

    # Every write of the portal's own models is refused, from deep inside each service.
    for model in apps.get_models():
        if model._meta.app_label in APPS:
            monkeypatch.setattr(model, "save", refuse)
    answers = {}
    for name in sorted({name for name, *_ in URLS}):
        entry = next(e for e in URLS if e[0] == name)
        url = reverse(name, args=entry[2](world, objects))
        before = len(refused)
        response = client.post(url, _browser_data(client, url))
        answers[url] = response.status_code
        assert response.status_code < 500, (url, response.status_code)
        if len(refused) > before and response.status_code in (200, 409):
            assert REFUSAL in response.content.decode(), url
    assert len(refused) >= 10


def test_an_uncaught_workflow_error_is_a_409_with_the_text_kept(world, client_for, monkeypatch):
    from projects import services

    def refuse(**kwargs):
        raise WorkflowError(REFUSAL)

    # The remove view calls its service without catching refusals: the middleware answers.
    monkeypatch.setattr(services, "project_participation_remove", refuse)
    participation = world.project.participations.get(organisation=world.grue)
    url = reverse("projects:participation_remove", args=[world.project.slug, participation.pk])
    client = client_for(world.users["project_admin"])
    response = client.post(url, {"note": "Min tekst som ikke må gå tapt"}, HTTP_REFERER=url)
    assert response.status_code == 409
    page = response.content.decode()
    assert REFUSAL in page and "Min tekst som ikke må gå tapt" in page
    assert "Det du skrev" in page
    assert f'href="{url}"' in page
    # The editor's script asks for JSON and shows its "error".
    response = client.post(url, HTTP_X_REQUESTED_WITH="fetch")
    assert (response.status_code, response.json()) == (409, {"error": REFUSAL})


def test_database_unavailable_is_a_norwegian_503_with_retry_after(world, monkeypatch):
    from django.db import connection

    def unreachable(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: too many clients")

    member = Client(raise_request_exception=False)
    member.force_login(world.users["member"])
    visits = [
        # The session is read in a middleware, before any view: handler500 answers.
        (member, reverse("projects:list")),
        # An anonymous visitor's first query is in the view: the middleware answers.
        (Client(raise_request_exception=False), reverse("meetings:public_project", args=["vag"])),
    ]
    for client, url in visits:
        # Every query fails, as with the server gone or its connections used up.
        with monkeypatch.context() as patch:
            patch.setattr(connection, "cursor", unreachable)
            response = client.get(url)
        assert response.status_code == 503, url
        assert response["Retry-After"] == "30"
        assert "får ikke kontakt med databasen" in response.content.decode()
