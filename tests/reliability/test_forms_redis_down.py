"""Issue 12's "done when": every form, posted as a browser would by each demo role, on
PostgreSQL in autocommit with Redis unreachable, answers without a server error; once Redis is
back, every side effect recorded meanwhile is delivered exactly once.

The forms are found, not listed: each role's crawl (tests/crawler.py) follows links from the
front page, and every `<form method="post">` on the pages it reaches is submitted as the
browser would send it (tests/browser_forms.py), with the CSRF token from the page and a client
that enforces it. Each form is posted once per role (one page of each URL pattern); a new form
is covered as soon as a page links to it.

Forms not posted: the log-out button in the header (it would end the session the rest of the
role's forms are posted in; logging out touches neither the cache nor Celery). Forms that
delete, cancel, end or withdraw something are posted after every other role's other forms, so
they do not take away what the rest would post to; the workflow steps (send for comments,
approve, publish) just before them, as approved minutes refuse every edit.

Answer times are printed in the summary table, never asserted (a shared machine's timing is
no test); issue 12 asks for under 5 s, and the table marks slower answers.
"""

import datetime
import io
import os
import re
import subprocess
import sys
import time
import traceback
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from meetings.models import InvitationDelivery
from notifications.models import Notification
from samarbeid.celery import app as celery_app
from samarbeid.tasks import ping
from tests.browser_forms import BrowserForm, error_ids, error_texts, parse_forms, submission
from tests.conftest import ROLES
from tests.crawler import PER_PATTERN, START, crawl, url_name
from tests.demo_extra import DEMO_LOGINS, add_meetings_in_progress
from tests.infra.worker import (
    WorkerProcess,
    _stop,
    _wait_until_ready,
    require_redis_url,
    unique_queue_name,
)
from tests.mail_files import written_mails
from tests.reliability.redis_switch import RedisSwitch, dead_redis_url

pytestmark = [pytest.mark.postgres, pytest.mark.worker]

BASE_DIR = Path(settings.BASE_DIR)
CELERY = Path(sys.executable).with_name("celery")
# Issue 12's budget for one answer; only reported.
SLOW = 5.0
CANDIDATES = 3
SKIPPED = {"logout": "ends the session the role's other forms are posted in"}
DESTRUCTIVE = re.compile(r"delete|remove|cancel|withdraw|_end$|slett|avlys|trekk", re.IGNORECASE)
WORKFLOW = re.compile(r"_step$|minutes_send$")
# How long the revived worker may take to deliver what was recorded; a bound, not a measure.
DELIVERY_WAIT = 180
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Posted:
    role: str
    page: str
    action: str
    pattern: str
    status: int | None = None
    seconds: float = 0.0
    # Status of the page the answer redirects to, as the browser follows it.
    then: int | None = None
    error: str = ""
    where: str = ""
    filled: list[str] = field(default_factory=list)
    note: str = ""
    # Answered with the form again and an error summary: nothing was done.
    refused: bool = False


@pytest.fixture
def dead_redis():
    """The cache and the Celery app on a port where nothing listens."""
    switch = RedisSwitch(dead_redis_url())
    switch.point_at(switch.url)
    try:
        yield switch
    finally:
        switch.close()


@pytest.fixture
def demo(transactional_db, postgres, settings, media):
    """The demo and meetings in progress, committed (autocommit, as in production)."""
    settings.PASSWORD_HASHERS = FAST_HASHER
    # The demo's own queued tasks go to an in-memory broker: nowhere, and no shared queue.
    quiet = RedisSwitch("memory://", cache=False)
    quiet.point_at("memory://")
    try:
        call_command("load_demo", "--allow-without-debug", stdout=io.StringIO())
        extra = add_meetings_in_progress()
    finally:
        quiet.close()
    # The workflow's forms (invite, cancel, send for comments, comment) show only on meetings
    # in progress: every crawl starts there too, so the per-pattern cap never leaves them out.
    return tuple(
        reverse("meetings:detail", args=[extra[name].pk]) for name in ("planned", "for_comments")
    )


# --- the sanity checks: the harness really cuts Redis off, and really brings it back ---------


def test_the_broker_and_the_cache_are_really_cut_off(dead_redis):
    started = time.perf_counter()
    with pytest.raises(Exception) as raised, celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=0)
    print(f"connecting raised {_name(raised.value)} after {time.perf_counter() - started:.2f} s")
    # The cache fails soft (a miss), and it says it saw Redis gone.
    assert cache.get("anything", "miss") == "miss"
    assert not cache._available()
    assert str(dead_redis.url.rsplit(":", 1)[1].split("/")[0]) in celery_app.conf.broker_url


def test_the_switch_back_reaches_a_real_worker(transactional_db, postgres, dead_redis, tmp_path):
    redis_url = require_redis_url()
    queue = unique_queue_name("redis-back")
    dead_redis.point_at(redis_url, queue=queue)
    with _worker(queue, tmp_path):
        assert ping.delay().get(timeout=30) == "pong"
    cache.set("redis-back", 1, timeout=5)
    assert cache.get("redis-back") == 1


# --- the harness -----------------------------------------------------------------------------


def test_every_form_answers_without_a_server_error_with_redis_down(demo, dead_redis, tmp_path):
    clients = {role: _client(username) for role, username in DEMO_LOGINS.items()}
    page_errors: list[Posted] = []
    forms = _forms_by_role(clients, page_errors, (*START, *demo))
    sent_before = _deliveries_sent()
    mails_in_requests = len(mail.outbox)

    posted = []
    for phase in (0, 1, 2):
        for role in ROLES:
            for candidates in forms[role]:
                if _phase(*candidates[0]) == phase:
                    posted.append(_post_first_accepted(clients[role], role, candidates))
    _print_table(page_errors + posted)
    print(
        f"mails sent inside requests (not through Celery): {len(mail.outbox) - mails_in_requests}"
    )

    problems = [
        f"{p.role} {p.pattern} {p.action}: {p.status} {p.error} at {p.where}"
        for p in page_errors + posted
        if (p.status or 0) >= 500 or (p.then or 0) >= 500
    ]
    problems += _deliver_when_redis_is_back(dead_redis, tmp_path, sent_before)
    assert len(posted) > 40, "the crawl found too few forms to prove anything"
    assert problems == [], "\n".join(problems)


def _client(username: str | None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if username:
        client.force_login(User.objects.get(username=username))
    return client


def _getter(client: Client, role: str, errors: list[Posted], landed: dict[str, str]):
    """crawl()'s page reader. It notes where each path landed after redirects (a form's empty
    action means that page), and a page that raises is a finding: recorded, the crawl goes on."""

    def get(path):
        started = time.perf_counter()
        try:
            response = client.get(path, follow=True)
        except Exception as error:
            record = Posted(role=role, page=path, action=f"GET {path}", pattern=url_name(path))
            record.seconds = time.perf_counter() - started
            errors.append(_failed(record, error, note="GET"))
            return 500, "", ""
        landed[path] = _path_of(response)
        content_type = response.get("Content-Type", "")
        if response.streaming or not content_type.startswith("text/html"):
            return response.status_code, content_type, ""
        return response.status_code, content_type, response.content.decode()

    return get


def _path_of(response) -> str:
    query = response.request.get("QUERY_STRING", "")
    return response.request["PATH_INFO"] + (f"?{query}" if query else "")


Candidates = list[tuple[str, BrowserForm]]


def _forms_by_role(clients, errors: list[Posted], start) -> dict[str, list[Candidates]]:
    """Each role's POST forms, one of each (action pattern, fields, button), in crawl order,
    with up to CANDIDATES pages showing it: the first may be refused for its object's state
    (a held meeting cannot be cancelled), and then the next is tried."""
    landed: dict[str, dict[str, str]] = {role: {} for role in ROLES}

    def pages_of(role, first):
        getter = _getter(clients[role], role, errors, landed[role])
        return crawl(getter, first, per_pattern=PER_PATTERN)

    pages = {role: pages_of(role, start) for role in ROLES if role != "anonymous"}
    # Public pages are reached from a shared link, not from the login page.
    public = [url for url, page in pages["portal_admin"].items() if ":public_" in page.url_name]
    pages["anonymous"] = pages_of("anonymous", (*start, *public))
    found = {}
    for role, role_pages in pages.items():
        by_key: dict[tuple, list[tuple[str, BrowserForm]]] = {}
        for url, page in role_pages.items():
            where = landed[role].get(url, url)
            for form in parse_forms(page.html):
                key = _form_key(where, form)
                if form.method != "post" or key[0] in SKIPPED:
                    continue
                candidates = by_key.setdefault(key, [])
                if len(candidates) < CANDIDATES and where not in dict(candidates):
                    candidates.append((where, form))
        found[role] = list(by_key.values())
    return found


def _action(page: str, form: BrowserForm) -> str:
    absolute = urljoin("http://testserver" + page, form.action or page)
    parts = urlsplit(absolute)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _form_key(page: str, form: BrowserForm) -> tuple:
    button = form.submitter()
    pressed = (button.name, button.attrs.get("value", "")) if button is not None else None
    return (url_name(_action(page, form)) or "?", form.field_names(), pressed)


def _phase(page: str, form: BrowserForm) -> int:
    """0: ordinary forms; 1: workflow steps, which lock what the ordinary forms edit (approved
    minutes refuse a new case); 2: forms that take something away."""
    button = form.submitter()
    pressed = button.attrs.get("value", "") if button is not None else ""
    pattern = _form_key(page, form)[0]
    if DESTRUCTIVE.search(pattern) or DESTRUCTIVE.search(pressed):
        return 2
    return 1 if WORKFLOW.search(pattern) else 0


def _post_first_accepted(client: Client, role: str, candidates) -> Posted:
    tried = 0
    for page, form in candidates:
        tried += 1
        record = _post(client, role, page, form)
        if not record.refused:
            break
    if tried > 1:
        record.note = f"page {tried} of {len(candidates)}; {record.note}"
    return record


def _post(client: Client, role: str, page: str, form: BrowserForm) -> Posted:
    """Open the page again, as the person would, and submit the form as it is now."""
    wanted = _form_key(page, form)
    record = Posted(role=role, page=page, action=_action(page, form), pattern=wanted[0])
    try:
        response = client.get(page)
    except Exception as error:
        return _failed(record, error, note="opening the page")
    fresh = [f for f in parse_forms(response.content.decode()) if _form_key(page, f) == wanted]
    if response.status_code != 200 or not fresh:
        record.note = f"form gone after earlier posts (page {response.status_code})"
        return record
    try:
        response = _submit(client, record, fresh[0], frozenset())
        # A form the page sent back with errors: fill what it names, once, and send it again.
        html = _html(response)
        needed = error_ids(html)
        if not needed and error_texts(html):
            # Only an error for the whole form ("Name who is responsible"): fill everything.
            needed = {c.attrs["id"] for c in fresh[0].controls if c.attrs.get("id")}
        again = [f for f in parse_forms(html) if _form_key(record.action, f)[1:] == wanted[1:]]
        if needed and again:
            record.note = "2nd try"
            response = _submit(client, record, again[0], frozenset(needed))
    except Exception as error:  # Django's test client re-raises the view's error
        return _failed(record, error, note=record.note)
    record.status = response.status_code
    refusals = error_texts(_html(response))
    record.refused = bool(refusals)
    record.note = " ".join([record.note, *refusals]).strip()
    if response.status_code in (301, 302, 303) and response.get("Location"):
        try:
            record.then = client.get(response["Location"]).status_code
        except Exception as error:
            _failed(record, error, note="following the redirect")
            record.status = response.status_code
            record.then = 500
    return record


def _html(response) -> str:
    if response.status_code != 200 or response.streaming:
        return ""
    if not response.get("Content-Type", "").startswith("text/html"):
        return ""
    return response.content.decode()


def _submit(client: Client, record: Posted, form: BrowserForm, fill: frozenset[str]):
    sent = submission(form, today=timezone.localdate(), fill=fill)
    record.filled = sent.filled
    started = time.perf_counter()
    try:
        if form.enctype == "multipart/form-data" or sent.files:
            return client.post(record.action, sent.post_data())
        return client.post(
            record.action,
            urlencode(sent.data, doseq=True),
            content_type="application/x-www-form-urlencoded",
        )
    finally:
        record.seconds = time.perf_counter() - started


def _failed(record: Posted, error: BaseException, note: str = "") -> Posted:
    record.status = record.status or 500
    record.error = _name(error)
    record.where = _where(error)
    record.note = note
    return record


def _name(error: BaseException) -> str:
    kind = type(error)
    text = str(error).splitlines()[0][:120] if str(error) else ""
    return f"{kind.__module__}.{kind.__qualname__}: {text}"


def _where(error: BaseException) -> str:
    """The last frame in the project's own code, then the frame that raised."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [
        frame
        for frame in frames
        if frame.filename.startswith(str(BASE_DIR))
        and "site-packages" not in frame.filename
        and "/tests/" not in frame.filename
    ]
    parts = []
    if ours:
        frame = ours[-1]
        parts.append(f"{Path(frame.filename).relative_to(BASE_DIR)}:{frame.lineno} {frame.name}")
    if frames:
        last = frames[-1]
        parts.append(f"raised in {Path(last.filename).name}:{last.lineno} {last.name}")
    return " | ".join(parts)


def _print_table(posted: list[Posted]) -> None:
    print()
    print(f"{'role':<14} {'url pattern':<42} {'status':>6} {'then':>5} {'s':>6}  note")
    for p in posted:
        slow = " SLOW" if p.seconds > SLOW else ""
        note = " ".join(filter(None, [p.note, p.error, p.where]))
        if p.filled:
            note += f" (filled {', '.join(p.filled)})"
        print(
            f"{p.role:<14} {p.pattern:<42} {p.status or '-'!s:>6} {p.then or '-'!s:>5} "
            f"{p.seconds:6.2f}{slow}  {note}"
        )
    errors = [p for p in posted if (p.status or 0) >= 500 or (p.then or 0) >= 500]
    slow = [p for p in posted if p.seconds > SLOW]
    print(
        f"{len(posted)} forms posted, {len(errors)} server errors, {len(slow)} slower than {SLOW} s"
    )


# --- Redis comes back ------------------------------------------------------------------------


def _outbox():
    """The transactional outbox, once it is merged: (model, sweep), or None before."""
    try:
        from samarbeid.outbox.services import sweep
    except ImportError:
        return None
    for label in ("outbox", "samarbeid"):
        try:
            return apps.get_model(label, "OutboxMessage"), sweep
        except LookupError:
            continue
    return None


def _deliveries_sent() -> int:
    """Mails the portal has recorded as sent: one per invitation delivery, one per notice, one
    per account e-mail (a login given, a password reset) the outbox has delivered."""
    from samarbeid.outbox.models import OutboxMessage

    return (
        InvitationDelivery.objects.filter(sent_at__isnull=False).count()
        + Notification.objects.filter(sent_at__isnull=False).count()
        + OutboxMessage.objects.filter(task__startswith="accounts.tasks.", state="done").count()
    )


def _deliver_when_redis_is_back(switch: RedisSwitch, tmp_path, sent_before: int) -> list[str]:
    outbox = _outbox()
    if outbox is None:
        # outbox: samarbeid.outbox is not merged yet, so nothing recorded the side effects the
        # posts above could not queue; there is nothing to deliver. Once it is merged this
        # branch is dead and the code below runs.
        print("no outbox yet: the delivery half of issue 12 is not checked")
        return []
    model, sweep = outbox
    recorded = model.objects.count()
    print(f"outbox rows recorded while Redis was down: {recorded}")
    if recorded == 0:
        return ["the outbox recorded nothing while Redis was down"]
    queue = unique_queue_name("redis-back")
    started = timezone.now()
    switch.point_at(require_redis_url(), queue=queue)
    mail_dir = tmp_path / "mail"
    with _worker(queue, tmp_path, mail_dir=mail_dir) as worker:
        deadline = time.monotonic() + DELIVERY_WAIT
        while model.objects.exclude(state="done").exists() and time.monotonic() < deadline:
            sweep()
            time.sleep(0.5)
        first_count = len(written_mails(mail_dir))
        # Sweeping again once all is done must deliver nothing twice.
        sweep()
        _wait_idle(worker)
        messages = written_mails(mail_dir)
    problems = [
        f"outbox row {row['key']} ({row['task']}) is {row['state']} after {row['attempts']} tries"
        for row in model.objects.exclude(state="done").values("key", "task", "state", "attempts")
    ]
    expected = _deliveries_sent() - sent_before
    print(f"mails delivered: {len(messages)}, recorded as sent: {expected}")
    if len(messages) != expected:
        # Which recorded sends have no e-mail: names the gap when the counts disagree.
        written = Counter((m["To"] or "").lower() for m in messages)
        stamped = Counter(
            [
                address.lower()
                for address in InvitationDelivery.objects.filter(
                    sent_at__isnull=False, sent_at__gte=started
                ).values_list("email", flat=True)
            ]
            + [
                (address or "").lower()
                for address in Notification.objects.filter(
                    sent_at__isnull=False, sent_at__gte=started
                ).values_list("recipient__email", flat=True)
            ]
        )
        print(
            f"recorded but not written: {stamped - written}; written, not recorded: "
            f"{written - stamped}"
        )
    if len(messages) != expected or len(messages) != first_count:
        problems.append(
            f"{len(messages)} mails written ({first_count} before the second sweep), "
            f"{expected} recorded as sent"
        )
    return problems


def _worker(queue: str, tmp_path, *, mail_dir: Path | None = None):
    """A real worker on the test database and its own queue (tests/infra/worker.py's way)."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DJANGO_SETTINGS_MODULE": "tests.reliability.worker_settings",
        "TEST_TASK_QUEUE": queue,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir or tmp_path / "mail"),
    }

    @contextmanager
    def run():
        log_path = tmp_path / f"{queue}.log"
        with log_path.open("wb") as log_file:
            process = subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
                [
                    str(CELERY),
                    "-A",
                    "samarbeid",
                    "worker",
                    "--pool=solo",
                    "--loglevel=INFO",
                    "-Q",
                    queue,
                    "-n",
                    f"celery@{queue}",
                    "--without-heartbeat",
                    "--without-gossip",
                    "--without-mingle",
                ],
                cwd=BASE_DIR,
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        worker = WorkerProcess(queue=queue, process=process, log_path=log_path)
        try:
            _wait_until_ready(worker)
            yield worker
        finally:
            _stop(process)

    return run()


def _wait_idle(worker: WorkerProcess) -> None:
    """Until the queue is empty and the worker runs nothing: then every delivery has happened."""
    node = f"celery@{worker.queue}"
    deadline = time.monotonic() + DELIVERY_WAIT
    with celery_app.connection_for_write() as conn:
        client = conn.default_channel.client
        while time.monotonic() < deadline:
            inspect = celery_app.control.inspect([node], timeout=1)
            busy = any((inspect.active() or {}).values()) or any(
                (inspect.reserved() or {}).values()
            )
            if not busy and client.llen(worker.queue) == 0:
                return
            time.sleep(0.5)
    raise AssertionError(f"the worker was still busy after {DELIVERY_WAIT} s:\n{worker.log()}")


def test_the_form_parser_sends_what_a_browser_sends():
    html = """
    <form method="post" action="/x/">
      <input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input name="title" required>
      <input type="date" name="deadline" required>
      <input type="checkbox" name="public">
      <input type="checkbox" name="ok" checked>
      <input type="radio" name="kind" value="a"><input type="radio" name="kind" value="b" checked>
      <select name="group"><option value="">---</option><option value="7">G</option></select>
      <select name="who" required><option value="">---</option><option value="3">P</option></select>
      <textarea name="notes">
Line</textarea>
      <input name="off" value="x" disabled>
      <button name="step" value="send">Send</button><button name="step" value="no">No</button>
    </form>"""
    (form,) = parse_forms(html)
    sent = submission(form, today=datetime.date(2026, 1, 31))
    assert sent.data == {
        "csrfmiddlewaretoken": ["t"],
        "title": ["Test"],
        "deadline": ["2026-02-01"],
        "ok": ["on"],
        "group": [""],
        "who": ["3"],
        "notes": ["Line"],
        "kind": ["b"],
        "step": ["send"],
    }
    assert sent.filled == ["title", "deadline", "who"]
