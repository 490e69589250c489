"""Backup: pg_dump, then restore into a fresh database, gives the same rows, history
included, and the portal serves its pages from the restored copy."""

import io
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from tests.conftest import require_real_service

BASE_DIR = Path(__file__).resolve().parents[2]

# Run in a fresh process on the restored database: log in as the demo's secretary and open
# the pages every user starts from.
SERVE = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from accounts.models import User
from meetings.models import Meeting
setup_test_environment()
client = Client()
client.force_login(User.objects.get(username="prosjektleder"))
meeting = Meeting.objects.order_by("pk").first()
pages = ["/", "/prosjekter/", "/prosjekter/nav-nordland/", meeting.get_absolute_url()]
answers = {}
for page in pages:
    response = client.get(page)
    answers[page] = [response.status_code, meeting.title in response.content.decode()]
print(json.dumps(answers))
"""


def row_counts(cursor) -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        table = model._meta.db_table
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - table names from models
        counts[table] = cursor.fetchone()[0]
    return counts


def checksum(cursor, table: str) -> str:
    cursor.execute(f"SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM \"{table}\" t")  # noqa: S608
    return cursor.fetchone()[0]


@pytest.fixture
def restored(transactional_db, settings, tmp_path):
    require_real_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    for tool in ("pg_dump", "psql"):
        require_real_service(shutil.which(tool) is not None, tool)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", "--allow-without-debug", stdout=io.StringIO())

    params = connection.get_connection_params()
    source = connection.settings_dict["NAME"]
    target = f"{source}_restore_{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "PGHOST": params.get("host") or "127.0.0.1",
        "PGPORT": str(params.get("port") or 5432),
        "PGUSER": params.get("user") or "postgres",
    }
    if params.get("password"):
        env["PGPASSWORD"] = params["password"]
    dump = tmp_path / "backup.sql"
    subprocess.run(  # noqa: S603
        ["pg_dump", "--no-owner", "--no-privileges", "-f", str(dump), source],  # noqa: S607
        env=env,
        check=True,
    )
    admin = psycopg.connect(dbname="postgres", autocommit=True, **_libpq(env))
    admin.execute(f'CREATE DATABASE "{target}"')
    try:
        subprocess.run(  # noqa: S603
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", target, "-f", str(dump)],  # noqa: S607
            env=env,
            check=True,
            capture_output=True,
        )
        yield {"source": source, "target": target, "env": env}
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        admin.close()


def _libpq(env) -> dict:
    return {"host": env["PGHOST"], "port": env["PGPORT"], "user": env["PGUSER"]} | (
        {"password": env["PGPASSWORD"]} if "PGPASSWORD" in env else {}
    )


@pytest.mark.postgres
def test_restore_gives_the_same_rows_history_included(restored):
    with connection.cursor() as cursor:
        before = row_counts(cursor)
        history = [table for table in before if "historical" in table]
        sums = {table: checksum(cursor, table) for table in history}
    with psycopg.connect(dbname=restored["target"], **_libpq(restored["env"])) as copy:
        cursor = copy.cursor()
        after = row_counts(cursor)
        after_sums = {table: checksum(cursor, table) for table in history}
    assert sum(before.values()) > 100
    core = ["meetings_historicalmeeting", "meetings_historicalcase", "projects_historicalproject"]
    assert all(before[table] for table in core)
    assert after == before
    assert after_sums == sums


@pytest.mark.postgres
def test_the_portal_serves_from_the_restored_database(restored):
    env = {
        **restored["env"],
        "DJANGO_SETTINGS_MODULE": "samarbeid.settings",
        "DATABASE_URL": (
            f"postgres://{restored['env']['PGUSER']}@{restored['env']['PGHOST']}:"
            f"{restored['env']['PGPORT']}/{restored['target']}"
        ),
        "SECRET_KEY": "x",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "testserver",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SERVE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert all(status == 200 for status, _shown in answers.values()), answers
    assert any(shown for _status, shown in answers.values()), answers
