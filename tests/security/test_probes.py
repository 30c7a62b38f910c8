"""A look at an id that does not exist is logged too (issue: probes with unknown ids on
personal-data routes left no trace of who tried what)."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from ketenzorg.audit.models import AuditEntry
from tests import factories


@pytest.mark.parametrize(
    "path, object_type",
    [
        ("/gezinnen/{}/", "families.Family"),
        ("/casussen/{}/", "coordination.Case"),
        ("/api/v1/casussen/{}/", "coordination.Case"),
        ("/api/v1/personen/{}/", "families.Person"),
    ],
)
def test_an_unknown_id_is_a_404_and_a_logged_attempt(db, path, object_type):
    prober = factories.make_professional("okt")
    client = factories.verified_login(Client(), prober.user)
    unknown = uuid.uuid4()
    assert client.get(path.format(unknown)).status_code == 404
    entry = AuditEntry.objects.get(username=prober.user.username, outcome="denied")
    assert (entry.object_type, entry.object_uuid, entry.reason) == (
        object_type,
        str(unknown),
        "onbekend id",
    )
