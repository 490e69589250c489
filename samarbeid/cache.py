"""Redis as the cache, where Redis being gone is a cache miss and never an error.

Everything the portal caches can be made again (rendered PDFs, counters with a short life), so
a page must not fail, or wait, because Redis is down. Each operation gets short socket timeouts
(settings: OPTIONS), and after one failure this process treats the cache as empty for
``RETRY_SECONDS`` instead of paying the timeout on every call.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 10.0


class FailSoftRedisCache(RedisCache):
    _down_until = 0.0
    _lock = threading.Lock()

    @classmethod
    def forget_failures(cls) -> None:
        """Try Redis again on the next call (tests that bring Redis back use this)."""
        cls._down_until = 0.0

    def _available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, operation: str, error: Exception) -> None:
        with self._lock:
            first = self._available()
            type(self)._down_until = time.monotonic() + RETRY_SECONDS
        if first:
            # Once per outage window, not once per call: a page makes many cache calls.
            logger.warning("Cache unavailable (%s: %s); treated as empty", operation, error)

    def _call(self, operation: str, fallback, *args, **kwargs):
        if not self._available():
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except (RedisError, OSError) as error:
            self._failed(operation, error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._call("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        if not self._available():
            raise ValueError("Key not found (cache unavailable)")
        try:
            return super().incr(key, delta, version)
        except (RedisError, OSError) as error:
            self._failed("incr", error)
            # What incr says of a missing key: callers already handle it.
            raise ValueError("Key not found (cache unavailable)") from error

    def clear(self):
        return self._call("clear", False)
