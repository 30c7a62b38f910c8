import pytest

from ketenzorg.glossary import lookup
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_term_map():
    # The key map lives in the process-wide cache; a test that adds a term
    # rolls the row back but not the cache, so start and end every test clean.
    lookup.invalidate()
    yield
    lookup.invalidate()


@pytest.fixture
def beheerder(db):
    return factories.make_professional("beheerder")


@pytest.fixture
def beheerder_client(client, beheerder):
    return factories.verified_login(client, beheerder.user)
