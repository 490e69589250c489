"""Guessing the password through the signing form stops after five tries, with Redis gone too.

The failures are rows in the database, committed before the refusal: run in autocommit on
PostgreSQL (``transaction=True``), through the form a browser sends, as the director who signs.
"""

import datetime

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Signature, SigningFailure
from tests.agreements.helpers import agreed
from tests.conftest import build_world
from tests.factories import PASSWORD
from tests.reliability.redis_switch import RedisSwitch, dead_redis_url

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres")]


@pytest.fixture
def dead_redis():
    switch = RedisSwitch(dead_redis_url())
    switch.point_at(switch.url)
    try:
        yield switch
    finally:
        switch.close()


def test_five_wrong_passwords_lock_signing_even_with_redis_gone(client_for, dead_redis):
    world = build_world()
    agreement = agreed(world)
    party = agreement.parties.get(signatory__user=world.users["director"])
    client = client_for(world.users["director"])
    url = reverse("agreements:sign", args=[agreement.pk, party.pk])
    version = client.get(url).context["form"].initial["version"]

    for _attempt in range(services.SIGNING_ATTEMPTS):
        wrong = client.post(url, {"version": version, "password": "gjett"}, REMOTE_ADDR="192.0.2.9")
        assert wrong.status_code == 200
        assert "Passordet er feil." in wrong.content.decode()
    assert SigningFailure.objects.filter(user=world.users["director"]).count() == 5
    assert SigningFailure.objects.first().ip_address == "192.0.2.9"

    # Even the right password now waits: the guessing cannot go on through this form.
    right = client.post(url, {"version": version, "password": PASSWORD})
    assert right.status_code == 200
    assert "For mange feil passord" in right.content.decode()
    assert not Signature.objects.exists()

    # A quarter of an hour later the director signs, and the count starts again.
    SigningFailure.objects.update(
        failed_at=datetime.datetime.now(datetime.UTC)
        - datetime.timedelta(seconds=services.SIGNING_LOCKOUT_SECONDS + 1)
    )
    right = client.post(url, {"version": version, "password": PASSWORD})
    assert right.status_code == 302
    assert Signature.objects.get().user == world.users["director"]
    assert not SigningFailure.objects.exists()
