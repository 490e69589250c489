"""An organisation formed by a merger names its predecessors where its name is shown (issue 21)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects import services


def test_the_project_page_names_what_a_participant_was_merged_from(world, client_for):
    hof = services.organisation_create(
        name="Hof kommune", kind="municipality", municipality_number="0714", county="Innlandet"
    )
    hof.merged_into = world.valer
    hof.full_clean()
    hof.save()

    page = client_for(world.users["reader"]).get(reverse("projects:detail", args=["vag"]))
    text = " ".join(re.sub(r"<[^>]+>", " ", page.content.decode()).split())
    assert "Våler kommune (sammenslått av Hof kommune)" in text
    assert hof.history.latest().merged_into_id == world.valer.pk


def test_an_organisation_cannot_merge_into_itself(world):
    world.valer.merged_into = world.valer
    with pytest.raises(ValidationError) as error:
        world.valer.full_clean()
    assert "merged_into" in error.value.message_dict
