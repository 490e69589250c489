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

CADDYFILE = BASE_DIR / "deploy" / "Caddyfile"
README = BASE_DIR / "README.md"

APP_SERVICES = ("web", "worker", "beat")
SECRET_FILES = ("secret_key", "postgres_password", "seal_cert.pem", "seal_key.pem")
# Variables compose itself needs, refused when missing: hosts and the portal's address.
REQUIRED_ENV = ("ALLOWED_HOSTS", "PORTAL_URL")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def app_env(service: dict) -> dict:
    return service["environment"]


def settings_variables() -> set[str]:
    """Every NAME the code reads with env.get_*("NAME", ...), in settings.py and elsewhere."""
    names = set()
    for path in BASE_DIR.rglob("*.py"):
        if {".venv", "tests", "var"} & set(path.relative_to(BASE_DIR).parts):
            continue
        names |= set(re.findall(r'env\.get_\w+\(\s*"([A-Z0-9_]+)"', path.read_text()))
    assert "SECRET_KEY" in names, "found no env.get_* calls"
    return names


def env_example(*, commented: bool) -> dict[str, str]:
    pattern = r"^#? ?([A-Z][A-Z0-9_]+)=(.*)$" if commented else r"^([A-Z][A-Z0-9_]+)=(.*)$"
    return dict(re.findall(pattern, ENV_EXAMPLE.read_text(), re.M))


def compose_env() -> dict[str, str]:
    return {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", *REQUIRED_ENV}
    }


@pytest.fixture(scope="module")
def deployment(tmp_path_factory) -> Path:
    """A folder laid out as an operator's: the compose file, .env from .env.example, secrets."""
    folder = tmp_path_factory.mktemp("deployment")
    shutil.copy(COMPOSE_FILE, folder / "docker-compose.yml")
    shutil.copy(ENV_EXAMPLE, folder / ".env")
    (folder / "deploy").mkdir()
    shutil.copy(CADDYFILE, folder / "deploy" / "Caddyfile")
    (folder / "secrets").mkdir()
    for name in SECRET_FILES:
        (folder / "secrets" / name).write_text("compose-validation-only\n")
    return folder


def docker_compose(folder: Path, *args: str) -> subprocess.CompletedProcess:
    executable = shutil.which("docker-compose")
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("docker-compose is missing on CI; .ci/run installs it")
        pytest.skip("docker-compose is not installed (apt-get install docker-compose)")
    return subprocess.run(  # noqa: S603 - fixed argument list
        [executable, "-f", str(folder / "docker-compose.yml"), "config", *args],
        cwd=folder,
        env=compose_env(),
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def resolved(deployment) -> dict:
    """The configuration docker-compose itself resolves from the file, .env and env_file."""
    result = docker_compose(deployment)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


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
    assert env["DEBUG"] == "false"
    assert services[name]["env_file"] == ".env"


@pytest.mark.parametrize("name", [*APP_SERVICES, "migrate"])
def test_secrets_are_mounted_files_not_environment_values(services, compose, name):
    env = app_env(services[name])
    assert set(services[name]["secrets"]) == set(SECRET_FILES)
    assert env["SECRET_KEY_FILE"] == "/run/secrets/secret_key"
    assert env["DATABASE_PASSWORD_FILE"] == "/run/secrets/postgres_password"
    assert env["AGREEMENT_SEAL_CERT"] == "/run/secrets/seal_cert.pem"
    assert env["AGREEMENT_SEAL_KEY"] == "/run/secrets/seal_key.pem"
    assert "SECRET_KEY" not in env and "PGPASSWORD" not in env
    for secret in SECRET_FILES:
        assert compose["secrets"][secret] == {"file": f"./secrets/{secret}"}
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD_FILE"] == (
        "/run/secrets/postgres_password"
    )


def test_secrets_stay_out_of_git_and_the_image():
    assert "secrets/" in (BASE_DIR / ".gitignore").read_text().split()
    assert "secrets" in (BASE_DIR / ".dockerignore").read_text().split()


def test_app_services_share_one_environment_block(compose, services):
    shared = compose["x-app-env"]
    for name in APP_SERVICES:
        assert app_env(services[name]) is shared or app_env(services[name]) == shared


@pytest.mark.parametrize("name", ["postgres", "redis", "web", "worker", "beat"])
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
    beat_probe = services["beat"]["healthcheck"]["test"][-1]
    compile(beat_probe, "beat healthcheck", "exec")
    command = services["beat"]["command"]
    scheduler = command[command.index("--scheduler") + 1]
    schedule = command[command.index("--schedule") + 1]
    assert scheduler == "samarbeid.beat:HeartbeatScheduler"
    assert f"'{schedule}.heartbeat'" in beat_probe


def test_only_the_tls_proxy_is_published(services):
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    assert {port.split(":")[-1] for port in services["proxy"]["ports"]} == {
        "80",
        "443",
        "443/udp",
    }
    assert services["web"]["expose"] == ["8000"]
    assert services["proxy"]["depends_on"]["web"] == {"condition": "service_healthy"}


def test_the_forwarded_headers_are_trusted_only_from_the_proxy(services):
    # One hop, and only because the proxy overwrites what a client sends: a Caddyfile with
    # trusted_proxies would pass a client's X-Forwarded-For through, and a published web port
    # would let a client skip the proxy and send its own.
    caddyfile = "\n".join(
        line for line in CADDYFILE.read_text().splitlines() if not line.lstrip().startswith("#")
    )
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in services["proxy"]["volumes"]
    assert re.search(r"^\s*reverse_proxy web:8000$", caddyfile, re.M)
    assert "trusted_proxies" not in caddyfile
    assert "header_up" not in caddyfile
    for name in (*APP_SERVICES, "migrate"):
        env = app_env(services[name])
        assert env["TRUSTED_PROXY_COUNT"] == "1"
        assert env["TRUST_X_FORWARDED_PROTO"] == "true"
        assert not services[name].get("ports"), f"{name} must not be published"


def test_app_commands(services):
    assert services["web"].get("command") is None, "web runs the image's gunicorn CMD"
    assert services["worker"]["command"][:4] == ["celery", "-A", "samarbeid", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "samarbeid", "beat"]
    assert services["migrate"]["command"] == [
        "sh",
        "-c",
        "python manage.py migrate --noinput && python manage.py load_organisations"
        " && python manage.py rebuild_search_index --if-empty",
    ]
    assert "--no-control-socket" in DOCKERFILE.read_text()


def test_data_lives_on_named_volumes(compose, services):
    assert {"postgres-data", "media"} <= set(compose["volumes"])
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    for name in APP_SERVICES:
        assert f"media:{app_env(services[name])['MEDIA_ROOT']}" in services[name]["volumes"]


def test_app_services_wait_for_healthy_dependencies_and_migrations(services):
    assert services["beat"]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }
    for name in ("web", "worker"):
        depends_on = services[name]["depends_on"]
        assert depends_on["postgres"] == {"condition": "service_healthy"}
        assert depends_on["redis"] == {"condition": "service_healthy"}
        assert depends_on["migrate"] == {"condition": "service_completed_successfully"}
    assert services["beat"]["depends_on"]["redis"] == {"condition": "service_healthy"}
    assert services["migrate"]["depends_on"]["postgres"] == {"condition": "service_healthy"}


def test_docker_compose_accepts_the_file_with_env_example_as_env(resolved):
    assert {"proxy", "postgres", "redis", "migrate", *APP_SERVICES} <= set(resolved["services"])


@pytest.mark.parametrize("missing", REQUIRED_ENV)
def test_docker_compose_refuses_to_start_without_a_required_variable(deployment, missing):
    env_file = deployment / ".env"
    original = env_file.read_text()
    env_file.write_text(re.sub(rf"^{missing}=.*$", "", original, flags=re.M))
    try:
        refused = docker_compose(deployment, "-q")
    finally:
        env_file.write_text(original)
    assert refused.returncode != 0
    assert missing in refused.stderr


@pytest.mark.parametrize("name", [*APP_SERVICES, "migrate"])
def test_every_variable_in_env_reaches_the_application_containers(resolved, name):
    environment = resolved["services"][name]["environment"]
    given = env_example(commented=False)
    missing = {key for key in given if key not in environment}
    assert missing == set(), f"{name} does not get {sorted(missing)} from .env"
    # What the operator writes arrives as written, unless compose fixes it for its topology.
    fixed = set(app_env(yaml.safe_load(COMPOSE_FILE.read_text())["services"][name]))
    changed = {
        key for key, value in given.items() if key not in fixed and environment[key] != value
    }
    assert changed <= {"DEFAULT_FROM_EMAIL"}, changed  # dotenv removes its quotes
    assert environment["DEFAULT_FROM_EMAIL"] == given["DEFAULT_FROM_EMAIL"].strip('"')


def test_compose_fixes_no_variable_the_operator_is_told_to_set(services):
    # A value fixed in the compose file silently wins over .env: .env.example must not offer it.
    given = env_example(commented=False)
    for name in (*APP_SERVICES, "migrate"):
        for key, value in app_env(services[name]).items():
            if "${" + key not in str(value):
                assert key not in given, f"{key} is fixed by docker-compose.yml, not .env"


def test_every_setting_the_code_reads_reaches_the_containers(resolved):
    documented = env_example(commented=True)
    for name in (*APP_SERVICES, "migrate"):
        environment = resolved["services"][name]["environment"]
        for variable in settings_variables():
            # Set by compose or .env, or listed in .env.example for env_file to pass once set,
            # or set by the image.
            assert (
                variable in environment
                or f"{variable}_FILE" in environment
                or variable in documented
            ), f"{variable} does not reach {name}"
    image = DOCKERFILE.read_text()
    for variable in ("STATIC_ROOT", "MEDIA_ROOT", "VAR_DIR"):
        assert f"{variable}=" in image


def test_readme_documents_every_setting_the_code_reads():
    text = README.read_text()
    section = text[text.index("## Configuration") : text.index("## Deployment")]
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", section))
    assert settings_variables() - documented == set()


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
    assert "COPY requirements-pip.lock requirements.lock" in text
    # The locked pip first: the venv's own pip resolves extras past the lock.
    installs = re.findall(r"pip install --require-hashes -r \S*/(requirements\S*\.lock)", text)
    assert installs == ["requirements-pip.lock", "requirements.lock"]
    assert "USER samarbeid" in text


def test_env_example_lists_every_variable_settings_read():
    assert settings_variables() - set(env_example(commented=True)) == set()


def test_gunicorn_timeout_is_set_and_well_above_the_request_pdf_limit():
    """A PDF rendering in a request stops long before gunicorn would kill the web worker."""
    import json

    from django.conf import settings

    dockerfile = DOCKERFILE.read_text().replace("\\\n", " ")
    command = json.loads(re.search(r"^CMD (\[.*\])$", dockerfile, re.M)[1])
    timeout = int(command[command.index("--timeout") + 1])
    # Room for the queries and template before the layout, and for a loaded machine.
    assert timeout >= settings.PDF_REQUEST_RENDER_LIMIT * 2
