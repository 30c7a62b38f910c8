"""Providers and the beheerder maintaining programmes, with four eyes on what the public sees.

A change is split in two. The internal fields (waiting time, capacity, notes, who to call) are
for professionals only: the provider writes them directly. The reviewed fields (what the public
sees, and the status) of a published programme, or of one that is to be published, become a
`ProgrammeRevision` that changes the programme only when a beheerder other than its author
approves it; the approval writes the row, its search terms, the history line and the access-log
entry in one transaction. A concept that stays a concept is changed directly. Every change,
either way, leaves a `ProgrammeChange` line: who, when, field: old → new, approved by whom.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.aanbod import guards, rules
from ketenzorg.aanbod.models import (
    INTERNAL_FIELDS,
    ChangeKind,
    Programme,
    ProgrammeChange,
    ProgrammeRevision,
    ProgrammeStatus,
    RevisionStatus,
    Topic,
)
from ketenzorg.aanbod.services.programmes import (
    NOT_SAVED,
    ProgrammeInput,
    _errors,
    search_columns,
)
from ketenzorg.aanbod.values import (
    RELATIONS,
    diff,
    input_from_proposal,
    input_internal_values,
    input_reviewed_values,
    internal_values,
    reviewed_values,
)
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import audit_record
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.network.models import District


@dataclass
class MaintenanceResult:
    """What an edit did: the programme, the revision that waits for approval (if any), and
    whether something went live directly."""

    programme: Programme
    revision: ProgrammeRevision | None = None
    changed_directly: bool = False


# --- writes (no guard: the public functions below check first) ------------------------------


def _apply_reviewed(programme: Programme, values: dict) -> None:
    for name, value in values.items():
        if name not in RELATIONS:
            setattr(programme, name, value)
    topics = list(Topic.objects.filter(uuid__in=values["topics"]))
    districts = list(District.objects.filter(uuid__in=values["districts"]))
    programme.__dict__.update(
        search_columns(
            name=programme.name, description=programme.description,
            topic_names=[t.name for t in topics], provider_name=programme.provider.name,
            location=programme.location,
        )
    )  # fmt: skip
    programme.save()
    programme.topics.set(topics)
    programme.districts.set(districts)


def _history(programme, *, kind, author, before, after, approved_by=None, revision=None):
    changes = diff(before, after)
    if changes or kind == ChangeKind.CREATED:
        ProgrammeChange.objects.create(
            programme=programme, kind=kind, author=author, approved_by=approved_by,
            revision=revision, changes=changes,
        )  # fmt: skip
    return changes


def _log(actor, action, programme, reason):
    audit_record(
        actor=actor, action=action, object_type="aanbod.Programme",
        object_uuid=programme.uuid, basis=Basis.ROLE, reason=reason,
    )  # fmt: skip


def _supersede_pending(programme: Programme) -> None:
    programme.revisions.filter(status=RevisionStatus.PENDING).update(
        status=RevisionStatus.SUPERSEDED, updated_at=timezone.now()
    )


def create_unchecked(*, actor, data: ProgrammeInput) -> MaintenanceResult:
    """A new programme: written as a concept (nobody else sees it); publishing it is a
    proposal. Call inside a transaction, after the guard and the validation."""
    publish = data.status == ProgrammeStatus.PUBLISHED
    draft = dataclasses.replace(data, status=ProgrammeStatus.DRAFT if publish else data.status)
    if draft.status == ProgrammeStatus.WITHDRAWN:
        draft = dataclasses.replace(draft, status=ProgrammeStatus.DRAFT)
    programme = Programme(provider=data.provider)
    values = {**input_reviewed_values(draft)}
    for name, value in {**vars(draft)}.items():
        if name in INTERNAL_FIELDS:
            setattr(programme, name, value)
    _apply_reviewed(programme, values)
    _history(
        programme, kind=ChangeKind.CREATED, author=actor, before={},
        after={**values, **internal_values(programme)},
    )  # fmt: skip
    revision = None
    if publish:
        revision = ProgrammeRevision.objects.create(
            programme=programme, proposed=input_reviewed_values(data), author=actor
        )
    _log(
        actor,
        Action.CREATE,
        programme,
        "aangemaakt als concept" + (", voorstel" if publish else ""),
    )
    return MaintenanceResult(programme=programme, revision=revision, changed_directly=True)


def change_unchecked(*, actor, programme: Programme, data: ProgrammeInput) -> MaintenanceResult:
    """Internal fields directly; reviewed fields directly for a concept, else as a proposal
    (replacing a pending one). Call inside a transaction, after the guard and the validation."""
    result = MaintenanceResult(programme=programme)
    before_internal, after_internal = internal_values(programme), input_internal_values(data)
    if _history(programme, kind=ChangeKind.INTERNAL, author=actor, before=before_internal,
                after=after_internal):  # fmt: skip
        for name in INTERNAL_FIELDS:
            setattr(programme, name, getattr(data, name))
        programme.save(update_fields=[*INTERNAL_FIELDS, "updated_at"])
        result.changed_directly = True
    before, after = reviewed_values(programme), input_reviewed_values(data)
    _supersede_pending(programme)
    if rules.changed_fields(before, after):
        if rules.needs_approval(current_status=programme.status, proposed_status=data.status,
                                published=ProgrammeStatus.PUBLISHED):  # fmt: skip
            result.revision = ProgrammeRevision.objects.create(
                programme=programme, proposed=after, author=actor
            )
        else:
            _history(programme, kind=ChangeKind.DIRECT, author=actor, before=before, after=after)
            _apply_reviewed(programme, after)
            result.changed_directly = True
    if result.revision or result.changed_directly:
        _log(actor, Action.UPDATE, programme, "voorstel" if result.revision else "gewijzigd")
    return result


# --- the public functions: guard, validate, one transaction ---------------------------------


def _validate(data: ProgrammeInput, programme: Programme | None) -> None:
    errors = _errors(data, programme)
    if errors:
        raise ValidationFailed(NOT_SAVED, field_errors=errors)


def programme_create(*, actor, data: ProgrammeInput) -> MaintenanceResult:
    """A provider for its own organisation, or the beheerder for any (refusals logged)."""
    guards.programme_maintain_allowed(
        actor=actor, organisation_id=data.provider.pk, action=Action.CREATE
    )
    _validate(data, None)
    with transaction.atomic():
        return create_unchecked(actor=actor, data=data)


def programme_change(*, actor, programme: Programme, data: ProgrammeInput) -> MaintenanceResult:
    """The provider stays the programme's own: an edit never moves it to another organisation."""
    guards.programme_maintain_allowed(
        actor=actor, organisation_id=programme.provider_id, object_uuid=programme.uuid
    )
    data = dataclasses.replace(data, provider=programme.provider)
    _validate(data, programme)
    with transaction.atomic():
        return change_unchecked(actor=actor, programme=programme, data=data)


def waiting_time_confirm(*, actor, programme: Programme) -> Programme:
    """ "Nog steeds juist": the waiting time stands, confirmed today."""
    guards.programme_maintain_allowed(
        actor=actor, organisation_id=programme.provider_id, object_uuid=programme.uuid
    )
    if programme.waiting_weeks is None:
        message = gettext("Vul eerst een wachttijd in; dan kunt u die bevestigen.")
        raise ValidationFailed(message, field_errors={"waiting_weeks": [message]})
    with transaction.atomic():
        before = internal_values(programme)
        programme.waiting_confirmed_on = timezone.localdate()
        _history(programme, kind=ChangeKind.INTERNAL, author=actor, before=before,
                 after=internal_values(programme))  # fmt: skip
        programme.save(update_fields=["waiting_confirmed_on", "updated_at"])
        _log(actor, Action.UPDATE, programme, "wachttijd bevestigd")
    return programme


def _pending(revision: ProgrammeRevision) -> ProgrammeRevision:
    locked = ProgrammeRevision.objects.select_for_update().get(pk=revision.pk)
    if locked.status != RevisionStatus.PENDING:
        raise Conflict(
            gettext("Dit voorstel is al beoordeeld of vervangen door een nieuwer voorstel.")
        )
    return locked


def revision_approve(*, actor, revision: ProgrammeRevision) -> Programme:
    """The second pair of eyes: the programme becomes what was proposed, with its terms, its
    history line and the log entry in one transaction."""
    guards.revision_decide_allowed(actor=actor, revision=revision)
    programme = Programme.objects.select_related("provider").get(pk=revision.programme_id)
    _validate(input_from_proposal(programme, revision.proposed, ProgrammeInput), programme)
    with transaction.atomic():
        revision = _pending(revision)
        before = reviewed_values(programme)
        _history(
            programme, kind=ChangeKind.APPROVED, author=revision.author, before=before,
            after=revision.proposed, approved_by=actor, revision=revision,
        )  # fmt: skip
        _apply_reviewed(programme, revision.proposed)
        revision.status = RevisionStatus.APPROVED
        revision.decided_by, revision.decided_at = actor, timezone.now()
        revision.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        _log(actor, Action.UPDATE, programme, f"voorstel goedgekeurd, status {programme.status}")
    return programme


def revision_reject(*, actor, revision: ProgrammeRevision, reason: str) -> ProgrammeRevision:
    guards.revision_decide_allowed(actor=actor, revision=revision)
    reason = (reason or "").strip()
    if not reason:
        message = gettext("Schrijf waarom u het voorstel afwijst; de aanbieder leest dat.")
        raise ValidationFailed(message, field_errors={"reason": [message]})
    with transaction.atomic():
        revision = _pending(revision)
        revision.status = RevisionStatus.REJECTED
        revision.decided_by, revision.decided_at = actor, timezone.now()
        revision.rejection_reason = reason[:2000]
        revision.save(
            update_fields=["status", "decided_by", "decided_at", "rejection_reason", "updated_at"]
        )
        _log(actor, Action.UPDATE, revision.programme, "voorstel afgewezen")
    return revision
