"""Settings for Samarbeid, read from the environment.

Without any configuration the portal runs on embedded defaults (SQLite under
var/, Celery tasks in-process, e-mail to the console). DATABASE_URL and
REDIS_URL switch it to PostgreSQL and a real Celery worker; everything a
production host sets is listed in README.md and docker-compose.yml.
"""

import datetime
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from accounts.oidc_config import parse_providers as parse_oidc_providers
from samarbeid import env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.get_str("VAR_DIR") or BASE_DIR / "var")

DEBUG = env.get_bool("DEBUG", False)

_DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"  # noqa: S105
SECRET_KEY = env.get_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off.")
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the portal's hosts; '*' is refused.")
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "guardian",
    "simple_history",
    "axes",
    "accounts",
    "projects",
    "meetings",
    "agreements",
    "archive",
    "notifications",
    "search",
    "opendata",
    "samarbeid.outbox",
    # Last: the demo loads every app above and no app imports it (tests/infra/test_layers.py).
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samarbeid.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "samarbeid.sessions.SessionLimitsMiddleware",
    # After authentication: it asks whether the request was a logged-in user's.
    "samarbeid.middleware.PrivateResponseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # WorkflowError → 409 with the reason, database down → 503 (samarbeid/errors.py).
    "samarbeid.errors.ProblemMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samarbeid.urls"
WSGI_APPLICATION = "samarbeid.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samarbeid.drafts.saved_drafts",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
_DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'samarbeid.sqlite3'}"
_database_url = env.get_str("DATABASE_URL") or _DEFAULT_DATABASE_URL
try:
    _database = dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL we support: {error}") from error
if _database["ENGINE"] not in {
    "django.db.backends.postgresql",
    "django.db.backends.sqlite3",
}:
    raise ImproperlyConfigured("DATABASE_URL must be a postgres:// or sqlite:// URL.")
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # A persistent connection buys nothing on SQLite and keeps the file locked.
    _database["CONN_MAX_AGE"] = 0
    # Two saves at once: WAL lets readers and one writer work side by side, IMMEDIATE takes
    # the write lock when the transaction begins (a read lock upgraded later fails at once
    # with "database is locked"), and the busy timeout makes the second writer wait for it.
    _database.setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
        }
    )
    if _database["NAME"] not in ("", ":memory:"):
        # SQLite creates the file but not its folder; the embedded default must just work.
        Path(_database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
# The password may live apart from the URL, as a Docker secret (DATABASE_PASSWORD_FILE): the
# compose file names the database in the URL and mounts the password. A URL's own password wins.
_database_password = env.get_str("DATABASE_PASSWORD")
if _database_password and not _database.get("PASSWORD"):
    _database["PASSWORD"] = _database_password
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, Celery broker ------------------------------------------
REDIS_URL = env.get_str("REDIS_URL") or None
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        f"REDIS_URL must start with redis://, rediss:// or unix://, not {REDIS_URL!r}"
    )

if REDIS_URL:
    # Shared by every web process, so throttling and cached pages agree across containers.
    CACHES = {
        "default": {
            # Redis gone is a cache miss, never an error or a wait (samarbeid/cache.py).
            "BACKEND": "samarbeid.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "samarbeid",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL
# Side effects are fire-and-forget (their outcome is in the outbox row): a result backend would
# make every publish wait on Redis to subscribe for a result nobody reads. Tasks that are asked
# for a result (the ping) say so.
CELERY_TASK_IGNORE_RESULT = True
# Without a broker the embedded default runs each task in-process when it is queued.
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
# Tasks outside INSTALLED_APPS, which autodiscover_tasks() does not look in.
CELERY_IMPORTS = ["samarbeid.tasks"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged after it ran, so a worker killed in the middle (SIGKILL, out of memory,
# a lost node) leaves its message unacknowledged and another worker runs it again. Every task is
# written to be run twice: the archive task files each copy once, invitations and notices are
# recorded per recipient (tests/reliability/test_worker_killed.py).
CELERY_TASK_ACKS_LATE = True
# The same when only a pool's child process dies (prefork): without it Celery acknowledges the
# message, records WorkerLostError and never runs the task again.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Redis hands an unacknowledged message to a worker again once this many seconds have passed
# since one took it. It must exceed the longest task (time_limit 300 s) and the longest retry
# countdown (retry_backoff_max 600 s), or a task still running would run a second time.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.get_int("CELERY_VISIBILITY_TIMEOUT", 60 * 60, minimum=1)
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Oslo"
# beat wakes at least once a minute, so its heartbeat file (samarbeid.beat) stays fresh.
CELERY_BEAT_MAX_LOOP_INTERVAL = 60
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {
        # Side effects recorded while Redis was down, lost by Redis, or held by a dead worker.
        "task": "outbox.sweep",
        "schedule": env.get_int("OUTBOX_SWEEP_SECONDS", 30, minimum=1),
    },
    "minutes-approve-overdue": {
        "task": "meetings.tasks.minutes_approve_overdue",
        "schedule": 60 * 60,
    },
    "agreements-close-consultations": {
        # A round closes within five minutes of its deadline.
        "task": "agreements.tasks.consultations_close_overdue",
        "schedule": 5 * 60,
    },
    "agreements-update-status": {
        "task": "agreements.tasks.agreements_update_status",
        "schedule": 60 * 60,
    },
    "action-item-reminders": {
        "task": "meetings.tasks.send_action_item_reminders",
        "schedule": crontab(minute=0, hour=6),
    },
    "agreements-send-reminders": {
        "task": "agreements.tasks.agreements_send_reminders",
        "schedule": crontab(minute=30, hour=6),
    },
    "notifications-weekly-digest": {
        "task": "notifications.tasks.send_digests",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
    },
    "minutes-archive-sweep": {
        # Approved minutes whose archive copy is missing (a lost task, a storage outage) are
        # queued again, so no copy is ever given up on; a copy that cannot be made is shown.
        "task": "meetings.tasks.minutes_archive_sweep",
        "schedule": 60 * 60,
    },
    "word-import-sweep": {
        # Word files waiting for an import whose preview's session has ended.
        "task": "meetings.tasks.word_import_sweep",
        "schedule": 60 * 60,
    },
    "permissions-resync-nightly": {
        # Repairs grants if anything ever slipped past the services (e.g. a restore from backup).
        "task": "projects.tasks.permissions_resync_all",
        "schedule": 24 * 60 * 60,
    },
}

# --- Outbox (samarbeid/outbox) --------------------------------------------
# A message handed to the broker but not started after this long is handed over again (Redis
# restarted empty); a fresh one waits this long for its own request to hand it over.
OUTBOX_STALE_SECONDS = env.get_int("OUTBOX_STALE_SECONDS", 120, minimum=1)
# A worker holds a message this long; past it the worker is taken for dead and the sweep hands
# the message to another. Above the longest task (CELERY_TASK_TIME_LIMIT).
OUTBOX_LEASE_SECONDS = env.get_int("OUTBOX_LEASE_SECONDS", 360, minimum=1)
# After a failed handover a process leaves the broker alone this long; the sweep catches up.
OUTBOX_BROKER_RETRY_SECONDS = 15
# The request's handover: one attempt, short timeouts, so no request waits on Redis.
# The queue deliveries go to (None: Celery's default); tests give their worker a queue of its own.
OUTBOX_QUEUE = None
OUTBOX_BROKER_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1, "max_retries": 0}

# --- Notifications --------------------------------------------------------
# Where the portal is reached: links in e-mails and calendar feeds are made absolute with it.
PORTAL_URL = (env.get_str("PORTAL_URL") or "http://127.0.0.1:8000").rstrip("/")
if not PORTAL_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"PORTAL_URL must start with https:// or http://, not {PORTAL_URL!r}"
    )
# Responsible people are reminded this many days before an action item's deadline.
ACTION_ITEM_REMINDER_DAYS = env.get_int("ACTION_ITEM_REMINDER_DAYS", 7, minimum=1)

# --- Files ----------------------------------------------------------------
MEDIA_ROOT = Path(env.get_str("MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "/media/"
STATIC_ROOT = Path(env.get_str("STATIC_ROOT") or VAR_DIR / "static")
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]

MEDIA_STORAGE = env.get_choice("MEDIA_STORAGE", "local", {"local", "s3"})
if MEDIA_STORAGE == "s3":
    AWS_STORAGE_BUCKET_NAME = env.get_str("AWS_STORAGE_BUCKET_NAME")
    if not AWS_STORAGE_BUCKET_NAME:
        raise ImproperlyConfigured("AWS_STORAGE_BUCKET_NAME must be set when MEDIA_STORAGE is s3.")
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.get_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env.get_str("AWS_S3_REGION_NAME") or None,
            "access_key": env.get_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env.get_str("AWS_SECRET_ACCESS_KEY") or None,
            # Uploaded files are never public: each download goes through a permission check.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _media_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": MEDIA_URL},
    }
STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Django reads the whole upload before this check: limit the request body at the proxy too.
ATTACHMENT_MAX_BYTES = env.get_int("ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024, minimum=1)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Form text (not files): a case's notes pasted from Word run to a few MB of HTML, and the
# browser's URL-encoding makes that up to three times longer. Above it, samarbeid.errors
# answers 413 "the text is too long" rather than Django's bare 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
# Seconds one PDF may take in the worker (samarbeid.pdf); a 40-page minutes takes about 4 s of
# CPU on 2 cores.
PDF_RENDER_TIME_LIMIT = env.get_int("PDF_RENDER_TIME_LIMIT", 30, minimum=1)
# Seconds a PDF may take inside a web request; longer ones go on in the worker. Well under
# gunicorn's --timeout (30 s, Dockerfile), or a slow PDF gets the web worker killed.
PDF_REQUEST_RENDER_LIMIT = env.get_int("PDF_REQUEST_RENDER_LIMIT", 10, minimum=1)
# Documents whose HTML is longer than this many characters are laid out in the worker at once
# (a 40-page minutes is about 160,000 characters and 3-4 s of CPU).
PDF_REQUEST_MAX_HTML = env.get_int("PDF_REQUEST_MAX_HTML", 250_000, minimum=1)

# --- Agreements: the portal's seal on signed PDFs -------------------------
# PEM files of the certificate and its private key. `make run` makes a self-signed pair for
# the demo when they are missing; production mounts the organisation's own.
AGREEMENT_SEAL_CERT = Path(env.get_str("AGREEMENT_SEAL_CERT") or VAR_DIR / "seal" / "cert.pem")
AGREEMENT_SEAL_KEY = Path(env.get_str("AGREEMENT_SEAL_KEY") or VAR_DIR / "seal" / "key.pem")
# A CA-issued seal: a PEM file of the CA certificates between the seal and its root, carried in
# the seal's CMS so a validator can build the chain (none for the self-signed demo seal).
AGREEMENT_SEAL_CHAIN = env.get_str("AGREEMENT_SEAL_CHAIN") or ""
# The public seal check (agreements:verify) takes files from anyone: a sealed agreement is
# well under a few MB, and pyHanko checks one in milliseconds.
SEAL_CHECK_MAX_BYTES = env.get_int("SEAL_CHECK_MAX_BYTES", 20 * 1024 * 1024, minimum=1)
SEAL_CHECK_SECONDS = env.get_int("SEAL_CHECK_SECONDS", 10, minimum=1)
# PAdES B-LTA: an RFC 3161 timestamp authority for the seal's signature timestamp and the
# document timestamp on top (agreements/README.md). Without a URL the seal has no trusted time
# (B-B), as the embedded default always had. Username and password are for HTTP basic auth
# (the password may be a Docker secret, SEAL_TSA_PASSWORD_FILE).
SEAL_TSA_URL = env.get_str("SEAL_TSA_URL") or ""
SEAL_TSA_USERNAME = env.get_str("SEAL_TSA_USERNAME") or ""
SEAL_TSA_PASSWORD = env.get_str("SEAL_TSA_PASSWORD") or ""
SEAL_TSA_TIMEOUT = env.get_int("SEAL_TSA_TIMEOUT", 10, minimum=1)
# A PEM file of the root certificates the embedded validation data is built against: the
# TSA's root, and the seal certificate's CA when it is not self-signed. The seal certificate
# itself is always trusted.
SEAL_TRUST_ROOTS = env.get_str("SEAL_TRUST_ROOTS") or ""
# Fetch OCSP responses and CRLs named in the certificates to embed them (a real CA's
# certificates name them; the self-signed demo seal has none).
SEAL_FETCH_REVOCATION = env.get_bool("SEAL_FETCH_REVOCATION", False)

# --- E-mail ---------------------------------------------------------------
EMAIL_BACKEND = env.get_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env.get_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env.get_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.get_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env.get_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.get_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.get_str("DEFAULT_FROM_EMAIL", "Samarbeid <ikke-svar@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Authentication and permissions ---------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account or address is refused before the password is checked.
    "accounts.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
    # Sign-in with an OpenID provider (accounts/oidc.py); it answers only its own callback.
    "accounts.oidc.ProviderBackend",
]
# Anonymous visitors see published content only; guardian needs no anonymous user row.
ANONYMOUS_USER_NAME = None
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- OIDC: sign-in with the municipality's own account ---------------------
# A JSON list, e.g. [{"name": "grue", "label": "Logg inn med Grue kommunes Microsoft-konto",
# "issuer": "https://login.microsoftonline.com/<tenant id>/v2.0", "client_id": "…",
# "client_secret": "…", "trust_email": true, "email_domains": ["grue.kommune.no"]}]
# (accounts/README.md). Holds secrets: give it as OIDC_PROVIDERS_FILE in production.
# None configured: the login page offers the password form only.
OIDC_PROVIDERS = parse_oidc_providers(env.get_str("OIDC_PROVIDERS"))
# Seconds to wait for a provider (discovery, token, keys) before telling the user it is down.
OIDC_TIMEOUT = env.get_int("OIDC_TIMEOUT", 5, minimum=1)
# Clock difference tolerated between the provider and the portal when checking exp and iat.
OIDC_LEEWAY_SECONDS = env.get_int("OIDC_LEEWAY_SECONDS", 60, minimum=0)

# --- Login throttling (django-axes) -----------------------------------------
# Failures are counted per account-and-address pair and, separately, per address. Counting
# per account alone would let anyone lock a known user name out from anywhere; the per-address
# count still stops one address guessing one password across many accounts.
AXES_FAILURE_LIMIT = env.get_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_MINUTES = env.get_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
# Without a trusted proxy the client's address is REMOTE_ADDR: a client could otherwise
# dodge the limit by sending a new X-Forwarded-For with each try (accounts.backends).
TRUSTED_PROXY_COUNT = env.get_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "accounts.backends.client_address"

# --- Security -------------------------------------------------------------
# Sessions end after 30 minutes without a request, and 12 hours after logging in whatever
# the activity; requests renew the idle limit (samarbeid.sessions).
SESSION_COOKIE_AGE = 30 * 60
SESSION_MAX_HOURS = 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.get_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.get_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Django's default, written out: a window the portal opens keeps no handle on another site's.
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: templates load static/js and static/css only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # The empty favicon in base.html is a data: URL.
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
if env.get_bool("TRUST_X_FORWARDED_PROTO", False):
    # Only behind a proxy that sets this header itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Logging --------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.get_str("LOG_LEVEL", "INFO").upper()},
    "loggers": {
        # WeasyPrint logs every layout step at INFO; samarbeid.pdf logs one line per PDF instead.
        "weasyprint.progress": {"level": "WARNING"},
        # django-axes prints its version on every start, including each manage.py command.
        "axes.apps": {"level": "WARNING"},
    },
}
