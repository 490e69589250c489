#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samarbeid.settings")
    # manage.py is the developer's tool: without configuration it runs in development mode.
    # The production entry points (gunicorn via wsgi.py, celery) default to DEBUG off and
    # refuse to start without SECRET_KEY; docker-compose sets DEBUG=false for manage.py too.
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
