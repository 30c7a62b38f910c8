"""The migrations of the werkproces and the consent registry match the models and apply."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # Exits non-zero (SystemExit) when a model change has no migration.
    call_command(
        "makemigrations", "werkproces", "consent", "audit", check=True, dry_run=True, verbosity=0
    )


@pytest.mark.django_db
def test_the_migrations_are_applied_to_the_test_database():
    applied = MigrationExecutor(connection).loader.applied_migrations
    assert ("werkproces", "0001_initial") in applied
    assert ("consent", "0001_initial") in applied
    assert ("audit", "0004_alter_auditentry_basis") in applied
    tables = set(connection.introspection.table_names())
    assert {"werkproces_transition", "werkproces_consultation", "consent_consent"} <= tables
