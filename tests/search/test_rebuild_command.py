"""``manage.py rebuild_search_index`` writes every entry anew, removes stale ones, and can run
again with the same result."""

from io import StringIO

from django.core.management import call_command

from meetings.models import Case
from search.models import SearchEntry
from tests.search.helpers import EXEMPT_MARKER, build, search


def snapshot():
    return sorted(
        SearchEntry.objects.values_list("kind", "object_id", "title", "body", "url", "year")
    )


def test_rebuild_restores_the_index_and_is_idempotent(world, client_for):
    content = build(world)
    written_by_services = snapshot()
    # A stale row (its case is gone) and a lost one.
    SearchEntry.objects.filter(kind="case", object_id=content.exempt.pk).delete()
    SearchEntry.objects.create(
        kind="case",
        object_id=Case.objects.order_by("-pk").first().pk + 1000,
        project=world.project,
        dated=content.approved.starts_at,
        title="Gammel sak",
        url="/",
    )
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "case: " in out.getvalue()
    rebuilt = snapshot()
    # The same rows the services wrote: the lost one back, the stale one gone.
    assert rebuilt == written_by_services
    assert not SearchEntry.objects.filter(title="Gammel sak").exists()
    call_command("rebuild_search_index", stdout=StringIO())
    assert snapshot() == rebuilt
    found = search(client_for(world.users["secretary"]), EXEMPT_MARKER).context["page"]
    assert [entry.title for entry in found] == ["Sak 3/18 Personalsak"]
    projects = search(client_for(world.users["reader"]), "Våler Åsnes", kind="project")
    assert [e.title for e in projects.context["page"]] == [world.project.name]


def test_the_deploy_fills_an_empty_index_once_and_leaves_a_used_one_alone(world):
    build(world)
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", "--if-empty", stdout=StringIO())
    filled = snapshot()
    assert any(kind == "case" for kind, *_ in filled)
    # In use: a row the services would have rewritten stays as it is, no rebuild ran.
    SearchEntry.objects.filter(kind="case").update(title="uendret")
    out = StringIO()
    call_command("rebuild_search_index", "--if-empty", stdout=out)
    assert "nothing rebuilt" in out.getvalue()
    assert set(SearchEntry.objects.filter(kind="case").values_list("title", flat=True)) == {
        "uendret"
    }
