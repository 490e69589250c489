"""The directors' list costs the same number of queries for 3 agreements as for 30."""

import pytest
from django.urls import reverse

from agreements import services
from tests.agreements.helpers import blank_agreement, write_text
from tests.test_query_counts import count_queries

pytestmark = pytest.mark.usefixtures("postgres")


def add_agreements(world, n):
    for i in range(n):
        agreement = blank_agreement(world, title=f"Avtale {i:03d}")
        if i % 3 == 0:
            write_text(agreement, "Noe er fortsatt [[åpent]].")
        if i % 3 == 1:
            write_text(agreement)
            services.agreement_send_for_signing(agreement=agreement, by=None)


def test_my_agreements_is_constant(world, client_for):
    client = client_for(world.users["director"])
    url = reverse("agreements:mine")
    add_agreements(world, 3)
    small = count_queries(client, url)
    add_agreements(world, 27)
    assert count_queries(client, url) == small
