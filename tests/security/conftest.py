import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from accounts.models import User
from tests.demo_extra import DEMO_LOGINS, add_meetings_in_progress

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_clients(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data and meetings in progress, loaded once for the module and rolled back at
    its end, and a test client logged in as each role's demo login."""
    media = tmp_path_factory.mktemp("media")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": "/media/"},
        },
    }
    with (
        override_settings(PASSWORD_HASHERS=FAST_HASHER, MEDIA_ROOT=media, STORAGES=storages),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_demo", "--allow-without-debug", stdout=io.StringIO())
        add_meetings_in_progress()
        clients = {}
        for role, username in DEMO_LOGINS.items():
            client = Client()
            if username:
                client.force_login(User.objects.get(username=username))
            clients[role] = client
        yield clients
        transaction.set_rollback(True)
