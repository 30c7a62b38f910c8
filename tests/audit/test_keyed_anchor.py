"""The keyed chain and its anchor: what someone with write access to the database cannot hide.

Each test plays an attacker who can do anything in the database (drop the append-only
triggers, rewrite, delete, recompute hashes) but holds neither the audit key nor the
anchor file, or — where said — holds the key but not the anchor file.
"""

import base64
import json
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ketenzorg.audit import anchor, chain, keys, triggers
from ketenzorg.audit.models import AuditEntry, AuditSubject, ChainHead
from ketenzorg.audit.services import Record, Subject, audit_record, audit_record_many
from ketenzorg.audit.verify import audit_verify
from tests import factories
from tests.querycount import LOG_ENTRY

pytestmark = pytest.mark.django_db

K1 = base64.urlsafe_b64encode(b"k1-test-key-not-secret-0123456789").decode()
K2 = base64.urlsafe_b64encode(b"k2-test-key-not-secret-9876543210").decode()


def _entries(n=5):
    professional = factories.make_professional("okt")
    family = factories.register_family(professional)
    for _ in range(n):
        audit_record(
            actor=professional.user, action="read", subjects=[Subject("family", family.uuid)]
        )
    return list(AuditEntry.objects.order_by("id"))


def _subjects_of(entry_id):
    rows = AuditSubject.objects.filter(entry_id=entry_id).values_list("kind", "subject_uuid")
    return [(kind, str(value)) for kind, value in rows]


def _rewrite_from(start_id, *, digest):
    """Recompute every hash from `start_id` on, as an attacker with database rights would."""
    entries = list(AuditEntry.objects.filter(id__gte=start_id).order_by("id"))
    before = AuditEntry.objects.filter(id__lt=start_id).order_by("-id").first()
    prev_hash = before.entry_hash if before else chain.GENESIS
    with connection.cursor() as cursor:
        for entry in entries:
            fields = {name: getattr(entry, name) for name in chain.HASHED_FIELDS}
            new_hash = digest(entry, prev_hash, fields, _subjects_of(entry.id))
            cursor.execute(
                "UPDATE audit_auditentry SET prev_hash = %s, entry_hash = %s WHERE id = %s",
                [prev_hash, new_hash, entry.id],
            )
            prev_hash = new_hash
        cursor.execute(
            "UPDATE audit_chainhead SET last_entry_id = %s, last_hash = %s WHERE id = 1",
            [entries[-1].id, prev_hash],
        )


def _plain_sha256(entry, prev_hash, fields, subjects):
    return chain.entry_digest(prev_hash, fields, subjects)


def _change_username(entry_id, name="iemand-anders"):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET username = %s WHERE id = %s", [name, entry_id])


# (a) a rewritten entry with every later hash recomputed ---------------------------------------


def test_rewritten_entry_with_recomputed_sha256_chain_is_detected():
    entries = _entries(5)
    target = entries[2]
    triggers.drop(connection)
    _change_username(target.id)
    _rewrite_from(target.id, digest=_plain_sha256)
    result = audit_verify()
    assert not result.ok
    assert result.entry_id == target.id
    with pytest.raises(CommandError, match=str(target.id)):
        call_command("audit", "verify")


def test_rewritten_entries_relabelled_as_unkeyed_are_detected():
    """Downgrading to the old unkeyed hash does not help: no unkeyed entry may follow a keyed one."""
    entries = _entries(5)
    target = entries[2]
    triggers.drop(connection)
    _change_username(target.id)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET key_id = '' WHERE id >= %s", [target.id])
    _rewrite_from(target.id, digest=_plain_sha256)
    result = audit_verify()
    assert not result.ok and result.entry_id == target.id
    assert "sleutel" in result.problem


def test_whole_chain_relabelled_as_unkeyed_is_caught_by_the_anchor():
    entries = _entries(4)
    anchor.write_checkpoint()
    triggers.drop(connection)
    _change_username(entries[1].id)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET key_id = ''")
    _rewrite_from(entries[0].id, digest=_plain_sha256)
    result = audit_verify()
    assert not result.ok
    assert result.entry_id == entries[-1].id
    assert "ankerpunt" in result.problem


def test_a_key_holder_rewriting_the_tail_is_caught_by_the_anchor():
    entries = _entries(4)
    anchor.write_checkpoint()
    triggers.drop(connection)
    _change_username(entries[-1].id)
    ring = keys.keyring()

    def with_the_key(entry, prev_hash, fields, subjects):
        return chain.entry_digest(
            prev_hash, fields, subjects, key_id=entry.key_id, key=ring.chain_keys[entry.key_id]
        )

    _rewrite_from(entries[-1].id, digest=with_the_key)
    result = audit_verify()
    assert not result.ok and result.entry_id == entries[-1].id
    assert "ankerpunt" in result.problem


def test_a_key_holder_removing_a_checkpointed_entry_and_relinking_is_caught():
    entries = _entries(3)
    anchor.write_checkpoint()
    _entries(2)
    gone = entries[-1]
    triggers.drop(connection)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditsubject WHERE entry_id = %s", [gone.id])
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [gone.id])
    ring = keys.keyring()

    def with_the_key(entry, prev_hash, fields, subjects):
        key = ring.chain_keys[entry.key_id]
        return chain.entry_digest(prev_hash, fields, subjects, key_id=entry.key_id, key=key)

    _rewrite_from(gone.id + 1, digest=with_the_key)
    result = audit_verify()
    assert not result.ok and result.entry_id == gone.id
    assert "ontbreekt" in result.problem


# (b) the tail cut off, the chain head set back ------------------------------------------------


def test_truncated_tail_with_chain_head_set_back_is_detected():
    entries = _entries(6)
    call_command("audit", "checkpoint", stdout=StringIO())
    kept = entries[3]
    triggers.drop(connection)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditsubject WHERE entry_id > %s", [kept.id])
        cursor.execute("DELETE FROM audit_auditentry WHERE id > %s", [kept.id])
        cursor.execute(
            "UPDATE audit_chainhead SET last_entry_id = %s, last_hash = %s WHERE id = 1",
            [kept.id, kept.entry_hash],
        )
    result = audit_verify()
    assert not result.ok
    assert result.entry_id == entries[-1].id
    assert "afgekapt" in result.problem and str(len(entries)) in result.problem
    with pytest.raises(CommandError, match="afgekapt"):
        call_command("audit", "verify")


def test_entries_written_after_the_checkpoint_do_not_disturb_it():
    _entries(3)
    anchor.write_checkpoint()
    _entries(2)
    anchor.write_checkpoint()
    _entries(1)
    result = audit_verify()
    assert result.ok, result.problem
    assert result.checkpoints == 2
    assert audit_verify(batch_size=2).ok  # checkpoints met across batches


# (c) every audit table emptied ----------------------------------------------------------------


def test_emptied_log_is_detected():
    entries = _entries(3)
    anchor.write_checkpoint()
    triggers.drop(connection)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditsubject")
        cursor.execute("DELETE FROM audit_auditentry")
        cursor.execute("DELETE FROM audit_chainhead")
    result = audit_verify()
    assert not result.ok
    assert result.checked == 0 and result.entry_id == entries[-1].id
    assert "geleegd" in result.problem
    with pytest.raises(CommandError) as raised:
        call_command("audit", "verify")
    assert raised.value.returncode == 1


# (d) rotating the key -------------------------------------------------------------------------


def test_entries_under_an_old_and_a_new_key_both_verify(settings):
    settings.AUDIT_KEYS = f"k1:{K1}"
    first = _entries(2)
    anchor.write_checkpoint()
    settings.AUDIT_KEYS = f"k2:{K2},k1:{K1}"
    audit_record(actor=None, action="login")
    anchor.write_checkpoint()
    entries = list(AuditEntry.objects.order_by("id"))
    assert {e.key_id for e in entries[: len(first)]} == {"k1"}
    assert entries[-1].key_id == "k2"
    result = audit_verify()
    assert result.ok, result.problem
    assert result.checked == len(entries) and result.checkpoints == 2
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "in orde" in out.getvalue()


def test_a_removed_key_leaves_its_entries_unchecked_and_says_which(settings):
    settings.AUDIT_KEYS = f"k1:{K1}"
    old = _entries(3)
    anchor.write_checkpoint()
    settings.AUDIT_KEYS = f"k2:{K2},k1:{K1}"
    new = audit_record(actor=None, action="login")
    anchor.write_checkpoint()
    settings.AUDIT_KEYS = f"k2:{K2}"
    result = audit_verify()
    assert not result.ok
    assert result.unverifiable == [("k1", old[0].id, old[-1].id, len(old))]
    assert result.problem == ""  # nothing found wrong: only not all could be checked
    assert result.checked == 1 and result.checkpoints == 1
    with pytest.raises(CommandError) as raised:
        call_command("audit", "verify")
    assert raised.value.returncode == 2
    message = str(raised.value)
    assert "k1" in message and f"{old[0].id}" in message and f"{old[-1].id}" in message
    # the entries under the key that is still there are checked as before
    triggers.drop(connection)
    _change_username(new.id)
    assert audit_verify().entry_id == new.id


def test_rotate_key_prints_a_fresh_key_in_front_of_the_current_ones(settings):
    settings.AUDIT_KEYS = f"k2:{K2},k1:{K1}"
    out = StringIO()
    call_command("audit", "rotate-key", stdout=out)
    line = next(x for x in out.getvalue().splitlines() if x.startswith("KETENZORG_AUDIT_KEYS="))
    assert line.endswith(',"$KETENZORG_AUDIT_KEYS"') or line.endswith(',$KETENZORG_AUDIT_KEYS"')
    new_id, new_key = line.split("=", 1)[1].strip('"').split(",")[0].split(":")
    assert new_id == "k3"
    assert len(base64.urlsafe_b64decode(new_key)) == 32
    settings.AUDIT_KEYS = f"{new_id}:{new_key},k2:{K2},k1:{K1}"
    assert keys.keyring().current_id == "k3"


def test_malformed_keys_are_refused(settings):
    for bad in (
        "k1",
        "k1:",
        "k1:kort",
        f":{K1}",
        f"k1:{K1},k1:{K2}",
        f"te-lange-sleutelnaam-x:{K1}",
    ):
        settings.AUDIT_KEYS = bad
        with pytest.raises(ImproperlyConfigured):
            keys.keyring()


# entries from before keying -------------------------------------------------------------------


def _as_if_written_before_keying(entries):
    """The state the migration leaves: old entries unkeyed (key id ''), later ones keyed."""
    triggers.drop(connection)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET key_id = '' WHERE id <= %s", [entries[-1].id])
    ring = keys.keyring()

    def old_then_keyed(entry, prev_hash, fields, subjects):
        if entry.id <= entries[-1].id:
            return chain.entry_digest(prev_hash, fields, subjects)
        return chain.entry_digest(
            prev_hash, fields, subjects, key_id=entry.key_id, key=ring.chain_keys[entry.key_id]
        )

    _rewrite_from(entries[0].id, digest=old_then_keyed)
    triggers.create(connection)


def test_entries_from_before_keying_verify_as_before():
    old = _entries(3)
    everything = _entries(2)
    _as_if_written_before_keying(old)
    assert AuditEntry.objects.filter(key_id="").count() == len(old)
    assert AuditEntry.objects.exclude(key_id="").count() == len(everything) - len(old) > 0
    result = audit_verify()
    assert result.ok, result.problem
    assert result.checked == len(everything)


def test_a_changed_entry_from_before_keying_is_caught_by_the_first_keyed_one():
    old = _entries(3)
    _entries(1)
    _as_if_written_before_keying(old)
    triggers.drop(connection)
    _change_username(old[1].id)
    _rewrite_from(
        old[1].id,
        digest=lambda e, p, f, s: chain.entry_digest(p, f, s) if not e.key_id else e.entry_hash,
    )
    result = audit_verify()
    assert not result.ok and result.entry_id > old[-1].id


# the anchor file ------------------------------------------------------------------------------


def test_checkpoints_are_appended_as_signed_json_lines(settings):
    _entries(2)
    first = anchor.write_checkpoint()
    _entries(1)
    second = anchor.write_checkpoint()
    with open(settings.AUDIT_ANCHOR, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f]
    assert len(lines) == 2
    head = ChainHead.objects.get(pk=1)
    assert lines[1]["head_id"] == head.last_entry_id == second.head_id
    assert lines[1]["head_hash"] == head.last_hash
    assert lines[1]["count"] == AuditEntry.objects.count() == second.count
    assert lines[0]["count"] == first.count < second.count
    assert {"at", "key_id", "sig", "kind"} <= set(lines[0])
    assert anchor.last_checkpoint() == second


def test_a_forged_checkpoint_line_is_reported(settings):
    _entries(2)
    anchor.write_checkpoint()
    with open(settings.AUDIT_ANCHOR, encoding="utf-8") as f:
        line = json.loads(f.read())
    line["count"] = 1
    with open(settings.AUDIT_ANCHOR, "w", encoding="utf-8") as f:
        f.write(json.dumps(line) + "\n")
    result = audit_verify()
    assert not result.ok and "ankerbestand" in result.problem and "regel 1" in result.problem


def test_no_anchor_file_is_said_but_not_an_error(settings, tmp_path):
    settings.AUDIT_ANCHOR = str(tmp_path / "nog-niet-daar.log")
    _entries(1)
    result = audit_verify()
    assert result.ok and result.checkpoints == 0
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "geen ankerpunten" in out.getvalue()


def test_verify_can_check_against_a_copy_of_the_anchor(settings, tmp_path):
    entries = _entries(3)
    anchor.write_checkpoint()
    copy = tmp_path / "kopie.log"
    copy.write_bytes(open(settings.AUDIT_ANCHOR, "rb").read())
    open(settings.AUDIT_ANCHOR, "w").close()  # the local file wiped
    triggers.drop(connection)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditsubject WHERE entry_id = %s", [entries[-1].id])
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entries[-1].id])
        cursor.execute(
            "UPDATE audit_chainhead SET last_entry_id = %s, last_hash = %s WHERE id = 1",
            [entries[-2].id, entries[-2].entry_hash],
        )
    assert audit_verify().ok  # what the wiped local file can tell
    with pytest.raises(CommandError, match="afgekapt"):
        call_command("audit", "verify", "--anchor", str(copy))


def test_the_last_verification_is_kept_for_the_privacy_officer(settings):
    assert anchor.last_verification() is None
    _entries(2)
    call_command("audit", "verify", stdout=StringIO())
    anchor.write_checkpoint()  # later lines of another kind do not hide it
    last = anchor.last_verification()
    assert last is not None and last.ok and last.checked == AuditEntry.objects.count()
    assert last.signature_valid
    triggers.drop(connection)
    _change_username(AuditEntry.objects.first().id)
    with pytest.raises(CommandError):
        call_command("audit", "verify")
    last = anchor.last_verification()
    assert not last.ok and str(AuditEntry.objects.first().id) in last.problem


def test_each_round_of_the_worker_writes_a_checkpoint():
    _entries(1)
    out = StringIO()
    call_command("coordination_tick", stdout=out)
    checkpoint = anchor.last_checkpoint()
    assert checkpoint is not None and checkpoint.count == AuditEntry.objects.count()
    assert f"ankerpunt toegangslog: {checkpoint.count} regels" in out.getvalue()
    assert audit_verify().checkpoints == 1


def test_a_round_goes_on_when_the_anchor_cannot_be_written(settings, tmp_path, caplog):
    blocked = tmp_path / "geen-map"
    blocked.write_text("een bestand, geen map")
    settings.AUDIT_ANCHOR = str(blocked / "audit-anchor.log")
    out = StringIO()
    call_command("coordination_tick", stdout=out)
    assert "ankerpunt toegangslog: mislukt" in out.getvalue()
    assert "niet geschreven" in caplog.text


# cost -----------------------------------------------------------------------------------------


def test_keying_adds_no_query_to_an_entry():
    professional = factories.make_professional("okt")
    family = factories.register_family(professional)
    with CaptureQueriesContext(connection) as one:
        audit_record(
            actor=professional.user, action="read", subjects=[Subject("family", family.uuid)]
        )
    records = [Record(action="read", object_type="x", object_uuid=family.uuid, subjects=(Subject("family", family.uuid),))
               for _ in range(5)]  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        audit_record_many(actor=None, records=records)
    # lock the head, the entries, their subjects, move the head (the last three one statement
    # on PostgreSQL), for one entry as for five; no savepoint inside the caller's transaction
    assert len(one.captured_queries) == LOG_ENTRY
    assert len(many.captured_queries) == LOG_ENTRY


def test_the_privacy_officer_sees_the_last_verification(client):
    from tests import factories

    officer = factories.make_professional("privacy")
    factories.verified_login(client, officer.user)
    assert "nog niet gecontroleerd" in client.get("/toegangslog/").content.decode()
    _entries(2)
    call_command("audit", "verify", stdout=StringIO())
    assert "in orde" in client.get("/toegangslog/").content.decode()
    triggers.drop(connection)
    _change_username(AuditEntry.objects.first().id)
    with pytest.raises(CommandError):
        call_command("audit", "verify")
    page = client.get("/toegangslog/").content.decode()
    assert "NIET in orde" in page
