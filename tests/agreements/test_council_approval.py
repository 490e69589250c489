"""A host-municipality agreement is signed for a municipality only after its council approved it
(kommuneloven § 20-4): the page says why, and the signing form refuses a POST sent anyway.

Through the views, as the director who signs and the portal admin who records the approval; in
autocommit on PostgreSQL (``transaction=True``), since signing locks the agreement's row.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from agreements.models import AgreementApproval, Signature
from tests.agreements.helpers import agreed
from tests.conftest import build_world
from tests.factories import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres")]

COUNCIL_FIRST = "Kommunestyret må godkjenne avtalen før den kan signeres"


def host_agreement(world):
    return agreed(world, kind="host_municipality", host_municipality=world.valer)


def record_approval(client, agreement, party):
    return client.post(
        reverse("agreements:approval_record", args=[agreement.pk, party.pk]),
        {
            "council": f"{party.organisation.name.removesuffix(' kommune')} kommunestyre",
            "case_number": "k-sak 042/26",
            "decided_on": "2026-06-18",
            "text": "Kommunestyret godkjenner vertskommuneavtalen.",
        },
    )


def sign_post(client, agreement, party, version):
    url = reverse("agreements:sign", args=[agreement.pk, party.pk])
    return client.post(url, {"version": version, "password": PASSWORD})


def test_the_director_signs_only_after_the_council_approved(client_for):
    world = build_world()
    agreement = host_agreement(world)
    valer = agreement.parties.get(organisation=world.valer)
    sign_url = reverse("agreements:sign", args=[agreement.pk, valer.pk])
    record_url = reverse("agreements:approval_record", args=[agreement.pk, valer.pk])

    director = client_for(world.users["director"])
    page = director.get(agreement.get_absolute_url()).content.decode()
    assert COUNCIL_FIRST in page
    assert sign_url not in page
    form_page = director.get(sign_url)
    assert COUNCIL_FIRST in form_page.content.decode()
    assert 'name="password"' not in form_page.content.decode()

    # A POST sent anyway, with the right password and the version the browser would send.
    version = form_page.context["form"].initial["version"]
    forged = sign_post(director, agreement, valer, version)
    assert forged.status_code == 200
    assert COUNCIL_FIRST in forged.content.decode()
    assert not Signature.objects.exists()

    admin = client_for(world.users["portal_admin"])
    assert record_url in admin.get(agreement.get_absolute_url()).content.decode()
    assert record_approval(admin, agreement, valer).status_code == 302
    assert AgreementApproval.objects.get().party == valer
    page = admin.get(agreement.get_absolute_url()).content.decode()
    assert "k-sak 042/26" in page
    # "Registrer godkjenning" is gone for Våler, still there for Grue.
    assert record_url not in page
    grue = agreement.parties.get(organisation=world.grue)
    assert reverse("agreements:approval_record", args=[agreement.pk, grue.pk]) in page

    director = client_for(world.users["director"])
    page = director.get(agreement.get_absolute_url()).content.decode()
    assert sign_url in page
    assert sign_post(director, agreement, valer, version).status_code == 302
    assert Signature.objects.get().party == valer


def test_a_cooperation_agreement_is_signed_without_a_recorded_approval(client_for):
    world = build_world()
    agreement = agreed(world)
    valer = agreement.parties.get(organisation=world.valer)
    director = client_for(world.users["director"])
    assert COUNCIL_FIRST not in director.get(agreement.get_absolute_url()).content.decode()
    assert sign_post(director, agreement, valer, 2).status_code == 302
    assert Signature.objects.filter(party=valer).exists()


def test_two_sign_requests_at_once_give_one_signature():
    world = build_world()
    agreement = host_agreement(world)
    valer = agreement.parties.get(organisation=world.valer)
    admin = Client()
    admin.force_login(world.users["portal_admin"])
    assert record_approval(admin, agreement, valer).status_code == 302
    start = threading.Barrier(2)
    answers = []

    def send():
        client = Client()
        client.force_login(world.users["director"])
        try:
            start.wait(timeout=10)
            answers.append(sign_post(client, agreement, valer, 2))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(answer.status_code for answer in answers) == [200, 302]
    refused = next(answer for answer in answers if answer.status_code == 200)
    assert "har allerede signert" in refused.content.decode()
    assert Signature.objects.filter(party=valer).count() == 1
