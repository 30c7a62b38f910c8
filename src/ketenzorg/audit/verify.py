"""Re-walk the chain and report the first entry that does not fit."""

from __future__ import annotations

from dataclasses import dataclass

from ketenzorg.audit import chain
from ketenzorg.audit.models import AuditEntry, AuditSubject, ChainHead


@dataclass
class VerifyResult:
    checked: int
    problem: str = ""
    entry_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problem


def audit_verify(batch_size: int = 5000) -> VerifyResult:
    prev_hash = chain.GENESIS
    prev_id = 0
    checked = 0
    last_id = 0
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
            fields = {name: getattr(entry, name) for name in chain.HASHED_FIELDS}
            if entry.prev_hash != prev_hash:
                return VerifyResult(
                    checked,
                    f"logregel {entry.id} ({entry.uuid}) sluit niet aan op de vorige regel "
                    f"(regel {prev_id}): een regel is gewijzigd of verwijderd",
                    entry.id,
                )
            digest = chain.entry_digest(prev_hash, fields, subjects.get(entry.id, []))
            if digest != entry.entry_hash:
                return VerifyResult(
                    checked, f"logregel {entry.id} ({entry.uuid}) is na het schrijven gewijzigd", entry.id
                )
            prev_hash, prev_id = entry.entry_hash, entry.id
            checked += 1
        last_id = batch[-1].id
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_entry_id != prev_id or head.last_hash != prev_hash):
        return VerifyResult(
            checked,
            f"de laatste logregel ({head.last_entry_id}) ontbreekt of is gewijzigd; "
            f"de keten eindigt bij regel {prev_id}",
            head.last_entry_id,
        )
    return VerifyResult(checked)
