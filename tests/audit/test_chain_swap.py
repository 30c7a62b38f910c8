"""A look outside any transaction on PostgreSQL appends its entry by compare-and-set: the head
read with a new id, then one statement that moves the head only if it still holds that hash.

These tests need the database as a request has it (autocommit, no test transaction around
them), and other connections beside it: `transactional_db`, with the access log's
append-only triggers dropped only for the flush that empties the tables after each test.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from ketenzorg.audit import chain, services, triggers
from ketenzorg.audit.models import AuditEntry, AuditSubject, ChainHead
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.audit.verify import audit_verify
from tests import factories

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="compare-and-set is PostgreSQL's way; SQLite locks"
)


@pytest.fixture
def _triggers_back(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        triggers.create(connection)


@pytest.fixture
def _triggers_off_for_the_flush(transactional_db):
    yield
    triggers.drop(connection)


@pytest.fixture
def autocommit(_triggers_back, transactional_db, _triggers_off_for_the_flush):
    """The database outside any transaction, as a page's request has it."""
    assert connection.get_autocommit() and not connection.in_atomic_block


class capture_statements(CaptureQueriesContext):  # noqa: N801 - used as a context manager
    """The statements sent, BEGIN and COMMIT included (Django logs them too)."""

    def __init__(self):
        super().__init__(connection)

    def __enter__(self):
        super().__enter__()
        return self

    def __iter__(self):
        return iter(q["sql"] for q in self.captured_queries)


def _family():
    professional = factories.make_professional("okt")
    return professional, factories.register_family(professional)


def _in_another_connection(work) -> None:
    """Run `work` on a connection of its own (another thread), to its end."""
    failures = []

    def run():
        try:
            work()
        except Exception as exc:  # noqa: BLE001 - reported to the test below
            failures.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert not failures, failures


def test_a_look_is_two_statements_and_no_transaction(autocommit):
    professional, family = _family()
    subjects = [Subject("family", family.uuid)] + [
        Subject("person", p) for p in family.members.values_list("uuid", flat=True)
    ]
    with capture_statements() as statements:
        entry = audit_record(actor=professional.user, action="read", subjects=subjects)
    assert len(list(statements)) == 2, list(statements)
    assert not any(s.strip().upper() in ("BEGIN", "COMMIT") for s in statements)
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.uuid, stored.entry_hash, stored.prev_hash) == (
        entry.uuid,
        entry.entry_hash,
        entry.prev_hash,
    )
    assert {(s.kind, s.subject_uuid) for s in AuditSubject.objects.filter(entry=stored)} == {
        (s.kind, s.uuid) for s in subjects
    }
    head = ChainHead.objects.get()
    assert (head.last_entry_id, head.last_hash) == (entry.pk, entry.entry_hash)
    assert audit_verify().ok


def test_a_head_that_moved_meanwhile_is_read_again(autocommit, monkeypatch):
    """Another look lands between this look's read of the head and its statement: the
    statement writes nothing, the look reads the new head and appends after that one."""
    professional, family = _family()
    audit_record(actor=professional.user, action="read", object_type="eerste")
    subjects_before = AuditSubject.objects.count()
    digests = []
    original = chain.entry_digest

    def digest_while_another_look_lands(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            return original(*args, **kwargs)  # the other look's
        digests.append(args[0])
        if len(digests) == 1:
            _in_another_connection(
                lambda: audit_record(actor=professional.user, action="read", object_type="tussen")
            )
        return original(*args, **kwargs)

    monkeypatch.setattr(chain, "entry_digest", digest_while_another_look_lands)
    entry = audit_record(
        actor=professional.user, action="read", object_type="laatste",
        subjects=[Subject("family", family.uuid)],
    )  # fmt: skip
    monkeypatch.undo()
    between = AuditEntry.objects.get(object_type="tussen")
    assert digests == [between.prev_hash, between.entry_hash]  # read again after it landed
    assert entry.prev_hash == between.entry_hash
    chained = list(AuditEntry.objects.order_by("id").values_list("object_type", flat=True))
    assert chained[-3:] == ["eerste", "tussen", "laatste"]
    # The attempt that lost wrote nothing: one subject more, the entry's own.
    assert AuditSubject.objects.count() == subjects_before + 1
    assert AuditSubject.objects.filter(entry_id=entry.pk).count() == 1
    assert audit_verify().ok


def test_a_head_that_keeps_moving_falls_back_to_the_lock(autocommit, monkeypatch):
    professional, _ = _family()
    monkeypatch.setattr(services, "SWAP_ATTEMPTS", 1)
    original = chain.entry_digest
    calls = []

    def always_another_look_first(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            return original(*args, **kwargs)
        calls.append(1)
        if len(calls) == 1:
            _in_another_connection(
                lambda: audit_record(actor=professional.user, action="read", object_type="tussen")
            )
        return original(*args, **kwargs)

    monkeypatch.setattr(chain, "entry_digest", always_another_look_first)
    with capture_statements() as statements:
        entry = audit_record(actor=professional.user, action="read", object_type="na het slot")
    monkeypatch.undo()
    assert any("FOR UPDATE" in s for s in statements)  # the lock's way, after one swap lost
    assert entry.prev_hash == AuditEntry.objects.get(object_type="tussen").entry_hash
    assert audit_verify().ok


def test_many_looks_at_once_make_one_chain_in_id_order(autocommit):
    """Four connections look at once, as four workers do: every look is in the log once, the
    chain runs in id order without a break, and the head names the last."""
    professional, family = _family()
    before, subjects_before = AuditEntry.objects.count(), AuditSubject.objects.count()
    audit_record(actor=professional.user, action="read", object_type="start")
    looks, workers = 40, 4
    start = threading.Barrier(workers)
    failures = []

    def worker(n):
        try:
            start.wait()
            for i in range(looks):
                audit_record(
                    actor=professional.user, action="read", object_type=f"w{n}-{i}",
                    subjects=[Subject("family", family.uuid)],
                )  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    entries = list(AuditEntry.objects.order_by("id"))
    assert len(entries) == before + 1 + looks * workers
    assert len({e.object_type for e in entries}) == len(entries)
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.entry_hash
    assert AuditSubject.objects.count() == subjects_before + looks * workers
    head = ChainHead.objects.get()
    assert (head.last_entry_id, head.last_hash) == (entries[-1].pk, entries[-1].entry_hash)
    result = audit_verify()
    assert result.ok and result.checked == len(entries), result.problem


def test_inside_a_transaction_the_entry_waits_for_the_lock(autocommit):
    """A write's entry is part of the write's transaction: the head under its lock until the
    write commits, as before."""
    from django.db import transaction

    professional, _ = _family()
    with capture_statements() as statements, transaction.atomic():
        audit_record(actor=professional.user, action="create", object_type="schrijven")
    assert any("FOR UPDATE" in s for s in statements)
    assert audit_verify().ok
