"""Settings read from the environment: bad values stop start-up naming the variable.

Each case starts a fresh Python process, because settings are read once per process.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
SETTINGS_FILE = BASE_DIR / "samarbeid" / "settings.py"

# Prints what the tests compare, after a full django.setup().
REPORT = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage
cls = default_storage.__class__
print(json.dumps({
    "SECRET_KEY": settings.SECRET_KEY,
    "CACHE_BACKEND": settings.CACHES["default"]["BACKEND"],
    "CELERY_TASK_ALWAYS_EAGER": settings.CELERY_TASK_ALWAYS_EAGER,
    "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    "DATABASE_ENGINE": settings.DATABASES["default"]["ENGINE"],
    "DEFAULT_STORAGE": f"{cls.__module__}.{cls.__qualname__}",
}))
"""


def settings_variables() -> set[str]:
    """Every variable settings.py reads, so a test starts from none of them."""
    return set(re.findall(r'env\.get_\w+\(\s*"([A-Z0-9_]+)"', SETTINGS_FILE.read_text()))


def run_python(tmp_path, env: dict[str, str], args: list[str]) -> subprocess.CompletedProcess:
    names = settings_variables()
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in names and key.removesuffix("_FILE") not in names
    }
    clean.update({"DJANGO_SETTINGS_MODULE": "samarbeid.settings", "VAR_DIR": str(tmp_path)})
    clean.update(env)
    return subprocess.run(  # noqa: S603 - fixed interpreter, arguments from the test
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def load_settings(tmp_path, **env: str) -> dict:
    result = run_python(tmp_path, env, ["-c", REPORT])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def settings_error(tmp_path, **env: str) -> str:
    """The ImproperlyConfigured message settings stopped with."""
    result = run_python(tmp_path, env, ["-c", "import django; django.setup()"])
    assert result.returncode != 0, "settings loaded, but should have refused this environment"
    last_line = result.stderr.strip().splitlines()[-1]
    prefix = "django.core.exceptions.ImproperlyConfigured: "
    assert last_line.startswith(prefix), result.stderr
    return last_line.removeprefix(prefix)


def test_debug_off_without_secret_key_fails_naming_secret_key(tmp_path):
    assert "SECRET_KEY" in settings_error(tmp_path, DEBUG="false")


def test_debug_on_without_secret_key_uses_the_development_key(tmp_path):
    loaded = load_settings(tmp_path, DEBUG="true")
    assert loaded["SECRET_KEY"].startswith("django-insecure-")


def test_debug_yes_is_not_a_boolean(tmp_path):
    assert "DEBUG" in settings_error(tmp_path, DEBUG="yes", SECRET_KEY="x")


@pytest.mark.parametrize(
    "database_url", ["mysql://user@db.example.no/samarbeid", "garbage", "postgres//missing-colon"]
)
def test_unsupported_database_url_fails_naming_database_url(tmp_path, database_url):
    assert "DATABASE_URL" in settings_error(tmp_path, SECRET_KEY="x", DATABASE_URL=database_url)


def test_http_redis_url_fails_naming_redis_url(tmp_path):
    assert "REDIS_URL" in settings_error(tmp_path, SECRET_KEY="x", REDIS_URL="http://x")


def test_wildcard_allowed_hosts_is_refused(tmp_path):
    message = settings_error(tmp_path, SECRET_KEY="x", ALLOWED_HOSTS="samarbeid.example.no,*")
    assert "ALLOWED_HOSTS" in message


def test_non_numeric_email_port_fails_naming_email_port(tmp_path):
    assert "EMAIL_PORT" in settings_error(tmp_path, SECRET_KEY="x", EMAIL_PORT="abc")


def test_secret_key_file_is_read(tmp_path):
    secret_file = tmp_path / "secret_key"
    secret_file.write_text("key-from-a-docker-secret\n")
    loaded = load_settings(tmp_path, SECRET_KEY_FILE=str(secret_file))
    assert loaded["SECRET_KEY"] == "key-from-a-docker-secret"


def test_missing_secret_key_file_fails_naming_secret_key_file(tmp_path):
    message = settings_error(tmp_path, SECRET_KEY_FILE=str(tmp_path / "no-such-file"))
    assert "SECRET_KEY_FILE" in message


def test_s3_media_without_bucket_fails_naming_the_bucket_variable(tmp_path):
    message = settings_error(tmp_path, SECRET_KEY="x", MEDIA_STORAGE="s3")
    assert "AWS_STORAGE_BUCKET_NAME" in message


def test_s3_media_with_bucket_uses_s3_storage(tmp_path):
    loaded = load_settings(
        tmp_path, SECRET_KEY="x", MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="samarbeid-media"
    )
    assert loaded["DEFAULT_STORAGE"] == "storages.backends.s3.S3Storage"


def test_local_media_is_the_default(tmp_path):
    loaded = load_settings(tmp_path, SECRET_KEY="x")
    assert loaded["DEFAULT_STORAGE"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_redis_url_selects_redis_cache_and_a_real_worker(tmp_path):
    loaded = load_settings(tmp_path, SECRET_KEY="x", REDIS_URL="redis://127.0.0.1:6379/3")
    assert loaded["CACHE_BACKEND"] == "samarbeid.cache.FailSoftRedisCache"
    assert loaded["CELERY_BROKER_URL"] == "redis://127.0.0.1:6379/3"
    assert loaded["CELERY_TASK_ALWAYS_EAGER"] is False


def test_without_redis_url_cache_is_local_and_tasks_run_eagerly(tmp_path):
    loaded = load_settings(tmp_path, SECRET_KEY="x")
    assert loaded["CACHE_BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert loaded["CELERY_TASK_ALWAYS_EAGER"] is True
    assert loaded["DATABASE_ENGINE"] == "django.db.backends.sqlite3"


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "samarbeid.example.no",
    "CSRF_TRUSTED_ORIGINS": "https://samarbeid.example.no",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "TRUST_X_FORWARDED_PROTO": "true",
}
DEPLOY_CHECK = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]


def test_production_values_pass_the_deploy_check(tmp_path):
    result = run_python(tmp_path, PRODUCTION, DEPLOY_CHECK)
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_fails_without_ssl_redirect(tmp_path):
    # Proves the check above has teeth: one weakened value is enough to fail it.
    result = run_python(tmp_path, {**PRODUCTION, "SECURE_SSL_REDIRECT": "false"}, DEPLOY_CHECK)
    assert result.returncode != 0
    assert "security.W008" in result.stderr


def test_manage_py_runs_in_development_mode_without_configuration(tmp_path):
    result = run_python(tmp_path, {}, ["manage.py", "makemigrations", "--check", "--dry-run"])
    assert result.returncode == 0, result.stderr


def test_the_production_entry_points_refuse_to_start_without_a_secret(tmp_path):
    for module in ("samarbeid.wsgi", "samarbeid.celery"):
        script = f"import {module}; import django.conf; django.conf.settings.SECRET_KEY"
        result = run_python(tmp_path, {}, ["-c", script])
        assert result.returncode != 0, module
        assert "SECRET_KEY" in result.stderr.strip().splitlines()[-1], module


def test_database_password_file_is_used_when_the_url_has_none(tmp_path):
    # docker-compose.yml names the database in DATABASE_URL and mounts the password as a secret.
    secret = tmp_path / "postgres_password"
    secret.write_text("from-the-secret\n")
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['PASSWORD'])"
    )
    base = {"SECRET_KEY": "x", "DATABASE_PASSWORD_FILE": str(secret)}
    cases = [
        ("postgres://samarbeid@postgres:5432/samarbeid", "from-the-secret"),
        ("postgres://samarbeid:in-the-url@db.example.no:5432/samarbeid", "in-the-url"),
    ]
    for url, expected in cases:
        result = run_python(tmp_path, {**base, "DATABASE_URL": url}, ["-c", script])
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == expected
