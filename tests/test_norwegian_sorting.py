import pytest

from projects.models import Organisation
from tests.factories import OrganisationFactory


@pytest.mark.postgres
def test_organisations_sort_the_norwegian_way(postgres):
    for name in ("Åsnes kommune", "Grue kommune", "Ørsta kommune", "Våler kommune", "Aurland"):
        OrganisationFactory(name=name)
    names = list(Organisation.objects.values_list("name", flat=True))
    assert names == ["Aurland", "Grue kommune", "Våler kommune", "Ørsta kommune", "Åsnes kommune"]
