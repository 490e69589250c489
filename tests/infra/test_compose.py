"""docker-compose.yml, the Dockerfile and .env.example describe the same deployment."""

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parents[2]
COMPOSE_FILE = BASE_DIR / "docker-compose.yml"
DOCKERFILE = BASE_DIR / "Dockerfile"
MAKEFILE = BASE_DIR / "Makefile"
ENV_EXAMPLE = BASE_DIR / ".env.example"
SETTINGS_FILE = BASE_DIR / "samarbeid" / "settings.py"

APP_SERVICES = ("web", "worker", "beat")
# What compose needs from .env; the validation run gives placeholders, as an operator's .env would.
REQUIRED_ENV = {
    "SECRET_KEY": "compose-validation-only",
    "ALLOWED_HOSTS": "samarbeid.example.no",
    "POSTGRES_PASSWORD": "compose-validation-only",
}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def app_env(service: dict) -> dict:
    return service["environment"]


def test_all_services_are_defined(services):
    assert {"postgres", "redis", *APP_SERVICES} <= set(services)


def test_app_services_share_one_image_built_from_the_dockerfile(services):
    builds = {name: services[name]["build"] for name in APP_SERVICES}
    images = {services[name]["image"] for name in APP_SERVICES}
    assert set(builds.values()) == {"."}, builds
    assert len(images) == 1, images
    assert (BASE_DIR / "Dockerfile").is_file()


@pytest.mark.parametrize("name", [*APP_SERVICES, "migrate"])
def test_app_services_reach_the_compose_database_and_redis(services, name):
    env = app_env(services[name])
    assert "@postgres:5432/" in env["DATABASE_URL"]
    assert env["DATABASE_URL"].startswith("${DATABASE_URL:-postgres://")
    assert "redis://redis:6379/" in env["REDIS_URL"]
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?"), "SECRET_KEY must be required"
    assert env["DEBUG"] == "false"


def test_app_services_share_one_environment_block(compose, services):
    shared = compose["x-app-env"]
    for name in APP_SERVICES:
        assert app_env(services[name]) is shared or app_env(services[name]) == shared


@pytest.mark.parametrize("name", ["postgres", "redis", "web", "worker"])
def test_long_running_services_have_healthchecks(services, name):
    assert services[name]["healthcheck"]["test"]


def test_healthchecks_probe_the_right_thing(services):
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"][-2:] == ["redis-cli", "ping"]
    web_probe = services["web"]["healthcheck"]["test"][-1]
    assert "http://127.0.0.1:8000/health/" in web_probe
    compile(web_probe, "web healthcheck", "exec")  # the python -c snippet is valid Python
    worker_probe = " ".join(services["worker"]["healthcheck"]["test"])
    assert "inspect ping -d celery@$$HOSTNAME" in worker_probe


def test_app_commands(services):
    assert services["web"].get("command") is None, "web runs the image's gunicorn CMD"
    assert services["worker"]["command"][:4] == ["celery", "-A", "samarbeid", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "samarbeid", "beat"]
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert "--no-control-socket" in DOCKERFILE.read_text()


def test_data_lives_on_named_volumes(compose, services):
    assert {"postgres-data", "media"} <= set(compose["volumes"])
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    for name in APP_SERVICES:
        assert f"media:{app_env(services[name])['MEDIA_ROOT']}" in services[name]["volumes"]


def test_app_services_wait_for_healthy_dependencies_and_migrations(services):
    for name in ("web", "worker"):
        depends_on = services[name]["depends_on"]
        assert depends_on["postgres"] == {"condition": "service_healthy"}
        assert depends_on["redis"] == {"condition": "service_healthy"}
        assert depends_on["migrate"] == {"condition": "service_completed_successfully"}
    assert services["beat"]["depends_on"]["redis"] == {"condition": "service_healthy"}
    assert services["migrate"]["depends_on"]["postgres"] == {"condition": "service_healthy"}


def test_docker_compose_accepts_the_file():
    docker_compose = shutil.which("docker-compose")
    if docker_compose is None:
        if os.environ.get("CI") == "true":
            pytest.fail("docker-compose is missing on CI; .ci/run installs it")
        pytest.skip("docker-compose is not installed (apt-get install docker-compose)")
    env = {key: value for key, value in os.environ.items() if key not in REQUIRED_ENV}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    config = [docker_compose, "-f", str(COMPOSE_FILE), "config", "-q"]

    accepted = subprocess.run(  # noqa: S603 - fixed argument list
        config, env={**env, **REQUIRED_ENV}, capture_output=True, text=True, check=False
    )
    assert accepted.returncode == 0, accepted.stderr

    # Without SECRET_KEY compose must refuse to start anything.
    no_secret = {**env, **REQUIRED_ENV}
    del no_secret["SECRET_KEY"]
    refused = subprocess.run(  # noqa: S603 - fixed argument list
        config, env=no_secret, capture_output=True, text=True, check=False
    )
    assert refused.returncode != 0
    assert "SECRET_KEY" in refused.stderr


def makefile_system_packages() -> set[str]:
    match = re.search(r"^SYSTEM_PACKAGES :=(.*)$", MAKEFILE.read_text(), re.MULTILINE)
    assert match, "Makefile must define SYSTEM_PACKAGES"
    return set(match.group(1).split())


def dockerfile_apt_packages() -> set[str]:
    # Join continuation lines, then take the words after each `apt-get install`.
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    packages = set()
    for command in re.findall(r"apt-get install ([^&\n]*)", text):
        packages |= {word for word in shlex.split(command) if not word.startswith("-")}
    return packages


def test_dockerfile_installs_the_makefiles_system_packages():
    assert "libharfbuzz-subset0" in makefile_system_packages()
    assert dockerfile_apt_packages() == makefile_system_packages()


def test_browser_for_the_tests_stays_out_of_the_image():
    match = re.search(r"^TEST_SYSTEM_PACKAGES :=(.*)$", MAKEFILE.read_text(), re.MULTILINE)
    assert match, "Makefile must define TEST_SYSTEM_PACKAGES"
    test_only = set(match.group(1).split())
    assert "chromium" in test_only
    assert test_only.isdisjoint(dockerfile_apt_packages())
    assert re.search(r"^test: .*test-system-packages", MAKEFILE.read_text(), re.MULTILINE)


def test_dockerfile_installs_the_locked_requirements_with_hashes():
    text = DOCKERFILE.read_text()
    assert text.startswith("#") and "FROM python:3.11-slim-bookworm" in text
    assert "COPY requirements.lock" in text
    assert re.search(r"pip install --require-hashes -r \S*requirements\.lock", text)
    assert "USER samarbeid" in text


def test_env_example_lists_every_variable_settings_read():
    settings_variables = set(
        re.findall(r'env\.get_\w+\(\s*"([A-Z0-9_]+)"', SETTINGS_FILE.read_text())
    )
    documented = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", ENV_EXAMPLE.read_text(), re.M))
    assert settings_variables, "found no env.get_* calls in settings.py"
    assert settings_variables - documented == set()


def test_gunicorn_timeout_is_set_and_well_above_the_request_pdf_limit():
    """A PDF rendering in a request stops long before gunicorn would kill the web worker."""
    import json

    from django.conf import settings

    dockerfile = DOCKERFILE.read_text().replace("\\\n", " ")
    command = json.loads(re.search(r"^CMD (\[.*\])$", dockerfile, re.M)[1])
    timeout = int(command[command.index("--timeout") + 1])
    # Room for the queries and template before the layout, and for a loaded machine.
    assert timeout >= settings.PDF_REQUEST_RENDER_LIMIT * 2
