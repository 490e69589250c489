"""Backup and restore of the database and the stored files, as one procedure.

A backup is a folder: ``database.dump`` (pg_dump, custom format), ``media/`` (the stored
files, same names as in MEDIA_ROOT) and ``manifest.json`` (every file the database names,
with its recorded SHA-256). The dump and the list of files come from one database snapshot:
pg_dump runs with ``--snapshot`` of a transaction that stays open while the files are read,
so the copy holds exactly the files the dumped rows name, each checked against its hash. A
file the database names but the disk lacks, or whose bytes differ, fails the backup loudly.

Restore goes into an empty database and an empty media folder only (never over live data),
then checks every file the restored rows name against its hash.

PostgreSQL and local media storage only: with MEDIA_STORAGE=s3 the bucket's own versioning
and replication are the file backup.
"""

import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from django.apps import apps
from django.conf import settings
from django.db import connection, models

DUMP_NAME = "database.dump"
MEDIA_NAME = "media"
MANIFEST_NAME = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


@dataclass
class FileProblems:
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.missing or self.changed)

    def __str__(self) -> str:
        parts = []
        if self.missing:
            parts.append(f"{len(self.missing)} missing: {', '.join(self.missing[:10])}")
        if self.changed:
            parts.append(f"{len(self.changed)} with other bytes: {', '.join(self.changed[:10])}")
        return "; ".join(parts)


def stored_file_columns() -> list[tuple[str, str, str]]:
    """(table, file column, sha256 column) of every model that records a file's hash.

    A FileField ``x`` is paired with ``x_sha256`` or, on a model with one file, ``sha256``
    (StoredFile subclasses, MinutesArchive, Agreement.signed_pdf).
    """
    columns = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = {field.name: field for field in model._meta.concrete_fields}
        for field_ in fields.values():
            if not isinstance(field_, models.FileField):
                continue
            digest = fields.get(f"{field_.name}_sha256") or fields.get("sha256")
            if digest is not None:
                columns.append((model._meta.db_table, field_.column, digest.column))
    return columns


def named_files(cursor) -> dict[str, str]:
    """Every stored file name the database names, with its recorded SHA-256."""
    files = {}
    for table, file_column, digest_column in stored_file_columns():
        cursor.execute(
            f'SELECT "{file_column}", "{digest_column}" FROM "{table}"'  # noqa: S608 - model names
            f" WHERE \"{file_column}\" <> ''"
        )
        files.update(dict(cursor.fetchall()))
    return files


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def check_files(root: Path, files: dict[str, str]) -> FileProblems:
    problems = FileProblems()
    for name, expected in sorted(files.items()):
        path = root / name
        if not path.is_file():
            problems.missing.append(name)
        elif sha256_of(path) != expected:
            problems.changed.append(name)
    return problems


def _require_supported() -> None:
    if connection.vendor != "postgresql":
        raise BackupError("Backup and restore need PostgreSQL (DATABASE_URL=postgres://…).")
    if settings.MEDIA_STORAGE != "local":
        raise BackupError(
            "Backup covers local media only; with MEDIA_STORAGE=s3 use the bucket's versioning."
        )


def _libpq() -> tuple[dict, dict]:
    """Connection keywords for psycopg, and the same as PG* variables for pg_dump/pg_restore."""
    params = connection.get_connection_params()
    keywords = {
        key: params[key]
        for key in ("dbname", "host", "port", "user", "password")
        if params.get(key)
    }
    names = {
        "dbname": "PGDATABASE",
        "host": "PGHOST",
        "port": "PGPORT",
        "user": "PGUSER",
        "password": "PGPASSWORD",
    }
    env = {**os.environ, **{names[key]: str(value) for key, value in keywords.items()}}
    return keywords, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def backup(destination: Path) -> dict:
    """Write a backup folder; returns its manifest."""
    _require_supported()
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty: a backup goes into a new folder.")
    (destination / MEDIA_NAME).mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    keywords, env = _libpq()
    with psycopg.connect(**keywords) as snapshot:
        snapshot.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        snapshot.read_only = True
        with snapshot.transaction(), snapshot.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot_id}",
                    "--file",
                    str(destination / DUMP_NAME),
                ],
                env,
            )
            files = named_files(cursor)
            # Copied while the snapshot is held, then checked: what is copied is what the
            # dumped rows name, and a file changed or removed meanwhile fails the backup.
            for name in files:
                source = media_root / name
                if source.is_file():
                    target = destination / MEDIA_NAME / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)
    problems = check_files(destination / MEDIA_NAME, files)
    if problems:
        raise BackupError(f"The backup in {destination} is incomplete: {problems}")
    manifest = {"database": DUMP_NAME, "media": MEDIA_NAME, "files": files}
    (destination / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def restore(source: Path) -> int:
    """Restore a backup folder into the (empty) database and media folder; returns file count."""
    _require_supported()
    source = Path(source)
    manifest = json.loads((source / MANIFEST_NAME).read_text())
    with connection.cursor() as cursor:
        if connection.introspection.table_names(cursor):
            raise BackupError(
                "The database is not empty: restore into a new database, never over live data."
            )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"{media_root} is not empty: restore into a new media folder.")
    _keywords, env = _libpq()
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--dbname",
            env["PGDATABASE"],
            str(source / manifest["database"]),
        ],
        env,
    )
    shutil.copytree(source / manifest["media"], media_root, dirs_exist_ok=True)
    with connection.cursor() as cursor:
        files = named_files(cursor)
    problems = check_files(media_root, files)
    if problems:
        raise BackupError(f"Restored, but the files do not match the database: {problems}")
    return len(files)
