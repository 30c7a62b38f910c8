"""Browser journeys: Playwright (sync API) driving Debian's chromium against `live_server`.

Every test in this folder is marked `e2e`. Without /usr/bin/chromium the tests skip,
unless KETENZORG_REQUIRE_BROWSER=1 (CI sets it), then they fail.
"""

from __future__ import annotations

import base64
import importlib
import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django_otp.oath import totp

from tests import factories

# Playwright's sync API keeps an asyncio loop in this thread; Django's ORM would
# otherwise refuse to run from the test code ("SynchronousOnlyOperation").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 15_000
# The migration's own functions (the RunPython contract: apps, schema_editor) stay stable
# however the trigger SQL is organised behind them.
_TRIGGER_MIGRATION = importlib.import_module("ketenzorg.audit.migrations.0002_append_only_triggers")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


def browser_required() -> bool:
    return os.environ.get("KETENZORG_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


# --- database -----------------------------------------------------------------------------


@pytest.fixture(scope="package", autouse=True)
def _audit_triggers_off_while_flushing(django_db_setup, django_db_blocker):
    """`live_server` needs `transactional_db`, which empties every table after each test.

    The access log's append-only triggers refuse that DELETE/TRUNCATE, so they are
    dropped for the e2e package and put back when it is done (package scope, so the
    last flush has happened by then and tests elsewhere still see the triggers).
    """
    from django.db import connection

    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            _TRIGGER_MIGRATION.drop_triggers(None, editor)
        yield
        with connection.schema_editor() as editor:
            _TRIGGER_MIGRATION.create_triggers(None, editor)
        # Once Playwright's loop runs in this thread, asgiref keeps Django's connections in
        # per-context storage: this is then another connection object than the one
        # pytest-django closes before dropping the test database, so close it here.
        # (For the same reason serialized_rollback cannot restore migration data in
        # browser tests: a test makes the data it needs.)
        connection.close()


@pytest.fixture(autouse=True)
def _no_transaction_left_open_by_the_server(transactional_db):
    """After a browser test, before the database is emptied: end any session of the live
    server's threads left idle inside a transaction (a request cut off when the browser
    closed). PostgreSQL's TRUNCATE waits for every lock such a session holds, for ever: the
    suite would hang at the next flush. Torn down before `transactional_db`'s flush, because
    this fixture asks for it."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND state LIKE 'idle in transaction%%'"
        )


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Overrides tests/conftest.py: the browser logs in against the real Argon2 hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


# --- browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} ontbreekt: installeer Debian's chromium (apt-get install chromium)"
        if browser_required():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server):
    ctx = browser.new_context(
        base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    ctx.set_default_timeout(TIMEOUT_MS)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


# --- helpers ------------------------------------------------------------------------------


def current_code(bin_key: bytes) -> str:
    return f"{totp(bin_key):06d}"


def secret_to_key(secret: str) -> bytes:
    """The base32 secret as shown on the enrolment page (padding stripped) back to bytes."""
    secret = secret.strip().replace(" ", "").upper()
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def session_cookie_for(user, live_server, *, verified=True) -> dict:
    """A session made on the server side, so a page can be checked without the login dance."""
    client = Client()
    if verified:
        factories.verified_login(client, user)
    else:
        client.force_login(user)
    return {
        "name": django_settings.SESSION_COOKIE_NAME,
        "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


@pytest.fixture
def login_as(context, live_server):
    """Put a (verified, by default) session for `user` into the browser context."""

    def _login(user, *, verified=True):
        context.clear_cookies()
        context.add_cookies([session_cookie_for(user, live_server, verified=verified)])

    return _login
