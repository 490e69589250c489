"""Liveness and readiness for load balancers and `docker compose` healthchecks."""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

_CACHE_KEY = "health:probe"


def _database_ok() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_ok() -> bool:
    # A fresh value each time, so a stale key left by another process cannot pass for a live cache.
    value = get_random_string(12)
    cache.set(_CACHE_KEY, value, timeout=10)
    return cache.get(_CACHE_KEY) == value


@never_cache
@require_safe
def health(request):
    """200 while the database answers, 503 when it does not; each check is named in the body.

    The cache is reported but not required: with Redis gone the portal still serves every
    page (the cache is then a miss, side effects wait in the outbox), so a load balancer must
    keep sending users to it.

    No login and no session: the probe must work before anyone signs in, and must not
    write a session row on every call.
    """
    results = {}
    for name, check in (("database", _database_ok), ("cache", _cache_ok)):
        try:
            results[name] = "ok" if check() else "failed"
        except Exception:
            # A health probe reports a broken dependency; it must not turn it into a 500.
            logger.exception("Health check %s failed", name)
            results[name] = "failed"
    status = 200 if results["database"] == "ok" else 503
    return JsonResponse(results, status=status)
