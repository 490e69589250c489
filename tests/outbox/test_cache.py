"""The Redis cache fails soft: Redis gone is a miss, never an error."""

import pytest
from django.core.cache import caches

from samarbeid.cache import FailSoftRedisCache
from tests.reliability.redis_switch import dead_redis_url, free_port


@pytest.fixture
def dead_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "samarbeid.cache.FailSoftRedisCache",
            "LOCATION": dead_redis_url(),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    FailSoftRedisCache.forget_failures()
    yield caches["default"]
    FailSoftRedisCache.forget_failures()


def test_every_operation_is_a_miss_when_redis_is_gone(dead_cache):
    assert dead_cache.get("key", "default") == "default"
    assert dead_cache.get_many(["a", "b"]) == {}
    assert dead_cache.set("key", 1) is None
    assert dead_cache.add("key", 1) is False
    assert dead_cache.has_key("key") is False
    assert dead_cache.set_many({"a": 1}) == ["a"]
    assert dead_cache.delete("key") is False
    with pytest.raises(ValueError):
        dead_cache.incr("key")


def test_after_a_failure_redis_is_left_alone_for_a_while(dead_cache, monkeypatch):
    assert dead_cache.get("key") is None
    tried = []
    client = dead_cache._cache

    def counting_get(*args, **kwargs):
        tried.append(1)
        raise AssertionError("the cache must not be tried during the pause")

    monkeypatch.setattr(client, "get", counting_get)
    assert dead_cache.get("key", 5) == 5
    assert tried == []


def test_a_live_redis_is_used(settings):
    import os

    from tests.conftest import require_real_service

    url = os.environ.get("REDIS_URL")
    require_real_service(bool(url), "Redis (REDIS_URL)")
    settings.CACHES = {
        "default": {"BACKEND": "samarbeid.cache.FailSoftRedisCache", "LOCATION": url}
    }
    FailSoftRedisCache.forget_failures()
    cache = caches["default"]
    key = f"test-{free_port()}"
    cache.set(key, "value", 10)
    assert cache.get(key) == "value"
    cache.delete(key)
