"""Whether a BSN is known can no longer be probed unnoticed (issue: the duplicate check told any
casework role, and nothing was logged). Verwijsindex-style: the asker learns only that a
colleague will contact them, the professionals involved are told who asked, and every check
is in the access log."""

from __future__ import annotations

import pytest
from django.core import mail

from ketenzorg.audit.models import AuditEntry, AuditSubject
from ketenzorg.core.errors import ValidationFailed
from tests import factories

KNOWN_BSN = "111222333"  # passes the elfproef; a well-known test number


@pytest.fixture
def involved(db):
    return factories.make_professional("jgz")


@pytest.fixture
def known_family(involved):
    return factories.register_family(
        involved,
        name="Gezin Bekendhuis",
        members=[factories.member("Kim", "Bekendhuis", bsn=KNOWN_BSN)],
    )


def test_a_known_bsn_reveals_no_family_and_alerts_whoever_is_involved(known_family, involved):
    prober = factories.make_professional("okt")
    mail.outbox.clear()
    with pytest.raises(ValidationFailed) as refused:
        factories.register_family(
            prober,
            name="Gezin Peiling",
            members=[factories.member("Sam", "Peiling", bsn=KNOWN_BSN)],
        )
    said = " ".join(m for ms in refused.value.field_errors.values() for m in ms)
    assert "al bekend" in said and "Bekendhuis" not in said and involved.last_name not in said
    # The people involved are told who was looking.
    assert [m.to for m in mail.outbox] == [[involved.email]]
    assert prober.full_name in mail.outbox[0].body and "Bekendhuis" not in mail.outbox[0].body
    # The look is logged with the child as subject.
    entry = AuditEntry.objects.get(username=prober.user.username, reason__startswith="BSN-controle")
    assert entry.reason.endswith("al bekend") and entry.action == "search"
    kim = known_family.members.get()
    assert AuditSubject.objects.filter(entry=entry, subject_uuid=str(kim.uuid)).exists()


def test_an_unknown_bsn_is_checked_and_logged_too(db):
    professional = factories.make_professional("okt")
    factories.register_family(professional, members=[factories.member(bsn=KNOWN_BSN)])
    entry = AuditEntry.objects.get(reason__startswith="BSN-controle")
    assert (
        entry.reason.endswith("onbekend") and not AuditSubject.objects.filter(entry=entry).exists()
    )
    assert mail.outbox == []
