import pytest

from tests.oidc.harness import CALLBACK, running_provider


@pytest.fixture(scope="session")
def oidc_server(tmp_path_factory):
    with running_provider(tmp_path_factory.mktemp("oidc"), [CALLBACK]) as provider:
        yield provider


@pytest.fixture
def oidc_provider(oidc_server, settings):
    """The running provider, configured as the portal's only OIDC_PROVIDERS entry."""
    settings.OIDC_PROVIDERS = (oidc_server.settings_entry(),)
    oidc_server.set(mode="normal")
    return oidc_server
