"""/health/: what load balancers and the compose healthcheck poll."""

import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parents[2]

HEALTH_URL = "/health/"


def test_health_is_routed_at_health():
    assert reverse("health") == HEALTH_URL


def test_anonymous_probe_gets_200_with_every_check_ok(client, db):
    response = client.get(HEALTH_URL)

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


def test_response_is_never_cached_and_starts_no_session(client, db):
    response = client.get(HEALTH_URL)

    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]
    assert not response.cookies, "a probe every few seconds must not create sessions"


def test_head_is_answered_too(client, db):
    assert client.head(HEALTH_URL).status_code == 200


def test_broken_cache_is_named_but_the_portal_stays_in_service(client, db, settings):
    # Nothing listens on port 1: the probe talks to a real, unreachable Redis.
    settings.CACHES = {
        "default": {
            "BACKEND": "samarbeid.cache.FailSoftRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    response = client.get(HEALTH_URL)

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "failed"}


def test_unreachable_database_gives_503_naming_the_database(client):
    # Without the db fixture pytest-django makes every connection attempt raise, as a
    # database that is down would.
    response = client.get(HEALTH_URL)

    assert response.status_code == 503
    assert response.json() == {"database": "failed", "cache": "ok"}


def compose_web_probe() -> str:
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    return compose["services"]["web"]["healthcheck"]["test"][-1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_compose_probe_passes_against_gunicorn_with_production_settings(tmp_path):
    """The web healthcheck, run as compose runs it, against the image's server and settings.

    Production settings redirect http to https and check the Host header: the probe must
    send what the proxy sends, or the container would be marked unhealthy forever.
    """
    port = free_port()
    env = {
        **{key: value for key, value in os.environ.items() if key not in ("DATABASE_URL",)},
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "samarbeid.example.no,localhost",
        "SECURE_SSL_REDIRECT": "true",
        "TRUST_X_FORWARDED_PROTO": "true",
        "VAR_DIR": str(tmp_path),
    }
    server = subprocess.Popen(  # noqa: S603 - fixed argument list
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "samarbeid.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
            "--no-control-socket",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    probe = compose_web_probe().replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 30
        while True:
            result = subprocess.run(  # noqa: S603 - fixed interpreter, probe from the compose file
                [sys.executable, "-c", probe],
                env=env,
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
            if result.returncode == 0 or time.monotonic() > deadline:
                break
            if server.poll() is not None:
                pytest.fail(f"gunicorn exited: {server.stderr.read().decode()}")
            time.sleep(0.3)
        assert result.returncode == 0, result.stderr

        # Plain http without the proxy's header is redirected, so the probe's header matters.
        plain = subprocess.run(  # noqa: S603
            [sys.executable, "-c", probe.replace("'X-Forwarded-Proto': 'https'", "")],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert plain.returncode != 0
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stderr.close()
