import pytest

from tests import factories


@pytest.fixture
def beheerder(db):
    return factories.make_professional("beheerder")


@pytest.fixture
def admin_client(client, beheerder):
    return factories.verified_login(client, beheerder.user)


@pytest.fixture
def okt_client(client, professional):
    return factories.verified_login(client, professional.user)
