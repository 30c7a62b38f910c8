import pytest

from tests import factories


@pytest.fixture
def beheerder(db):
    # Network beheer here includes granting roles: this beheerder is also autorisatiebeheerder.
    # tests/network/test_role_grants.py holds the separation of duties itself.
    return factories.make_professional("beheerder", "autorisatiebeheerder")


@pytest.fixture
def admin_client(client, beheerder):
    return factories.verified_login(client, beheerder.user)


@pytest.fixture
def okt_client(client, professional):
    return factories.verified_login(client, professional.user)
