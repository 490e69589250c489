# Samarbeid: one image for web (gunicorn), worker and beat (celery). See docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# The same system packages as SYSTEM_PACKAGES in the Makefile (tests/infra checks they agree):
# WeasyPrint's libraries and font, gettext for compilemessages, and pg_dump/pg_restore (15, as
# the server) for manage.py backup and restore.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
        postgresql-client \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, so a code change does not reinstall them.
COPY requirements-pip.lock requirements.lock /tmp/
RUN python -m venv "$VIRTUAL_ENV" \
    && pip install --require-hashes -r /tmp/requirements-pip.lock \
    && pip install --require-hashes -r /tmp/requirements.lock \
    && rm /tmp/requirements-pip.lock /tmp/requirements.lock

RUN useradd --create-home --uid 1000 samarbeid \
    && mkdir -p /app /data/media \
    && chown samarbeid:samarbeid /data/media
WORKDIR /app
COPY . /app

# Build-time only: settings refuse to load without a secret, and these commands need none.
RUN SECRET_KEY=build-time-only-not-a-secret STATIC_ROOT=/app/staticfiles \
        python manage.py compilemessages --ignore=.venv \
    && SECRET_KEY=build-time-only-not-a-secret STATIC_ROOT=/app/staticfiles \
        python manage.py collectstatic --noinput

ENV STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    VAR_DIR=/tmp/samarbeid

USER samarbeid
EXPOSE 8000

# --no-control-socket: gunicorn 27 otherwise creates a control socket in ~/.gunicorn.
# --timeout 30 (gunicorn's default, written out): a request's PDF rendering stops after
# PDF_REQUEST_RENDER_LIMIT (10 s) and goes on in the worker, well before this kills the process.
# --max-requests: a worker that laid out a large PDF keeps its memory peak (300-500 MB) until it
# ends; each worker is replaced after about 1,000 requests (the jitter keeps them apart).
CMD ["gunicorn", "samarbeid.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--timeout", "30", "--max-requests", "1000", "--max-requests-jitter", "100", \
     "--no-control-socket", "--access-logfile", "-"]
