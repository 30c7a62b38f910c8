import pytest

from tests import factories


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Argon2 is the product's hasher (tested in tests/accounts); most tests need speed.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def professional(db):
    return factories.make_professional("okt")


@pytest.fixture
def logged_in(client, professional):
    return factories.verified_login(client, professional.user)


@pytest.fixture(autouse=True)
def _audit_anchor_per_test(settings, tmp_path):
    # Checkpoints name entries of this test's database, which is rolled back afterwards;
    # a shared anchor file would make every later `audit verify` fail.
    settings.AUDIT_ANCHOR = str(tmp_path / "audit-anchor.log")
