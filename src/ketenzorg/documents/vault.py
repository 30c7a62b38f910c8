"""Seal, open, destroy and re-key documents (envelope encryption with AES-GCM).

Every document gets its own random 256-bit data key. The content is encrypted with it; the
data key itself is stored only wrapped (encrypted) under the current master key from the
environment. So:

- rotating a master key re-wraps 32-byte keys, never re-encrypts files;
- destroying a document is forgetting its wrapped key: without it the ciphertext, wherever
  a copy of it went, cannot be read (crypto-shredding);
- both encryptions take the document's uuid as associated data, so a file copied over
  another document's file, or a wrapped key copied into another row, fails to decrypt
  instead of showing one person's document under another's name.

Nothing here asks who may read a document or writes the access log: the caller does that
first (its guard, its log entry) and then calls these functions.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import time
import uuid as uuid_module
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ketenzorg.documents.keys import MasterKeyMissing, keyring
from ketenzorg.documents.models import SealedDocument

NONCE_BYTES = 12
# A file without a committed row may still belong to a transaction that is running; after a
# day it is an orphan of a rolled-back one (or a crashed write) and can go.
ORPHAN_AGE_SECONDS = 24 * 60 * 60
_TMP_PREFIX = ".tmp-"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class DocumentUnreadable(Exception):
    """The document cannot be opened; the caller shows one message for every reason."""

    def __init__(self, doc_uuid, reason: str):
        self.uuid = doc_uuid
        super().__init__(f"Document {doc_uuid}: {reason}")


class DocumentDestroyed(DocumentUnreadable):
    """Its key was destroyed on purpose: nobody can read it any more, by design."""


class DocumentTampered(DocumentUnreadable):
    """The file is missing or does not belong to this row: damage or an attack, to look into."""


class RotationIncomplete(Exception):
    """Some documents could not be re-wrapped (their wrapped key fails); the rest were."""

    def __init__(self, rotated: int, failed: list):
        self.rotated = rotated
        self.failed = failed
        super().__init__(
            f"{rotated} sleutels omgezet; {len(failed)} documenten niet, hun sleutel is niet "
            f"te openen: {', '.join(str(u) for u in failed[:20])}"
        )


def document_dir() -> Path:
    return Path(settings.KETENZORG_DOCUMENT_DIR)


def document_path(doc_uuid) -> Path:
    # The uuid, nothing of the person: a directory listing tells nothing.
    return document_dir() / str(doc_uuid)


def _data_aad(doc_uuid) -> bytes:
    return b"ketenzorg-document:" + uuid_module.UUID(str(doc_uuid)).bytes


def _key_aad(doc_uuid, key_id: str) -> bytes:
    return b"ketenzorg-document-key:" + uuid_module.UUID(str(doc_uuid)).bytes + key_id.encode()


def _clean_filename(filename: str) -> str:
    """The name shown to a reader later: no directories, no control characters, not empty."""
    name = _CONTROL.sub("", re.split(r"[/\\]", filename or "")[-1]).strip()
    if not name or name in {".", ".."}:
        raise ValueError("Een document heeft een bestandsnaam nodig.")
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        keep = dot + ext if dot and len(ext) < 16 else ""
        name = (stem if keep else name)[: 255 - len(keep)] + keep
    return name


def _write_atomically(path: Path, data: bytes) -> None:
    """The whole file or none: a crash leaves at most a temporary file for the sweep."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.parent / f"{_TMP_PREFIX}{path.name}-{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    # The rename itself survives a power cut only once the directory is on disk.
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def seal(data: bytes, *, filename: str, content_type: str) -> SealedDocument:
    """Encrypt `data` to disk and save its row.

    The file is written (and synced) before the row, so a committed row always has its file.
    Inside the caller's transaction a rollback removes the row and leaves an orphan file that
    nobody can read (its key was only in the row); `documents_sweep` removes it later.
    """
    ring = keyring()
    doc_uuid = uuid_module.uuid4()
    data_key = AESGCM.generate_key(bit_length=256)
    data_nonce = os.urandom(NONCE_BYTES)
    key_nonce = os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(data_key).encrypt(data_nonce, bytes(data), _data_aad(doc_uuid))
    wrapped = AESGCM(ring.current_key).encrypt(
        key_nonce, data_key, _key_aad(doc_uuid, ring.current_id)
    )
    doc = SealedDocument(
        uuid=doc_uuid,
        filename=_clean_filename(filename),
        content_type=(content_type or "application/octet-stream")[:255],
        size=len(data),
        ciphertext_sha256=hashlib.sha256(ciphertext).hexdigest(),
        master_key_id=ring.current_id,
        wrapped_key=wrapped,
        key_nonce=key_nonce,
        data_nonce=data_nonce,
    )
    path = document_path(doc_uuid)
    _write_atomically(path, ciphertext)
    try:
        doc.save(force_insert=True)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return doc


def _unwrap(doc: SealedDocument, ring) -> bytes:
    try:
        return AESGCM(ring.wrapping_key(doc.master_key_id)).decrypt(
            bytes(doc.key_nonce), bytes(doc.wrapped_key), _key_aad(doc.uuid, doc.master_key_id)
        )
    except InvalidTag:
        raise DocumentTampered(
            doc.uuid,
            f"de documentsleutel hoort niet bij dit document, of hoofdsleutel "
            f"{doc.master_key_id} is een andere dan waaronder hij is opgeslagen",
        ) from None


def unseal(doc: SealedDocument) -> bytes:
    """The plaintext of `doc`, after the caller's guard and access-log entry.

    Raises DocumentDestroyed, DocumentTampered (both DocumentUnreadable), or MasterKeyMissing
    when the environment lacks the master key the row names (an operator's error).
    """
    if doc.destroyed_at is not None or not doc.wrapped_key:
        raise DocumentDestroyed(doc.uuid, "de sleutel is vernietigd")
    data_key = _unwrap(doc, keyring())
    try:
        ciphertext = document_path(doc.uuid).read_bytes()
    except FileNotFoundError:
        raise DocumentTampered(doc.uuid, "het bestand ontbreekt") from None
    if not hmac.compare_digest(hashlib.sha256(ciphertext).hexdigest(), doc.ciphertext_sha256):
        raise DocumentTampered(doc.uuid, "het bestand is gewijzigd (andere SHA-256)")
    try:
        plaintext = AESGCM(data_key).decrypt(bytes(doc.data_nonce), ciphertext, _data_aad(doc.uuid))
    except InvalidTag:
        raise DocumentTampered(doc.uuid, "het bestand hoort niet bij dit document") from None
    if len(plaintext) != doc.size:
        raise DocumentTampered(doc.uuid, "de grootte klopt niet met de registratie")
    return plaintext


def destroy(doc: SealedDocument) -> None:
    """Make `doc` unreadable for good: its wrapped key is emptied, its file removed.

    The key is wiped by an UPDATE of the row, not by saving the object, so a stale copy
    elsewhere cannot write it back. The file goes after the commit: should the caller's
    transaction roll back, the document is as readable as before.
    """
    now = timezone.now()
    SealedDocument.objects.filter(pk=doc.pk).update(
        wrapped_key=b"", key_nonce=b"", destroyed_at=now
    )
    doc.wrapped_key, doc.key_nonce, doc.destroyed_at = b"", b"", now
    path = document_path(doc.uuid)
    transaction.on_commit(lambda: path.unlink(missing_ok=True))


def rotate(*, batch: int = 500) -> int:
    """Re-wrap every live data key under the current master key; the number re-wrapped.

    Files are untouched. Rows already under the current key are skipped, so a second run does
    nothing and an interrupted one resumes. Each batch commits on its own, and a row is only
    written if it is still live and under the key it was read with, so a document destroyed
    or re-wrapped meanwhile keeps that. Before anything changes, every key still in use must
    be in the environment (MasterKeyMissing otherwise). Rows whose wrapped key fails are
    left as they are and named in RotationIncomplete at the end.
    """
    ring = keyring()
    live = SealedDocument.objects.filter(destroyed_at__isnull=True).exclude(
        master_key_id=ring.current_id
    )
    missing = set(live.values_list("master_key_id", flat=True).distinct()) - set(ring.wrapping_keys)
    if missing:
        raise MasterKeyMissing(missing)
    rotated, failed, after = 0, [], 0
    while True:
        with transaction.atomic():
            rows = list(live.filter(pk__gt=after).order_by("pk")[:batch])
            if not rows:
                break
            after = rows[-1].pk
            for doc in rows:
                try:
                    data_key = _unwrap(doc, ring)
                except DocumentTampered:
                    failed.append(doc.uuid)
                    continue
                key_nonce = os.urandom(NONCE_BYTES)
                wrapped = AESGCM(ring.current_key).encrypt(
                    key_nonce, data_key, _key_aad(doc.uuid, ring.current_id)
                )
                rotated += SealedDocument.objects.filter(
                    pk=doc.pk, master_key_id=doc.master_key_id, destroyed_at__isnull=True
                ).update(wrapped_key=wrapped, key_nonce=key_nonce, master_key_id=ring.current_id)
    if failed:
        raise RotationIncomplete(rotated, failed)
    return rotated


def sweep(*, older_than_seconds: int = ORPHAN_AGE_SECONDS) -> int:
    """Remove files no live document needs; the number removed.

    Removed: a file whose row is destroyed (its removal after the commit did not happen),
    and, once older than `older_than_seconds`, a file without a row (a rolled-back seal)
    and a temporary file of an interrupted write.
    """
    folder = document_dir()
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than_seconds
    removed = 0
    candidates: dict[uuid_module.UUID, Path] = {}
    for path in folder.iterdir():
        if not path.is_file():
            continue
        try:
            candidates[uuid_module.UUID(path.name)] = path
            continue
        except ValueError:
            pass
        if path.name.startswith(_TMP_PREFIX) and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    names = list(candidates)
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        rows = dict(
            SealedDocument.objects.filter(uuid__in=chunk).values_list("uuid", "destroyed_at")
        )
        for doc_uuid in chunk:
            path = candidates[doc_uuid]
            if doc_uuid in rows:
                if rows[doc_uuid] is None:
                    continue
            elif path.stat().st_mtime >= cutoff:
                continue
            path.unlink(missing_ok=True)
            removed += 1
    return removed
