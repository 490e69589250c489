"""Point the cache and the in-process Celery app at a Redis of our choosing: a dead one, or back.

Django's settings are read by the Celery app once, when its configuration is first used; after
that, `override_settings(CELERY_BROKER_URL=...)` changes nothing the app sees. The app also
keeps its broker connection pool, its producer pool and its result backend. So a switch sets the
app's own configuration and drops those three, and Django's cache handler is reset by
`override_settings(CACHES=...)` (Django closes the old cache connections on that signal).
"""

import socket
from contextlib import contextmanager

from django.test import override_settings
from kombu import pools

from samarbeid.cache import FailSoftRedisCache
from samarbeid.celery import app as celery_app
from samarbeid.outbox.services import forget_broker_failures

# What the switch changes on the Celery app, and restores afterwards.
_CELERY_KEYS = ("broker_url", "result_backend", "task_always_eager", "task_default_queue")


def free_port() -> int:
    """A local port where nothing listens: bound once to get a number, then released."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dead_redis_url() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"


def _drop_connections() -> None:
    # A new Redis: the outage remembered for the old one no longer holds.
    FailSoftRedisCache.forget_failures()
    forget_broker_failures()
    # The pools hold connections made for the previous broker URL, and kombu's registry would
    # hand the closed pool back for an equal URL; the backend holds its own client.
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app._backend_cache = None
    if hasattr(celery_app._local, "backend"):
        del celery_app._local.backend


def _cache_settings(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "samarbeid.cache.FailSoftRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "samarbeid",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


class RedisSwitch:
    """The cache and the Celery app on `url`; `point_at(other)` moves both while in use."""

    def __init__(self, url: str, *, cache: bool = True):
        self.url = url
        self.cache = cache
        self._settings = None
        self._saved = {key: celery_app.conf[key] for key in _CELERY_KEYS}

    def point_at(self, url: str, *, queue: str | None = None) -> None:
        if self._settings is not None:
            self._settings.disable()
        self.url = url
        backend = "cache+memory://" if url == "memory://" else url
        changes = {
            "CELERY_BROKER_URL": url,
            "CELERY_RESULT_BACKEND": backend,
            "CELERY_TASK_ALWAYS_EAGER": False,
        }
        if self.cache:
            changes["CACHES"] = _cache_settings(url)
        self._settings = override_settings(**changes)
        self._settings.enable()
        celery_app.conf.broker_url = url
        celery_app.conf.result_backend = backend
        celery_app.conf.task_always_eager = False
        if queue:
            # Our worker listens on its own queue only, so no other run's worker takes our tasks.
            celery_app.conf.task_default_queue = queue
        _drop_connections()

    def close(self) -> None:
        if self._settings is not None:
            self._settings.disable()
            self._settings = None
        for key, value in self._saved.items():
            celery_app.conf[key] = value
        _drop_connections()


@contextmanager
def redis_at(url: str):
    switch = RedisSwitch(url)
    switch.point_at(url)
    try:
        yield switch
    finally:
        switch.close()
