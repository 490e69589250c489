"""What the secretary waits for with Redis up and with Redis gone (issue 12).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samarbeid REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/redis_down.py

A throwaway database (bench/run.py's data); each step through the view, as the secretary.
"Redis gone" points the cache and the broker at a port where nothing listens: every side
effect is then recorded in the outbox and waits for the sweep. Nothing reaches a worker here:
the deliveries go to a queue of their own that no worker reads, and the rows stay behind in
the throwaway database.
"""

import os
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samarbeid.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from django.conf import settings
from django.db import connection
from django.test.utils import setup_test_environment
from run import build, measure


def main():
    if not os.environ.get("REDIS_URL"):
        sys.exit("REDIS_URL must name a running Redis: the benchmark compares it with none")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from django.test import Client

        from samarbeid.outbox.models import OutboxMessage
        from tests.reliability.redis_switch import RedisSwitch, dead_redis_url

        secretary, _project, meeting, case = build()
        client = Client()
        client.force_login(secretary)
        settings.OUTBOX_QUEUE = f"bench-{uuid.uuid4().hex[:8]}"
        person = secretary.person
        url = f"/moter/{meeting.pk}/saker/{case.pk}/oppfolging/ny/"

        def add_item():
            response = client.post(
                url,
                {"description": "Følge opp", "responsible_people": [person.pk], "deadline": ""},
            )
            assert response.status_code == 302, response.status_code

        def meeting_page():
            assert client.get(meeting.get_absolute_url()).status_code == 200

        print(f"database: {connection.vendor}")
        switch = RedisSwitch(os.environ["REDIS_URL"])
        for label, url_for_redis in (("Redis up", os.environ["REDIS_URL"]), ("Redis gone", None)):
            switch.point_at(url_for_redis or dead_redis_url(), queue=settings.OUTBOX_QUEUE)
            before = OutboxMessage.objects.count()
            measure(f"add an action item (POST), {label}", add_item, 50)
            measure(f"meeting page, 30 cases (GET), {label}", meeting_page, 20)
            waiting = OutboxMessage.objects.filter(state="pending").count()
            print(f"  outbox: {OutboxMessage.objects.count() - before} recorded, {waiting} waiting")
        switch.close()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
