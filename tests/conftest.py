import pytest
from hypothesis import settings as hypothesis_settings

from tests import factories

# Properties, not timings: on this shared machine a first look-up of a year's holidays can take
# longer than hypothesis' default 200 ms deadline, which made a correct test flaky under load.
hypothesis_settings.register_profile("ketenzorg", deadline=None)
hypothesis_settings.load_profile("ketenzorg")


# A statement that runs away on PostgreSQL (a plan made without statistics inside a test's
# transaction) fails its own test after 3 minutes, with its SQL in the traceback, and lets go
# of its locks; the backend of a client that went away (a worker stopped by pytest-timeout)
# stops too. Before, one such statement held its transaction's locks for the rest of the run
# and every later test that loaded the same rows waited for it until CI's limit.
STATEMENT_LIMITS = "-c statement_timeout=180s -c client_connection_check_interval=5s"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "ketenzorg.core.postgresql_backend":
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} {STATEMENT_LIMITS}".strip()


# Argon2 is the product's hasher (tested in tests/accounts); most tests need speed.
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = FAST_HASHER


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


@pytest.fixture(autouse=True)
def _document_dir_per_test(settings, tmp_path):
    # Sealed documents are files: each test (and each xdist worker) gets its own folder, so
    # none writes into var/ and none sees another's files.
    settings.KETENZORG_DOCUMENT_DIR = tmp_path / "documents"
