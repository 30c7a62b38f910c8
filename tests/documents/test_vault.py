"""The document store: sealed on disk, opened only with its row and its key, destroyable, re-keyable."""

from __future__ import annotations

import base64
import hashlib
import os
import time
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from ketenzorg.documents import vault
from ketenzorg.documents.keys import MasterKeyMissing, keyring
from ketenzorg.documents.models import SealedDocument
from ketenzorg.documents.vault import (
    DocumentDestroyed,
    DocumentTampered,
    DocumentUnreadable,
    destroy,
    document_path,
    rotate,
    seal,
    unseal,
)

pytestmark = pytest.mark.django_db

SENTENCE = b"Verwijsformat voor Fictief Kind, geboren in Demostad: perspectiefplan volgt."


def _key(n: int, length: int = 32) -> str:
    # Fixed test keys: the parameter ids below must be the same in every xdist worker.
    return base64.urlsafe_b64encode(bytes([n]) * length).decode()


K1, K2, K3 = _key(1), _key(2), _key(3)


def _fresh(doc) -> SealedDocument:
    return SealedDocument.objects.get(pk=doc.pk)


def test_a_sealed_document_opens_to_the_same_bytes():
    data = SENTENCE + bytes(range(256)) * 40
    doc = seal(data, filename="verwijsformat.pdf", content_type="application/pdf")
    row = _fresh(doc)
    assert unseal(row) == data
    assert (row.filename, row.content_type, row.size) == (
        "verwijsformat.pdf",
        "application/pdf",
        len(data),
    )
    assert row.master_key_id == "demo"
    assert row.destroyed_at is None
    assert row.ciphertext_sha256 == hashlib.sha256(document_path(row.uuid).read_bytes()).hexdigest()


def test_an_empty_document_round_trips():
    assert unseal(_fresh(seal(b"", filename="leeg.txt", content_type="text/plain"))) == b""


def test_the_file_holds_only_ciphertext_under_a_name_without_personal_data():
    doc = seal(
        SENTENCE * 3, filename="Fictief Kind - verwijzing.pdf", content_type="application/pdf"
    )
    files = list(vault.document_dir().iterdir())
    assert [f.name for f in files] == [str(doc.uuid)]
    on_disk = files[0].read_bytes()
    assert SENTENCE not in on_disk
    assert b"Fictief" not in on_disk and b"Demostad" not in on_disk
    # AES-GCM: the plaintext's length plus a 16-byte tag, nothing else (no header, no key).
    assert len(on_disk) == len(SENTENCE) * 3 + 16
    assert oct(files[0].stat().st_mode & 0o777) == "0o600"


def test_two_seals_of_the_same_bytes_differ_on_disk():
    a = seal(SENTENCE, filename="a.txt", content_type="text/plain")
    b = seal(SENTENCE, filename="a.txt", content_type="text/plain")
    assert document_path(a.uuid).read_bytes() != document_path(b.uuid).read_bytes()
    assert bytes(a.wrapped_key) != bytes(b.wrapped_key)


def test_a_file_name_loses_its_directories_and_control_characters():
    doc = seal(b"x", filename="../../etc/pass\nwd\x00.pdf", content_type="application/pdf")
    assert _fresh(doc).filename == "passwd.pdf"
    assert (
        seal(b"x", filename="C:\\Users\\a\\brief.docx", content_type="x").filename == "brief.docx"
    )
    with pytest.raises(ValueError):
        seal(b"x", filename="/", content_type="text/plain")
    long_name = "a" * 400 + ".pdf"
    assert seal(b"x", filename=long_name, content_type="x").filename == "a" * 251 + ".pdf"


# --- tampering --------------------------------------------------------------------------


def test_a_flipped_byte_in_the_file_is_detected():
    doc = seal(SENTENCE, filename="a.txt", content_type="text/plain")
    path = document_path(doc.uuid)
    raw = bytearray(path.read_bytes())
    raw[5] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(DocumentTampered, match="SHA-256"):
        unseal(_fresh(doc))


def test_a_flipped_byte_with_a_matching_hash_still_fails_the_tag():
    """Someone who can write both the disk and the database still cannot change a document."""
    doc = seal(SENTENCE, filename="a.txt", content_type="text/plain")
    path = document_path(doc.uuid)
    raw = bytearray(path.read_bytes())
    raw[5] ^= 0x01
    path.write_bytes(bytes(raw))
    SealedDocument.objects.filter(pk=doc.pk).update(
        ciphertext_sha256=hashlib.sha256(bytes(raw)).hexdigest()
    )
    with pytest.raises(DocumentTampered, match="hoort niet bij dit document"):
        unseal(_fresh(doc))


def test_a_missing_file_is_tampering():
    doc = seal(SENTENCE, filename="a.txt", content_type="text/plain")
    document_path(doc.uuid).unlink()
    with pytest.raises(DocumentTampered, match="ontbreekt"):
        unseal(_fresh(doc))


def test_another_documents_file_in_its_place_fails():
    a = seal(b"document van gezin A", filename="a.txt", content_type="text/plain")
    b = seal(b"document van gezin B", filename="b.txt", content_type="text/plain")
    document_path(a.uuid).write_bytes(document_path(b.uuid).read_bytes())
    with pytest.raises(DocumentTampered):
        unseal(_fresh(a))
    # Also with the row's hash made to fit the swapped file: the data key is A's, not B's.
    SealedDocument.objects.filter(pk=a.pk).update(ciphertext_sha256=_fresh(b).ciphertext_sha256)
    with pytest.raises(DocumentTampered, match="hoort niet bij dit document"):
        unseal(_fresh(a))


def test_a_whole_row_copied_under_another_uuid_fails():
    """B's key, nonces, hash and file under A's uuid: the uuid is in the associated data."""
    a = seal(b"document van gezin A", filename="a.txt", content_type="text/plain")
    b = _fresh(seal(b"document van gezin B", filename="b.txt", content_type="text/plain"))
    SealedDocument.objects.filter(pk=a.pk).update(
        wrapped_key=bytes(b.wrapped_key),
        key_nonce=bytes(b.key_nonce),
        data_nonce=bytes(b.data_nonce),
        ciphertext_sha256=b.ciphertext_sha256,
        size=b.size,
    )
    document_path(a.uuid).write_bytes(document_path(b.uuid).read_bytes())
    with pytest.raises(DocumentTampered, match="documentsleutel hoort niet"):
        unseal(_fresh(a))
    # B itself is untouched.
    assert unseal(_fresh(b)) == b"document van gezin B"


def test_a_row_given_another_uuid_fails():
    a = seal(b"document van gezin A", filename="a.txt", content_type="text/plain")
    b = seal(b"document van gezin B", filename="b.txt", content_type="text/plain")
    # A's row now claims B's file name on disk (B's row moved out of the way first).
    SealedDocument.objects.filter(pk=b.pk).delete()
    SealedDocument.objects.filter(pk=a.pk).update(uuid=b.uuid)
    with pytest.raises(DocumentTampered):
        unseal(_fresh(a))


def test_a_changed_size_is_detected():
    doc = seal(SENTENCE, filename="a.txt", content_type="text/plain")
    SealedDocument.objects.filter(pk=doc.pk).update(size=doc.size + 1)
    with pytest.raises(DocumentTampered, match="grootte"):
        unseal(_fresh(doc))


# --- destroy ----------------------------------------------------------------------------


def test_destroy_forgets_the_key_removes_the_file_and_keeps_the_row(
    django_capture_on_commit_callbacks,
):
    doc = seal(SENTENCE, filename="a.txt", content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        destroy(doc)
    row = _fresh(doc)
    assert row.destroyed_at is not None
    assert bytes(row.wrapped_key) == b"" and bytes(row.key_nonce) == b""
    assert (row.filename, row.size) == ("a.txt", len(SENTENCE))
    assert not document_path(doc.uuid).exists()
    with pytest.raises(DocumentDestroyed):
        unseal(row)
    with pytest.raises(DocumentDestroyed):
        unseal(doc)  # the caller's object too


def test_destroyed_is_unreadable_and_tampered_is_not_the_same_error():
    assert issubclass(DocumentDestroyed, DocumentUnreadable)
    assert issubclass(DocumentTampered, DocumentUnreadable)
    assert not issubclass(DocumentDestroyed, DocumentTampered)


def test_a_rolled_back_destroy_leaves_the_document_readable(django_capture_on_commit_callbacks):
    doc = seal(SENTENCE, filename="a.txt", content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                destroy(doc)
                raise RuntimeError("the caller's write failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert unseal(_fresh(doc)) == SENTENCE


def test_the_database_refuses_a_destroyed_row_with_a_key():
    doc = seal(SENTENCE, filename="a.txt", content_type="text/plain")
    with pytest.raises(IntegrityError), transaction.atomic():
        SealedDocument.objects.filter(pk=doc.pk).update(destroyed_at=doc.created_at)


# --- master keys and rotation -----------------------------------------------------------


def test_rotation_re_wraps_and_the_old_key_can_go(settings):
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k1:{K1}"
    docs = [seal(b"brief %d" % i, filename=f"{i}.txt", content_type="text/plain") for i in range(5)]
    files_before = {d.uuid: document_path(d.uuid).read_bytes() for d in docs}
    assert {_fresh(d).master_key_id for d in docs} == {"k1"}

    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k2:{K2},k1:{K1}"
    assert unseal(_fresh(docs[0])) == b"brief 0"  # still opens before rotating
    assert rotate(batch=2) == 5
    assert rotate(batch=2) == 0  # idempotent
    assert {_fresh(d).master_key_id for d in docs} == {"k2"}
    assert {d.uuid: document_path(d.uuid).read_bytes() for d in docs} == files_before

    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k2:{K2}"
    assert [unseal(_fresh(d)) for d in docs] == [b"brief %d" % i for i in range(5)]


def test_rotation_skips_destroyed_documents_and_new_seals_use_the_first_key(
    settings, django_capture_on_commit_callbacks
):
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k1:{K1}"
    gone = seal(b"weg", filename="weg.txt", content_type="text/plain")
    kept = seal(b"blijft", filename="blijft.txt", content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        destroy(gone)
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k2:{K2},k1:{K1}"
    new = seal(b"nieuw", filename="nieuw.txt", content_type="text/plain")
    assert _fresh(new).master_key_id == "k2"
    assert rotate() == 1
    assert _fresh(gone).master_key_id == "k1" and bytes(_fresh(gone).wrapped_key) == b""
    assert unseal(_fresh(kept)) == b"blijft"


def test_an_unknown_master_key_is_named_not_taken_for_tampering(settings):
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k1:{K1}"
    doc = seal(SENTENCE, filename="a.txt", content_type="text/plain")
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k2:{K2}"
    with pytest.raises(MasterKeyMissing, match="k1") as caught:
        unseal(_fresh(doc))
    assert not isinstance(caught.value, DocumentUnreadable)
    assert isinstance(caught.value, ImproperlyConfigured)
    # Rotation refuses before it changes anything.
    with pytest.raises(MasterKeyMissing, match="k1"):
        rotate()
    assert _fresh(doc).master_key_id == "k1"


def test_another_key_under_the_same_id_fails_and_says_so(settings):
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k1:{K1}"
    doc = seal(SENTENCE, filename="a.txt", content_type="text/plain")
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k1:{K3}"
    with pytest.raises(DocumentTampered, match="hoofdsleutel k1 is een andere"):
        unseal(_fresh(doc))


def test_rotation_names_a_document_whose_key_fails_and_rotates_the_rest(settings):
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k1:{K1}"
    bad = seal(b"a", filename="a.txt", content_type="text/plain")
    good = seal(b"b", filename="b.txt", content_type="text/plain")
    SealedDocument.objects.filter(pk=bad.pk).update(key_nonce=os.urandom(12))
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k2:{K2},k1:{K1}"
    with pytest.raises(vault.RotationIncomplete) as caught:
        rotate(batch=1)
    assert (caught.value.rotated, caught.value.failed) == (1, [bad.uuid])
    assert _fresh(good).master_key_id == "k2" and _fresh(bad).master_key_id == "k1"


@pytest.mark.parametrize(
    "raw",
    [
        "k1",  # no key
        f"k1:{_key(4, length=16)}",  # 16 bytes, not 32
        f"k1:{K1},k1:{K2}",  # twice
        f"sleutel met spatie:{K1}",
        "k1:@@@@",
    ],
)
def test_a_malformed_key_list_is_refused(settings, raw):
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = raw
    with pytest.raises(ImproperlyConfigured, match="KETENZORG_DOCUMENT_MASTER_KEYS"):
        keyring()


def test_the_demo_key_follows_the_secret_key(settings):
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = ""
    first = keyring()
    settings.SECRET_KEY = "een-andere-geheime-sleutel-voor-deze-test-" + "y" * 20
    assert first.current_id == keyring().current_id == "demo"
    assert first.current_key != keyring().current_key


# --- the commands -----------------------------------------------------------------------


def test_rotate_document_keys_prints_the_count(settings):
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k1:{K1}"
    for i in range(3):
        seal(b"%d" % i, filename="x.txt", content_type="text/plain")
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k2:{K2},k1:{K1}"
    out = StringIO()
    call_command("rotate_document_keys", stdout=out)
    assert "3 documentsleutels omgezet naar hoofdsleutel k2" in out.getvalue()
    out = StringIO()
    call_command("rotate_document_keys", stdout=out)
    assert "0 documentsleutels omgezet" in out.getvalue()


def test_rotate_document_keys_stops_on_a_missing_key(settings):
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k1:{K1}"
    seal(b"x", filename="x.txt", content_type="text/plain")
    settings.KETENZORG_DOCUMENT_MASTER_KEYS = f"k2:{K2}"
    with pytest.raises(CommandError, match="Niets omgezet.*k1"):
        call_command("rotate_document_keys")


def test_a_rolled_back_seal_leaves_an_orphan_the_sweep_removes_after_a_day():
    try:
        with transaction.atomic():
            orphan = seal(SENTENCE, filename="a.txt", content_type="text/plain")
            raise RuntimeError("the caller's write failed")
    except RuntimeError:
        pass
    kept = seal(SENTENCE, filename="b.txt", content_type="text/plain")
    orphan_path = document_path(orphan.uuid)
    assert orphan_path.exists() and not SealedDocument.objects.filter(uuid=orphan.uuid).exists()
    stray_tmp = vault.document_dir() / ".tmp-halfgeschreven-123"
    stray_tmp.write_bytes(b"half")

    out = StringIO()
    call_command("documents_sweep", stdout=out)  # too young: it may still be committed
    assert "0 documentbestanden verwijderd" in out.getvalue()
    assert orphan_path.exists() and stray_tmp.exists()

    a_day_ago = time.time() - 24 * 3600 - 60
    for path in (orphan_path, stray_tmp, document_path(kept.uuid)):
        os.utime(path, (a_day_ago, a_day_ago))
    out = StringIO()
    call_command("documents_sweep", stdout=out)
    assert "2 documentbestanden verwijderd" in out.getvalue()
    assert not orphan_path.exists() and not stray_tmp.exists()
    assert unseal(_fresh(kept)) == SENTENCE


def test_the_sweep_removes_the_file_a_destroy_left_behind():
    doc = seal(SENTENCE, filename="a.txt", content_type="text/plain")
    destroy(doc)  # in the test's transaction: the removal after the commit never runs
    assert document_path(doc.uuid).exists()
    assert vault.sweep() == 1
    assert not document_path(doc.uuid).exists()


def test_the_sweep_of_a_missing_folder_removes_nothing():
    assert not vault.document_dir().exists()
    assert vault.sweep() == 0
