"""Re-walk the chain, hold it against the anchor, and report the first thing that does not fit."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ketenzorg.audit import anchor, chain, keys
from ketenzorg.audit.models import AuditEntry, AuditSubject, ChainHead


@dataclass
class VerifyResult:
    checked: int  # entries whose hash was recomputed and matched
    problem: str = ""
    entry_id: int | None = None
    checkpoints: int = 0  # signed checkpoints held against the database
    # Runs of entries under a key that is no longer listed: (key id, first id, last id, count).
    unverifiable: list[tuple[str, int, int, int]] = field(default_factory=list)
    unverifiable_anchor_lines: list[int] = field(default_factory=list)
    anchor: str = ""

    @property
    def tampered(self) -> bool:
        return bool(self.problem)

    @property
    def ok(self) -> bool:
        """Nothing wrong found AND everything could be checked."""
        return not self.problem and not self.unverifiable and not self.unverifiable_anchor_lines


def _load_checkpoints(path: Path, result: VerifyResult) -> list[anchor.Checkpoint]:
    found = []
    for line, record in anchor.read(path):
        kind = record.get("kind") if record else None
        if kind not in (anchor.CHECKPOINT, anchor.VERIFICATION):
            result.problem = f"regel {line} van het ankerbestand {path} is onleesbaar"
            return []
        state = anchor.signature_state(record)
        if state is None:
            result.unverifiable_anchor_lines.append(line)
            continue
        if not state:
            result.problem = (
                f"regel {line} van het ankerbestand {path} heeft een ongeldige handtekening: "
                "het ankerbestand is gewijzigd"
            )
            return []
        if kind == anchor.VERIFICATION:
            continue
        checkpoint = anchor.as_checkpoint(record, line)
        if checkpoint is None:
            result.problem = f"regel {line} van het ankerbestand {path} is onleesbaar"
            return []
        result.checkpoints += 1
        if checkpoint.head_id > 0:
            found.append(checkpoint)
    return sorted(found, key=lambda c: (c.head_id, c.line))


def _unverifiable(result: VerifyResult, entry: AuditEntry) -> None:
    """Extend the run of entries under an unlisted key, or start one."""
    runs = result.unverifiable
    if runs and runs[-1][0] == entry.key_id and runs[-1][2] < entry.id:
        runs[-1] = (entry.key_id, runs[-1][1], entry.id, runs[-1][3] + 1)
    else:
        runs.append((entry.key_id, entry.id, entry.id, 1))


def _named(checkpoint: anchor.Checkpoint) -> str:
    return f"het ankerpunt van {checkpoint.at} (regel {checkpoint.line} van het ankerbestand)"


def _beyond_the_end(checkpoint: anchor.Checkpoint, position: int, last_id: int) -> str:
    if position == 0:
        return (
            f"het toegangslog is leeg, maar {_named(checkpoint)} telde {checkpoint.count} regels "
            f"tot en met logregel {checkpoint.head_id}: het log is geleegd"
        )
    return (
        f"{_named(checkpoint)} telde {checkpoint.count} regels tot en met logregel "
        f"{checkpoint.head_id}, maar die regel ontbreekt (de keten eindigt bij regel {last_id}, "
        f"{position} regels): het log is afgekapt"
    )


def audit_verify(batch_size: int = 5000, anchor_file: Path | str | None = None) -> VerifyResult:
    path = Path(anchor_file) if anchor_file else anchor_path()
    result = VerifyResult(0, anchor=str(path))
    pending = _load_checkpoints(path, result)
    if result.problem:
        return result
    ring = keys.keyring()
    prev_hash = chain.GENESIS
    prev_id = 0
    position = 0  # entries walked, checkable or not: what a checkpoint counted
    seen_keyed = False
    next_checkpoint = 0
    last_id = 0

    def fail(problem: str, entry_id: int | None) -> VerifyResult:
        result.problem, result.entry_id = problem, entry_id
        return result

    while True:
        batch = list(AuditEntry.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            break
        subjects: dict[int, list[tuple[str, str]]] = {}
        for entry_id, kind, value in AuditSubject.objects.filter(
            entry_id__gte=batch[0].id, entry_id__lte=batch[-1].id
        ).values_list("entry_id", "kind", "subject_uuid"):
            subjects.setdefault(entry_id, []).append((kind, str(value)))
        for entry in batch:
            position += 1
            label = f"logregel {entry.id} ({entry.uuid})"
            if entry.prev_hash != prev_hash:
                return fail(
                    f"{label} sluit niet aan op de vorige regel (regel {prev_id}): "
                    "een regel is gewijzigd of verwijderd",
                    entry.id,
                )
            fields = {name: getattr(entry, name) for name in chain.HASHED_FIELDS}
            entry_subjects = subjects.get(entry.id, [])
            if not entry.key_id:
                if seen_keyed:
                    # Only entries from before keying may be unkeyed; an unkeyed one after a
                    # keyed one was recomputed by someone without the key.
                    return fail(
                        f"{label} heeft geen sleutel, maar volgt op regels met een sleutel: "
                        "de regel is herschreven",
                        entry.id,
                    )
                digest = chain.entry_digest(prev_hash, fields, entry_subjects)
            elif entry.key_id in ring.chain_keys:
                seen_keyed = True
                key = ring.chain_keys[entry.key_id]
                digest = chain.entry_digest(
                    prev_hash, fields, entry_subjects, key_id=entry.key_id, key=key
                )
            else:
                seen_keyed = True
                _unverifiable(result, entry)
                digest = None  # cannot be recomputed; its link to the next entry still is checked
            if digest is not None:
                if digest != entry.entry_hash:
                    return fail(f"{label} is na het schrijven gewijzigd", entry.id)
                result.checked += 1
            if next_checkpoint < len(pending) and pending[next_checkpoint].head_id < entry.id:
                missing = pending[next_checkpoint]
                return fail(
                    f"{_named(missing)} telde {missing.count} regels tot en met logregel "
                    f"{missing.head_id}, maar die regel ontbreekt: regels zijn verwijderd",
                    missing.head_id,
                )
            while next_checkpoint < len(pending) and pending[next_checkpoint].head_id == entry.id:
                checkpoint = pending[next_checkpoint]
                if checkpoint.head_hash != entry.entry_hash:
                    return fail(
                        f"{label} wijkt af van {_named(checkpoint)}: deze regel of een eerdere "
                        "is herschreven",
                        entry.id,
                    )
                if checkpoint.count != position:
                    return fail(
                        f"{_named(checkpoint)} telde {checkpoint.count} regels tot en met {label}, "
                        f"nu zijn het er {position}: regels zijn verwijderd of ingevoegd",
                        entry.id,
                    )
                next_checkpoint += 1
            prev_hash, prev_id = entry.entry_hash, entry.id
        last_id = batch[-1].id
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_entry_id != prev_id or head.last_hash != prev_hash):
        return fail(
            f"de laatste logregel ({head.last_entry_id}) ontbreekt of is gewijzigd; "
            f"de keten eindigt bij regel {prev_id}",
            head.last_entry_id,
        )
    if next_checkpoint < len(pending):
        # Checkpoints beyond the end: the tail was cut off (and the head set back) or all emptied.
        first = pending[next_checkpoint]
        return fail(_beyond_the_end(first, position, prev_id), first.head_id)
    return result


def anchor_path() -> Path:
    return anchor.anchor_path()
