"""The anchor: signed checkpoints of the chain, in an append-only file outside the database.

A keyed chain stops someone with database rights from rewriting entries, but not from
cutting off the tail (and setting the chain head back) or emptying the tables: what is
left is still a valid chain. A checkpoint — entry count, head id, head hash, time,
signed with the audit key — written where the database cannot reach, remembers how far
the chain went; `audit verify` holds the database against every checkpoint.

One JSON line per record, opened with O_APPEND and fsynced, so a crash loses at most the
line being written and two writers never interleave within a line. The file should be
made append-only by the operating system (`chattr +a`) or forwarded to another machine;
`audit verify --anchor` checks against such a copy (docs/audit.md).

The outcome of each `audit verify` is appended too (kind "verification"), signed the same
way, so the privacy officer's screen can show the last one without trusting the database.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ketenzorg.audit import chain, keys
from ketenzorg.audit.models import AuditEntry, ChainHead

CHECKPOINT = "checkpoint"
VERIFICATION = "verification"
TAIL_BLOCK = 64 * 1024


@dataclass(frozen=True)
class Checkpoint:
    count: int
    head_id: int
    head_hash: str
    at: str  # ISO 8601, UTC
    key_id: str
    line: int = 0  # line number in the anchor file, 0 when not read from one
    signature_valid: bool = True


@dataclass(frozen=True)
class Verification:
    at: str
    ok: bool
    checked: int
    problem: str
    key_id: str
    signature_valid: bool = True


def anchor_path() -> Path:
    return Path(settings.AUDIT_ANCHOR)


def _sign(record: dict, key: bytes) -> str:
    blob = json.dumps({k: v for k, v in record.items() if k != "sig"}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False)  # fmt: skip
    return hmac.new(key, blob.encode("utf-8"), hashlib.sha256).hexdigest()


def signature_state(record: dict) -> bool | None:
    """True if signed by a listed key, False if the signature is wrong, None if its key is not listed."""
    key = keys.keyring().anchor_keys.get(record.get("key_id", ""))
    if key is None:
        return None
    return hmac.compare_digest(_sign(record, key), str(record.get("sig", "")))


def _append(record: dict, path: Path | None = None) -> None:
    ring = keys.keyring()
    record = {**record, "key_id": ring.current_id}
    record["sig"] = _sign(record, ring.current_anchor_key)
    line = (json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    path = path or anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def _now() -> str:
    return timezone.now().astimezone(UTC).isoformat(timespec="seconds")


def write_checkpoint() -> Checkpoint:
    """Append a checkpoint of the chain as it is committed now: two or three indexed queries.

    The count is the previous checkpoint's plus the entries since, so a round does not
    count millions of rows; ids grow with the chain (entries are only inserted under the
    head's lock), so "entries up to the head" is the same number whoever counts.
    """
    head = ChainHead.objects.filter(pk=1).values_list("last_entry_id", "last_hash").first()
    head_id, head_hash = head or (0, chain.GENESIS)
    previous = last_checkpoint()
    if previous is not None and previous.signature_valid and 0 < previous.head_id <= head_id:
        count = (
            previous.count
            + AuditEntry.objects.filter(id__gt=previous.head_id, id__lte=head_id).count()
        )
    else:
        count = AuditEntry.objects.filter(id__lte=head_id).count()
    record = {
        "kind": CHECKPOINT,
        "count": count,
        "head_id": head_id,
        "head_hash": head_hash,
        "at": _now(),
    }
    _append(record)
    return Checkpoint(count=count, head_id=head_id, head_hash=head_hash, at=record["at"],
                      key_id=keys.keyring().current_id)  # fmt: skip


def record_verification(*, ok: bool, checked: int, problem: str) -> None:
    _append({"kind": VERIFICATION, "ok": ok, "checked": checked, "problem": problem, "at": _now()})


def read(path: Path | None = None) -> Iterator[tuple[int, dict | None]]:
    """Every line of the anchor file with its number; None for a line that is not a record."""
    path = path or anchor_path()
    try:
        f = open(path, encoding="utf-8", errors="replace")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        return
    with f:
        for number, text in enumerate(f, start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except ValueError:
                record = None
            yield number, record if isinstance(record, dict) else None


def as_checkpoint(record: dict, line: int = 0) -> Checkpoint | None:
    try:
        return Checkpoint(count=int(record["count"]), head_id=int(record["head_id"]),
                          head_hash=str(record["head_hash"]), at=str(record["at"]),
                          key_id=str(record.get("key_id", "")), line=line,
                          signature_valid=signature_state(record) is True)  # fmt: skip
    except (KeyError, TypeError, ValueError):
        return None


def _from_the_end(path: Path) -> Iterator[dict]:
    """Records from the last line backwards, reading the file in blocks from its end."""
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        return
    with f:
        end = f.seek(0, os.SEEK_END)
        rest = b""
        while end > 0:
            start = max(0, end - TAIL_BLOCK)
            f.seek(start)
            lines = (f.read(end - start) + rest).split(b"\n")
            end = start
            rest = lines.pop(0) if start > 0 else b""
            for raw in reversed(lines):
                record = _loads(raw)
                if record is not None:
                    yield record


def _loads(raw: bytes) -> dict | None:
    try:
        record = json.loads(raw.decode("utf-8"))
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def last_checkpoint() -> Checkpoint | None:
    """The newest checkpoint in the anchor file, for the periodic pass and a screen."""
    for record in _from_the_end(anchor_path()):
        if record.get("kind") == CHECKPOINT:
            return as_checkpoint(record)
    return None


def last_verification() -> Verification | None:
    """The newest `audit verify` outcome in the anchor file, for the privacy officer's screen.

    `signature_valid` False means the line was not written by us (or its key is no longer
    listed): the screen should not show it as a clean verification.
    """
    for record in _from_the_end(anchor_path()):
        if record.get("kind") == VERIFICATION:
            return Verification(at=str(record.get("at", "")), ok=record.get("ok") is True,
                                checked=int(record.get("checked") or 0), problem=str(record.get("problem", "")),
                                key_id=str(record.get("key_id", "")),
                                signature_valid=signature_state(record) is True)  # fmt: skip
    return None
