# Samarbeid: every step a developer or CI runs. `make run`, `make test`, `make check`, `make lock`.
# Each target sets up what it needs (virtualenv, locked packages, system libraries), so a fresh
# clone needs nothing but Python 3.11 and make.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Re-install only when a lock file changes.
INSTALLED := $(VENV)/.installed

# WeasyPrint's libraries (libharfbuzz-subset0 saves ~0.3 s per PDF), its font, and gettext for
# compilemessages/makemessages. The Dockerfile installs the same list: tests/infra checks that.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext postgresql-client
# Only the tests need these: Debian's Chromium for the browser tests (Playwright never downloads
# a browser here), poppler's pdfsig to read the agreement seal back (tests/agreements). Not in
# the image. npm (to fetch axe-core) only when no npm is on the PATH:
# Debian's package conflicts with a Node.js installed from elsewhere, which brings its own.
TEST_SYSTEM_PACKAGES := chromium poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PYTEST_ARGS ?=
TRANSLATIONS := locale/nb/LC_MESSAGES/django.po
MESSAGE_IGNORES := --ignore=.venv --ignore=var

.PHONY: run test check audit lock setup system-packages test-system-packages messages \
	translations-complete

# --- Setup shared by run and test ---------------------------------------------------------------

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): requirements-pip.lock requirements-dev.lock requirements.lock | $(BIN)/python
	$(BIN)/pip install --require-hashes -r requirements-pip.lock
	$(BIN)/pip install --require-hashes -r requirements-dev.lock
	touch $@

# $(call apt_install_missing,PACKAGES): apt-get install those not installed yet.
define apt_install_missing
	@missing=""; \
	for package in $(1); do \
		dpkg-query -W -f='$${Status}' "$$package" 2>/dev/null | grep -q "install ok installed" \
			|| missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		$(SUDO) apt-get install -y --no-install-recommends $$missing \
			|| { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends $$missing; }; \
	fi
endef

system-packages:
	$(call apt_install_missing,$(SYSTEM_PACKAGES))

test-system-packages:
	$(call apt_install_missing,$(TEST_SYSTEM_PACKAGES))
	@command -v npm >/dev/null 2>&1 || { \
		$(SUDO) apt-get install -y --no-install-recommends npm \
			|| { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends npm; }; }

# compilemessages refuses to run where no locale/ exists yet; `make check` catches a missing .po.
messages: $(INSTALLED) system-packages
	if [ -d locale ]; then $(MANAGE) compilemessages $(MESSAGE_IGNORES); fi

setup: $(INSTALLED) system-packages messages

# --- run: the portal on http://127.0.0.1:$PORT (8000) with demo data ---------------------------

# Another port: `make run PORT=8001`. Links in e-mails follow it unless PORTAL_URL is given.
# run_demo is runserver that also runs the periodic tasks without Redis and prints the logins
# last (demo/management/commands/run_demo.py).
run: export DEBUG ?= true
run: export PORT ?= 8000
run: export PORTAL_URL ?= http://127.0.0.1:$(PORT)
run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) make_seal_certificate
	$(MANAGE) load_demo
	$(MANAGE) run_demo 127.0.0.1:$(PORT)

# --- test: DATABASE_URL, REDIS_URL and CI pass through from the environment ---------------------

# The OpenID provider the sign-in tests start (tests/oidc/provider.js): the npm package
# oidc-provider at the versions and integrity hashes of its package-lock.json. Re-installed
# only when the lock file changes; npm writes node_modules/.package-lock.json last.
OIDC_TEST_PROVIDER := tests/oidc/node_modules/.package-lock.json

$(OIDC_TEST_PROVIDER): tests/oidc/package-lock.json tests/oidc/package.json | test-system-packages
	npm ci --prefix tests/oidc --no-audit --no-fund
	touch $@

test: export SECRET_KEY ?= test-only-secret-key-never-used-outside-the-test-suite
# The test client speaks plain http; a redirect to https would turn every response into a 301.
test: export SECURE_SSL_REDIRECT := false
test: setup test-system-packages $(OIDC_TEST_PROVIDER)
	$(BIN)/pytest $(PYTEST_ARGS)

# --- check: lint, migrations, deploy checks, translations ---------------------------------------

# Production-like values for `check --deploy`: a fresh random key (never a real one) on each run.
DEPLOY_ENV = DEBUG=false \
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	ALLOWED_HOSTS=samarbeid.example.no \
	CSRF_TRUSTED_ORIGINS=https://samarbeid.example.no \
	SECURE_SSL_REDIRECT=true \
	SECURE_COOKIES=true \
	SECURE_HSTS_SECONDS=31536000 \
	SECURE_HSTS_PRELOAD=true \
	TRUST_X_FORWARDED_PROTO=true

check: export DEBUG ?= true
check: $(INSTALLED) system-packages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(DEPLOY_ENV) $(MANAGE) check --deploy --fail-level WARNING
	$(MAKE) --no-print-directory translations-complete

# Every string in the code must have a reviewed Norwegian translation: none missing, none fuzzy.
translations-complete: export DEBUG ?= true
translations-complete:
	$(MANAGE) makemessages -l nb --no-location $(MESSAGE_IGNORES)
	@untranslated=$$(msgattrib --untranslated --no-obsolete $(TRANSLATIONS)); \
	fuzzy=$$(msgattrib --only-fuzzy --no-obsolete $(TRANSLATIONS)); \
	if [ -n "$$untranslated$$fuzzy" ]; then \
		echo "$(TRANSLATIONS) is incomplete:"; \
		[ -z "$$untranslated" ] || printf 'Untranslated:\n%s\n' "$$untranslated"; \
		[ -z "$$fuzzy" ] || printf 'Fuzzy:\n%s\n' "$$fuzzy"; \
		exit 1; \
	fi; \
	echo "$(TRANSLATIONS): every message translated"

# --- audit: known vulnerabilities in the locked runtime packages --------------------------------

# pip-audit asks PyPI's JSON API (or OSV) about each pinned version; --strict fails on any
# package it could not look up, so an unreachable advisory service never passes as "clean".
# Not part of `make check`: the CI machines reach the package index but no advisory service.
audit: $(INSTALLED)
	$(BIN)/pip-audit --strict --require-hashes --disable-pip -r requirements.lock

# --- lock: regenerate both lock files from pyproject.toml ---------------------------------------

# Index and find-links lines would record this machine's local mirrors in the lock files.
PIP_COMPILE = $(BIN)/pip-compile -q --strip-extras --generate-hashes \
	--no-emit-index-url --no-emit-find-links

lock: | $(BIN)/python
	[ -x $(BIN)/pip-compile ] || $(BIN)/pip install pip-tools
	$(PIP_COMPILE) -o requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra dev -o requirements-dev.lock pyproject.toml
