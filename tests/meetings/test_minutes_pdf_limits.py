"""Minutes PDFs that cannot stall the site: request limit, the worker, remembered failures.

Pathological notes are written past the sanitiser (as legacy rows from before the caps in
meetings.richtext would be). Nested lists are WeasyPrint's weak spot: 90 levels take seconds,
3,000 take seconds and then fail with a RecursionError. "Too slow" is made cheap with a limit
of 1 s; no test asserts a time.
"""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from meetings import minutes_pdf, services
from meetings.models import Case, MinutesArchive, MinutesRendering
from meetings.tasks import minutes_archive as archive_task
from meetings.tasks import minutes_archive_sweep as sweep_task
from samarbeid.outbox.models import OutboxMessage
from samarbeid.outbox.services import forget_broker_failures
from samarbeid.pdf import render
from tests import outbox_helpers
from tests.pdf.helpers import pdf_text
from tests.reliability.redis_switch import dead_redis_url, redis_at

SLOW = 90  # levels of nested lists: seconds of layout, then a PDF
BROKEN = 500  # fails quickly (RecursionError)
PATHOLOGICAL = 3000  # the production finding: long layout, then a RecursionError


def nested(levels: int) -> str:
    return "<ul><li>Nivå" * levels + "</li></ul>" * levels


@pytest.fixture(autouse=True)
def limits(settings, tmp_path):
    # The cache is Redis when REDIS_URL is set, and outlives the test database.
    cache.clear()
    settings.PDF_REQUEST_RENDER_LIMIT = 10
    settings.PDF_RENDER_TIME_LIMIT = 30
    settings.PDF_REQUEST_MAX_HTML = 250_000
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media", "base_url": "/media/"},
        },
    }


@pytest.fixture
def layouts(monkeypatch):
    """How many layouts were started: the real forked renderer, counted on its way in."""
    started = []
    real = render._run_in_child

    def counting(job, limit):
        started.append(limit)
        return real(job, limit)

    monkeypatch.setattr(render, "_run_in_child", counting)
    return started


@pytest.fixture
def queued(monkeypatch):
    """Stands in for the broker: records what was queued, runs nothing."""
    render = outbox_helpers.hold(monkeypatch, "meetings.tasks.minutes_pdf_render")
    archive = outbox_helpers.hold(monkeypatch, "meetings.tasks.minutes_archive")
    return {"render": render, "archive": archive}


@pytest.fixture
def meeting(world, queued):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2018, 9, 14, 11)),
    )
    services.case_add(
        meeting=meeting,
        title="Økonomiplan for Åsnes",
        notes="<p>Blåbærsyltetøy i Ærøy.</p>",
    )
    return meeting


def make_pathological(meeting, levels: int) -> Case:
    case = services.case_add(meeting=meeting, title="Innlimt fra et gammelt system")
    Case.objects.filter(pk=case.pk).update(notes=nested(levels))
    return case


def get_pdf(client, meeting, *, public=False, capture):
    name = "meetings:public_minutes_pdf" if public else "meetings:minutes_pdf"
    with capture(execute=True):
        return client.get(reverse(name, args=[meeting.pk]))


def assert_being_made(response):
    assert response.status_code == 202
    page = response.content.decode()
    assert "Dokumentet blir laget, prøv igjen om litt" in page
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    assert '<meta http-equiv="refresh" content="10">' in page
    assert f'href="{response.wsgi_request.get_full_path()}"' in page
    assert "<script" not in page


def test_a_draft_too_slow_for_a_request_goes_to_the_worker(
    meeting, world, client_for, settings, queued, layouts, django_capture_on_commit_callbacks
):
    settings.PDF_REQUEST_RENDER_LIMIT = 1
    make_pathological(meeting, SLOW)
    client = client_for(world.users["secretary"])

    first = get_pdf(client, meeting, capture=django_capture_on_commit_callbacks)
    again = get_pdf(client, meeting, capture=django_capture_on_commit_callbacks)

    assert_being_made(first)
    assert_being_made(again)
    # One layout, stopped at the request's limit; the second request started none.
    assert layouts == [1]
    assert len(queued["render"]) == 1
    meeting_id, version, key = queued["render"][0]
    assert (meeting_id, version) == (meeting.pk, "internal")
    row = MinutesRendering.objects.get(key=key)
    assert row.state == MinutesRendering.State.QUEUED


def test_a_large_draft_is_made_by_the_worker_and_then_served(
    meeting, world, client_for, settings, queued, layouts, django_capture_on_commit_callbacks
):
    settings.PDF_REQUEST_MAX_HTML = 1_000
    client = client_for(world.users["member"])

    assert_being_made(get_pdf(client, meeting, capture=django_capture_on_commit_callbacks))
    assert layouts == []  # too large: not even tried in the request

    (args,) = queued["render"]
    made = minutes_pdf.minutes_draft_render(meeting_id=args[0], version=args[1], key=args[2])
    assert made is True
    # Idempotent: a second delivery of the task lays out nothing.
    assert (
        minutes_pdf.minutes_draft_render(meeting_id=args[0], version=args[1], key=args[2]) is False
    )
    assert len(layouts) == 1

    response = get_pdf(client, meeting, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Blåbærsyltetøy i Ærøy." in text
    assert "UTKAST" in text
    assert len(layouts) == 1  # served from what the worker put in the cache
    assert not MinutesRendering.objects.exists()


def test_public_pathological_minutes_are_laid_out_once_then_answered_from_memory(
    meeting, world, client_for, settings, queued, layouts, django_capture_on_commit_callbacks
):
    settings.PDF_REQUEST_RENDER_LIMIT = 1
    settings.PDF_RENDER_TIME_LIMIT = 2
    make_pathological(meeting, PATHOLOGICAL)
    services.minutes_publish(meeting=meeting, by=world.users["secretary"])
    anonymous = client_for(None)

    # The public PDF is the published version's own: laid out once, within the request limit;
    # stopped there, the failure is remembered and anyone asking again is answered from it.
    for _ in range(3):
        response = get_pdf(
            anonymous, meeting, public=True, capture=django_capture_on_commit_callbacks
        )
        assert response.status_code == 503
        content = response.content.decode()
        assert "PDF-en kunne ikke lages" in content
        assert "tok for lang tid" in content
    assert layouts == [1]  # the first request's attempt only, stopped at the request limit
    failed = MinutesRendering.objects.get()
    assert failed.state == MinutesRendering.State.FAILED
    assert failed.timed_out is True
    assert queued["render"] == []


def test_a_failure_is_remembered_until_the_content_changes(
    meeting, world, client_for, queued, layouts, django_capture_on_commit_callbacks, caplog
):
    case = make_pathological(meeting, BROKEN)
    client = client_for(world.users["secretary"])

    first = get_pdf(client, meeting, capture=django_capture_on_commit_callbacks)
    with caplog.at_level("INFO", logger="meetings.pdf_renderings"):
        second = get_pdf(client, meeting, capture=django_capture_on_commit_callbacks)

    assert first.status_code == second.status_code == 503
    assert "Noe gikk galt" in second.content.decode()
    assert len(layouts) == 1
    assert "failed before" in caplog.text
    assert queued["render"] == []  # an error, not slowness: the worker would fail the same way
    row = MinutesRendering.objects.get()
    assert row.state == MinutesRendering.State.FAILED
    assert "RecursionError" in row.message

    # The secretary repairs the notes through the form: new content, tried afresh.
    edit = reverse("meetings:case_edit", args=[meeting.pk, case.pk])
    case.refresh_from_db()
    response = client.post(
        edit,
        {
            "title": case.title,
            "kind": case.kind,
            "notes": "<ul><li>Nivå én</li></ul>",
            "decision": "",
            "seen_updated_at": case.updated_at.isoformat(),
        },
    )
    assert response.status_code == 302
    repaired = get_pdf(client, meeting, capture=django_capture_on_commit_callbacks)
    assert repaired.status_code == 200
    assert "Nivå én" in pdf_text(repaired.content)
    assert len(layouts) == 2


def test_a_broker_error_still_answers_the_being_made_page(
    meeting, world, client_for, settings, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    settings.PDF_REQUEST_MAX_HTML = 1_000
    monkeypatch.undo()  # the real outbox, towards a broker where nothing listens
    with redis_at(dead_redis_url()), caplog.at_level("WARNING"):
        try:
            response = get_pdf(
                client_for(world.users["secretary"]),
                meeting,
                capture=django_capture_on_commit_callbacks,
            )
        finally:
            forget_broker_failures()

    assert_being_made(response)
    assert "Broker unreachable" in caplog.text
    # The row stays queued, and the rendering waits in the outbox for the sweep.
    assert MinutesRendering.objects.get().state == MinutesRendering.State.QUEUED
    message = OutboxMessage.objects.get(task="meetings.tasks.minutes_pdf_render")
    assert message.state == OutboxMessage.State.PENDING


# --- Committed for real, on PostgreSQL ---------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_render_task_is_queued_once_after_commit_and_again_when_lost(
    postgres, world, client_for, settings, queued, layouts
):
    settings.PDF_REQUEST_MAX_HTML = 1_000
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2019, 11, 29, 11)),
    )
    client = client_for(world.users["secretary"])
    url = reverse("meetings:minutes_pdf", args=[meeting.pk])

    assert client.get(url).status_code == 202
    assert client.get(url).status_code == 202
    assert len(queued["render"]) == 1
    row = MinutesRendering.objects.get()
    assert row.key == queued["render"][0][2]

    # The task was lost (Redis restarted): once the row is old, the next request queues again.
    MinutesRendering.objects.filter(pk=row.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert client.get(url).status_code == 202
    assert len(queued["render"]) == 2
    assert layouts == []


# --- The archive copy ---------------------------------------------------------------------


def test_an_archive_copy_that_cannot_be_made_is_recorded_and_shown_to_insiders(
    meeting, world, client_for, settings, layouts
):
    settings.PDF_RENDER_TIME_LIMIT = 1
    make_pathological(meeting, PATHOLOGICAL)
    services.minutes_approve(meeting=meeting, by=world.users["secretary"])

    # Not raised: the task would retry the same content and fail the same way.
    assert archive_task.run(meeting.pk) == []
    failures = MinutesRendering.objects.filter(state=MinutesRendering.State.FAILED)
    assert {row.version for row in failures} == {"internal", "public"}
    assert all(row.approval is not None and row.timed_out for row in failures)
    assert len(layouts) == 2

    # Run again (a retry, the sweep): answered from memory.
    assert archive_task.run(meeting.pk) == []
    assert len(layouts) == 2

    url = reverse("meetings:detail", args=[meeting.pk])
    for role in ("secretary", "member"):
        page = client_for(world.users[role]).get(url).content.decode()
        assert "Arkivkopien kunne ikke lages" in page
    reader_page = client_for(world.users["reader"]).get(url)
    assert reader_page.status_code == 200
    assert "Arkivkopien kunne ikke lages" not in reader_page.content.decode()

    download = client_for(world.users["member"]).get(
        reverse("meetings:minutes_pdf", args=[meeting.pk])
    )
    assert download.status_code == 503
    assert len(layouts) == 2


def test_a_storage_error_is_raised_for_the_retry_and_the_sweep_queues_it_again(
    meeting, world, monkeypatch, queued, django_capture_on_commit_callbacks
):
    services.minutes_approve(meeting=meeting, by=world.users["secretary"])

    def storage_down(*args, **kwargs):
        raise OSError("the media store did not answer")

    with monkeypatch.context() as patched:
        patched.setattr(minutes_pdf, "_store", storage_down)
        with pytest.raises(OSError):
            archive_task.run(meeting.pk)
    assert not MinutesRendering.objects.exists()  # not a rendering failure

    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_task.run() == [meeting.pk]
    assert queued["archive"] == [(meeting.pk,)]

    archive_task.run(meeting.pk)
    assert MinutesArchive.objects.filter(meeting=meeting).count() == 2
    assert sweep_task.run() == []


def test_the_sweep_finds_a_reapproval_without_its_copies(meeting, world, queued):
    services.minutes_approve(meeting=meeting, by=world.users["secretary"])
    archive_task.run(meeting.pk)
    assert sweep_task.run() == []

    services.minutes_reopen(meeting=meeting, by=world.users["secretary"], reason="Rettelse")
    assert sweep_task.run() == []  # a draft again: nothing to file
    services.minutes_approve(meeting=meeting, by=world.users["secretary"])
    assert sweep_task.run() == [meeting.pk]


def test_the_sweep_runs_hourly(settings):
    entries = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert entries["meetings.tasks.minutes_archive_sweep"]["schedule"] == 60 * 60
