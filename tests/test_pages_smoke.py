import pytest
from django.urls import reverse

from tests.conftest import ROLES


@pytest.mark.parametrize("role", ROLES)
def test_home_and_project_pages(world, client_for, role):
    client = client_for(world.users[role])
    response = client.get(reverse("home"))
    # Logged out, the home page is the public front door.
    assert response.status_code == 200
    response = client.get(reverse("projects:detail", args=["vag"]))
    expected = {"anonymous": 302, "outsider": 404}.get(role, 200)
    assert response.status_code == expected
    if expected == 200:
        group = world.steering_group
        response = client.get(reverse("projects:group_detail", args=["vag", group.pk]))
        assert response.status_code == 200
