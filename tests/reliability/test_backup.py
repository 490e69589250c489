"""Backup: pg_dump, then restore into a fresh database, gives the same rows, history
included, and the portal serves its pages from the restored copy; `manage.py backup` and
`manage.py restore` carry the stored files along, each matching its recorded SHA-256."""

import hashlib
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
from django.core.management import CommandError, call_command
from django.db import connection

from meetings.minutes_pdf import minutes_archive_all
from meetings.models import Meeting, MinutesArchive
from samarbeid import backup
from tests.conftest import require_real_service
from tests.demo_extra import add_meetings_in_progress

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


# The portal on the restored database and media folder: each kind of stored file is
# downloaded through its view, as a user who may, and hashed as the browser receives it.
SERVE_FILES = """
import hashlib, json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import reverse
from accounts.models import User
from agreements.models import Agreement
from meetings.models import Attachment, MinutesArchive
setup_test_environment()

def fetch(username, url):
    client = Client()
    client.force_login(User.objects.get(username=username))
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return [response.status_code, hashlib.sha256(body).hexdigest()]

attachment = Attachment.objects.order_by("pk").first()
archive = MinutesArchive.objects.order_by("pk").first()
agreement = Agreement.objects.exclude(signed_pdf="").order_by("pk").first()
print(json.dumps({
    "attachment": fetch(
        "prosjektleder",
        reverse("meetings:attachment_download", args=[attachment.meeting_id, attachment.pk]),
    ) + [attachment.sha256],
    "archive": fetch(
        "prosjektleder",
        reverse("meetings:minutes_archive_pdf", args=[archive.meeting_id, archive.pk]),
    ) + [archive.sha256],
    "signed": fetch("fauske", reverse("agreements:signed_pdf", args=[agreement.pk]))
    + [agreement.signed_pdf_sha256],
}))
"""


def file_the_archive_copies() -> None:
    # The archive task runs after commit on a worker; here it is called directly.
    meeting = Meeting.objects.filter(
        minutes_status=Meeting.MinutesStatus.APPROVED,
        group__memberships__person__user__username="prosjektleder",
        group__memberships__role="secretary",
    ).first()
    assert minutes_archive_all(meeting_id=meeting.pk)


STORED_FILE_TABLES = {
    "meetings_attachment",
    "meetings_minutesarchive",
    "agreements_agreement",
    "archive_archiveexport",
    "agreements_agreementattachment",
}


@pytest.mark.postgres
def test_backup_then_restore_into_a_fresh_database_and_media_folder(
    transactional_db, settings, tmp_path
):
    require_real_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    for tool in ("pg_dump", "pg_restore"):
        require_real_service(shutil.which(tool) is not None, tool)
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": "/media/"},
        },
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", "--allow-without-debug", stdout=io.StringIO())
    add_meetings_in_progress()
    file_the_archive_copies()

    folder = tmp_path / "backup"
    call_command("backup", str(folder), stdout=io.StringIO())
    with connection.cursor() as cursor:
        recorded = backup.named_files(cursor)
    assert {table for table, _file, _digest in backup.stored_file_columns()} == (STORED_FILE_TABLES)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["files"] == recorded
    assert any(name.startswith("vedlegg/") for name in recorded), recorded

    params = connection.get_connection_params()
    target = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    libpq = {
        "host": params.get("host") or "127.0.0.1",
        "port": params.get("port") or 5432,
        "user": params.get("user") or "postgres",
    } | ({"password": params["password"]} if params.get("password") else {})
    fresh_media = tmp_path / "restored-media"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samarbeid.settings",
        "DATABASE_URL": f"postgres://{libpq['user']}@{libpq['host']}:{libpq['port']}/{target}",
        "MEDIA_ROOT": str(fresh_media),
        "MEDIA_STORAGE": "local",
        "SECRET_KEY": "x",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "testserver",
    }
    env.pop("REDIS_URL", None)
    if "password" in libpq:
        env["DATABASE_PASSWORD"] = libpq["password"]
    admin = psycopg.connect(dbname="postgres", autocommit=True, **libpq)
    admin.execute(f'CREATE DATABASE "{target}"')
    try:
        restored = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "restore", str(folder)],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert restored.returncode == 0, restored.stderr[-3000:]

        # Checked here again, without the restore's own code: every file the restored rows
        # name is in the fresh folder with its recorded SHA-256.
        with psycopg.connect(dbname=target, **libpq) as copy:
            cursor = copy.cursor()
            counts = {}
            in_copy = {}
            for table, file_column, digest_column in backup.stored_file_columns():
                cursor.execute(
                    f'SELECT "{file_column}", "{digest_column}" FROM "{table}"'  # noqa: S608
                    f" WHERE \"{file_column}\" <> ''"
                )
                rows = cursor.fetchall()
                counts[table] = len(rows)
                in_copy.update(dict(rows))
        assert in_copy == recorded
        for table in ("meetings_attachment", "meetings_minutesarchive", "agreements_agreement"):
            assert counts[table] > 0, counts
        for name, digest in in_copy.items():
            assert hashlib.sha256((fresh_media / name).read_bytes()).hexdigest() == digest, name

        served = subprocess.run(  # noqa: S603
            [sys.executable, "-c", SERVE_FILES],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert served.returncode == 0, served.stderr[-3000:]
        answers = json.loads(served.stdout.strip().splitlines()[-1])
        for kind, (status, received, expected) in answers.items():
            assert status == 200, kind
            assert received == expected, kind
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        admin.close()


@pytest.mark.postgres
def test_restore_refuses_a_database_that_is_not_empty(transactional_db, tmp_path):
    require_real_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    (tmp_path / "manifest.json").write_text('{"database": "database.dump", "media": "media"}')
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path), stdout=io.StringIO())


@pytest.mark.postgres
def test_backup_fails_loudly_when_a_named_file_is_missing(transactional_db, settings, tmp_path):
    require_real_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    require_real_service(shutil.which("pg_dump") is not None, "pg_dump")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media", "base_url": "/media/"},
        },
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", "--allow-without-debug", stdout=io.StringIO())
    file_the_archive_copies()
    archive = MinutesArchive.objects.order_by("pk").first()
    Path(archive.file.path).unlink()
    with pytest.raises(CommandError, match=r"incomplete: 1 missing: " + archive.file.name):
        call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
