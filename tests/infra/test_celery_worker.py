"""A task queued by the portal runs in a separate worker process and its result comes back."""

import pytest

from samarbeid.celery import app as celery_app
from tests.infra.worker import celery_worker_process, require_redis_url, unique_queue_name

pytestmark = pytest.mark.worker


def test_settings_point_celery_at_redis_when_redis_url_is_set(settings):
    redis_url = require_redis_url()
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    assert celery_app.conf.broker_url == redis_url
    assert celery_app.conf.task_always_eager is False


def test_ping_task_round_trips_through_a_real_worker():
    queue = unique_queue_name("ping")
    with celery_worker_process(queue) as worker:
        result = celery_app.send_task("samarbeid.tasks.ping", queue=queue)
        assert result.get(timeout=30) == "pong"
        assert worker.process.poll() is None, "the worker must still run until we stop it"
        assert f"Task samarbeid.tasks.ping[{result.id}] received" in worker.log()
    assert worker.process.returncode is not None, "the worker must be stopped after the block"
