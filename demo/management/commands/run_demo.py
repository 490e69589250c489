"""``manage.py run_demo``: Django's development server for the demo, as ``make run`` starts it.

Three things beyond ``runserver``:
- the port comes from ``PORT`` (default 8000) when no address is given;
- without REDIS_URL there is no Celery beat, so the periodic tasks (the outbox sweep,
  automatic approval of minutes, reminders) run in a thread of the serving process
  (samarbeid.inprocess_beat); with REDIS_URL the real beat and worker do it;
- once the server listens it says where e-mail goes and prints the demo logins, last.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management import get_commands, load_command_class
from django.core.management.base import CommandError

from demo.logins import login_lines
from samarbeid import inprocess_beat

# The runserver of INSTALLED_APPS (whitenoise's, which leaves static files to WhiteNoise as
# in production), whichever app provides it.
Runserver = type(load_command_class(get_commands()["runserver"], "runserver"))


def port_from_environment(environ=os.environ) -> str:
    port = environ.get("PORT", "").strip() or "8000"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(f"PORT must be a port number (1-65535), not {port!r}.")
    return port


def mail_destination() -> str:
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    if backend == "console":
        return "E-post fra portalen skrives her i terminalen (konsoll-backend), med kalenderfil."
    if backend == "filebased":
        return f"E-post fra portalen skrives til filer i {settings.EMAIL_FILE_PATH}/."
    return f"E-post fra portalen sendes med {settings.EMAIL_BACKEND}."


class Command(Runserver):
    help = "Serve the demo on 127.0.0.1:$PORT, with the periodic tasks when there is no Redis."

    def handle(self, *args, **options):
        self.default_port = port_from_environment()
        return super().handle(*args, **options)

    def inner_run(self, *args, **options):
        # Runs in the serving process (the autoreloader's child), once per (re)start.
        if settings.CELERY_TASK_ALWAYS_EAGER:
            inprocess_beat.start()
        return super().inner_run(*args, **options)

    def on_bind(self, server_port):
        super().on_bind(server_port)
        if settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write("Periodiske oppgaver kjører i denne prosessen (ingen REDIS_URL).")
        self.stdout.write(mail_destination())
        for line in login_lines():
            self.stdout.write(line)
