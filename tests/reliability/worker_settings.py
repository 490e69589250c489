"""Settings for a test's Celery worker whose tasks must stay on that test's own queue.

A task that queues another (a minutes event queues its notifications) would otherwise put it on
Celery's shared default queue, where this worker does not listen and another run's worker may.
"""

import os

from samarbeid.settings import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = os.environ["TEST_TASK_QUEUE"]
