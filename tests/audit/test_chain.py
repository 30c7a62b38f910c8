"""The access log: append-only, hash-chained, verifiable from the command line."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from ketenzorg.audit import chain, triggers
from ketenzorg.audit.models import AuditEntry, AuditSubject
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.audit.verify import audit_verify
from tests import factories
from tests.querycount import record_compiles

pytestmark = pytest.mark.django_db


def _some_entries(n=5):
    professional = factories.make_professional("okt")
    family = factories.register_family(professional)
    for _ in range(n):
        audit_record(
            actor=professional.user, action="read", subjects=[Subject("family", family.uuid)]
        )
    return professional, family


def _without_triggers():
    triggers.drop(connection)


def test_untouched_chain_verifies(capsys):
    _some_entries()
    result = audit_verify()
    assert result.ok, result.problem
    assert result.checked == AuditEntry.objects.count()
    call_command("audit", "verify")
    assert "in orde" in capsys.readouterr().out


def test_entries_link_to_their_predecessor():
    _some_entries(3)
    entries = list(AuditEntry.objects.order_by("id"))
    assert entries[0].prev_hash == chain.GENESIS
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.entry_hash


def test_orm_refuses_changes_and_deletes():
    _some_entries(1)
    entry = AuditEntry.objects.first()
    entry.reason = "anders"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(reason="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


def test_database_refuses_raw_update():
    _some_entries(1)
    triggers.create(connection)  # a browser test in the same run may have dropped them
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017 - the driver's IntegrityError/InternalError
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditentry SET reason = 'x'")


def test_changed_entry_is_detected_and_named():
    _some_entries(5)
    target = AuditEntry.objects.order_by("id")[2]
    _without_triggers()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET username = 'iemand-anders' WHERE id = %s", [target.id]
        )
    result = audit_verify()
    assert not result.ok
    assert result.entry_id == target.id
    with pytest.raises(CommandError, match=str(target.id)):
        call_command("audit", "verify")


def test_deleted_entry_is_detected():
    _some_entries(5)
    target = AuditEntry.objects.order_by("id")[2]
    _without_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditsubject WHERE entry_id = %s", [target.id])
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [target.id])
    result = audit_verify()
    assert not result.ok
    assert result.entry_id > target.id


def test_deleted_last_entry_is_detected():
    _some_entries(3)
    last = AuditEntry.objects.order_by("-id").first()
    _without_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditsubject WHERE entry_id = %s", [last.id])
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [last.id])
    assert not audit_verify().ok


def test_changed_subject_is_detected():
    _some_entries(2)
    subject = AuditSubject.objects.order_by("id").last()
    _without_triggers()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditsubject SET subject_uuid = %s WHERE id = %s",
            [
                "00000000000040008000000000000000"
                if connection.vendor == "sqlite"
                else "00000000-0000-4000-8000-000000000000",
                subject.id,
            ],
        )
    result = audit_verify()
    assert not result.ok
    assert result.entry_id == subject.entry_id


def test_content_is_not_copied_into_the_log():
    professional = factories.make_professional("okt")
    factories.register_family(professional, name="Gezin Uniekproefnaam")
    for entry in AuditEntry.objects.all():
        values = " ".join(str(getattr(entry, f)) for f in chain.HASHED_FIELDS)
        assert "Uniekproefnaam" not in values


def test_many_entries_at_once_chain_like_single_ones():
    from ketenzorg.audit.services import Record, audit_record_many

    professional, family = _some_entries(2)
    earlier = AuditEntry.objects.count()
    records = [
        Record(action="create", object_type="coordination.StagnationSignal", object_uuid=family.uuid,
               subjects=(Subject("family", family.uuid),), reason=f"batch {i}")
        for i in range(3)
    ]  # fmt: skip
    assert audit_record_many(actor=None, records=records) == 3
    audit_record(actor=professional.user, action="read", subjects=[Subject("family", family.uuid)])
    entries = list(AuditEntry.objects.order_by("id"))
    batch = entries[earlier : earlier + 3]
    assert [e.reason for e in batch] == ["batch 0", "batch 1", "batch 2"]
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.entry_hash
    assert AuditSubject.objects.filter(entry__in=batch, subject_uuid=family.uuid).count() == 3
    result = audit_verify()
    assert result.ok and result.checked == earlier + 4, result.problem


@pytest.mark.parametrize("per_statement", [1000, 2])
def test_each_entry_of_a_batch_gets_its_own_subjects_and_the_head_the_last(
    monkeypatch, per_statement
):
    """On PostgreSQL a batch is one statement up to ENTRIES_PER_STATEMENT entries (subjects
    found by their entry's uuid), three statements beyond; either way the same log."""
    from ketenzorg.audit import services
    from ketenzorg.audit.models import ChainHead
    from ketenzorg.audit.services import Record, audit_record_many

    monkeypatch.setattr(services, "ENTRIES_PER_STATEMENT", per_statement)
    professional, family = _some_entries(1)
    persons = list(family.members.values_list("uuid", flat=True))
    records = [
        Record(action="read", object_type="families.Person", object_uuid=person,
               subjects=(Subject("person", person), Subject("family", family.uuid)))
        for person in persons
    ] + [Record(action="read", object_type="x", object_uuid="", subjects=())]  # fmt: skip
    assert audit_record_many(actor=None, records=records) == len(persons) + 1
    batch = list(AuditEntry.objects.order_by("-id")[: len(persons) + 1])[::-1]
    for entry, person in zip(batch, persons, strict=False):
        assert entry.object_uuid == str(person)
        assert {(s.kind, s.subject_uuid) for s in entry.subjects.all()} == {
            ("person", person),
            ("family", family.uuid),
        }
    assert not batch[-1].subjects.exists()
    head = ChainHead.objects.get()
    assert (head.last_entry_id, head.last_hash) == (batch[-1].pk, batch[-1].entry_hash)
    assert audit_verify().ok


def test_a_look_compiles_no_query_once_the_first_was_logged(monkeypatch):
    """Every page that shows a child's data appends an entry: its head read, insert and head
    step are compiled SQL, not querysets and `save()` turned into SQL again on each look."""
    from ketenzorg.audit.models import ChainHead

    professional, family = _some_entries(1)
    compiled = record_compiles(monkeypatch)
    entry = audit_record(
        actor=professional.user, action="read", subjects=[Subject("family", family.uuid)]
    )
    monkeypatch.undo()
    assert compiled == []
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.uuid, stored.entry_hash) == (entry.uuid, entry.entry_hash)
    assert [s.subject_uuid for s in stored.subjects.all()] == [family.uuid]
    head = ChainHead.objects.get()
    assert (head.last_entry_id, head.last_hash) == (entry.pk, entry.entry_hash)
    assert audit_verify().ok
