"""Run as a script against a SQLite file: N secretaries add a case to one meeting at once.

Prints {"saved": [...case numbers...], "errors": [...]} as JSON. Used by
test_sqlite_concurrency.py in a subprocess, because the test process itself runs on
PostgreSQL and its settings are read once.
"""

import datetime
import json
import os
import sys
import threading

import django

N = int(sys.argv[1]) if len(sys.argv) > 1 else 8


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samarbeid.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from meetings import services
    from tests.factories import ProjectGroupFactory

    call_command("migrate", verbosity=0)
    group = ProjectGroupFactory()
    meeting = services.meeting_plan(
        group=group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2022, 6, 28, 11)),
    )
    connection.close()
    start = threading.Barrier(N)
    saved, errors = [], []

    def secretary(i):
        from django.db import connections

        try:
            start.wait()
            case = services.case_add(meeting=meeting, title=f"Sak fra sekretær {i}")
            saved.append(case.number)
        except Exception as error:  # what the user would have seen as a 500
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=secretary, args=(i,)) for i in range(N)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps({"saved": sorted(saved), "errors": errors}))


if __name__ == "__main__":
    main()
