"""Writing to the access log: the only way entries come into being."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ketenzorg.audit import chain
from ketenzorg.audit.models import Action, AuditEntry, AuditSubject, Basis, ChainHead, Outcome
from ketenzorg.core import requestcontext


@dataclass(frozen=True)
class Subject:
    kind: str  # "person" | "family"
    uuid: uuidlib.UUID


def describe_actor(user) -> tuple[str, str]:
    """The role(s) and organisation of the user at the moment of access."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "", ""
    professional = getattr(user, "professional", None)
    if professional is None:
        return ("beheerder" if user.is_superuser else ""), ""
    roles = ",".join(sorted(professional.role_codes()))
    organisation = professional.organisation.name if professional.organisation_id else ""
    return roles, organisation


def audit_record(
    *,
    actor,
    action: Action | str,
    outcome: Outcome | str = Outcome.SUCCESS,
    object_type: str = "",
    object_uuid="",
    subjects: Iterable[Subject] = (),
    basis: Basis | str = Basis.NONE,
    reason: str = "",
) -> AuditEntry:
    """Append one entry to the chain, inside the caller's transaction if any."""
    context = requestcontext.current()
    role, organisation = describe_actor(actor)
    user_ok = actor is not None and getattr(actor, "is_authenticated", False)
    fields = {
        "uuid": uuidlib.uuid4(),
        "occurred_at": timezone.now(),
        "action": str(action),
        "outcome": str(outcome),
        "user_id_snapshot": actor.pk if user_ok else None,
        "username": actor.get_username() if user_ok else "",
        "user_role": role,
        "user_organisation": organisation,
        "on_behalf_of": context.on_behalf_of,
        "object_type": object_type,
        "object_uuid": str(object_uuid or ""),
        "source_address": context.source_address,
        "channel": context.channel,
        "basis": str(basis),
        "reason": reason[:500],
    }
    subject_list = list({(s.kind, str(s.uuid)) for s in subjects})
    with transaction.atomic():
        head = ChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = ChainHead.objects.create(pk=1)
        digest = chain.entry_digest(head.last_hash, fields, subject_list)
        entry = AuditEntry.objects.create(prev_hash=head.last_hash, entry_hash=digest, **fields)
        AuditSubject.objects.bulk_create(
            AuditSubject(entry=entry, kind=kind, subject_uuid=value) for kind, value in subject_list
        )
        ChainHead.objects.filter(pk=1).update(last_entry_id=entry.pk, last_hash=digest)
    return entry
