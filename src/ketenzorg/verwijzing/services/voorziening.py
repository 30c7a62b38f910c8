"""The voorziening: created provisional while the referral is prepared, made definitive by the
professional later; every change is kept as a `VoorzieningChange` with the whole row as it was.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from ketenzorg.aanbod.models import IjwCategory
from ketenzorg.audit.models import Action
from ketenzorg.coordination.models import Case
from ketenzorg.core.errors import Conflict
from ketenzorg.families.models import MemberRole, Person
from ketenzorg.verwijzing import guards, rules
from ketenzorg.verwijzing.models import (
    DocumentKind,
    Frequency,
    ProvisionForm,
    VolumeUnit,
    Voorziening,
    VoorzieningChange,
    VoorzieningStatus,
)
from ketenzorg.verwijzing.services import documents
from ketenzorg.verwijzing.services._common import (
    audit_write,
    check_version,
    fail,
    professional_of,
    refuse,
    text,
)

FIELDS = (
    "form", "ijw_category", "product_code", "volume", "unit", "frequency", "starts_on",
    "ends_on", "note",
)  # fmt: skip
STALE = gettext_noop(
    "De voorziening is intussen gewijzigd. Bekijk de nieuwe stand en probeer het opnieuw."
)
MAX_VOLUME = 10000


def snapshot(voorziening: Voorziening) -> dict:
    """The row as JSON, for the history and the rendered document."""
    out = {f: getattr(voorziening, f) for f in FIELDS}
    out["starts_on"] = voorziening.starts_on.isoformat()
    out["ends_on"] = voorziening.ends_on.isoformat()
    out["child"] = str(voorziening.child.uuid)
    return out


def _clean(values: dict, errors: dict) -> dict:
    clean = {}
    choices = {
        "form": (ProvisionForm.values, gettext("Kies zorg in natura of een pgb.")),
        "ijw_category": (IjwCategory.values, gettext("Kies een iJw-productcategorie.")),
        "unit": (VolumeUnit.values, gettext("Kies een eenheid.")),
        "frequency": (Frequency.values, gettext("Kies per week, per maand of totaal.")),
    }
    for name, (allowed, message) in choices.items():
        value = values.get(name)
        if value not in allowed:
            errors[name] = [message]
        clean[name] = value
    code = str(values.get("product_code") or "").strip()
    if code and not (code.isalnum() and len(code) <= 5):
        errors["product_code"] = [gettext("Een productcode is hoogstens 5 letters of cijfers.")]
    clean["product_code"] = code
    volume = values.get("volume")
    try:
        volume = int(volume)
    except (TypeError, ValueError):
        volume = None
    if volume is None or not 0 < volume <= MAX_VOLUME:
        errors["volume"] = [gettext("Vul een omvang in van 1 tot en met 10000.")]
    clean["volume"] = volume
    for name in ("starts_on", "ends_on"):
        if not isinstance(values.get(name), date):
            errors[name] = [gettext("Vul een geldige datum in.")]
        clean[name] = values.get(name)
    if "starts_on" not in errors and "ends_on" not in errors:
        problem = rules.period_problem(clean["starts_on"], clean["ends_on"])
        if problem:
            errors["ends_on"] = [gettext(problem)]
    clean["note"] = text(values.get("note"), "note", errors, required=False)
    return clean


def _record(voorziening, actor, now, reason=""):
    VoorzieningChange.objects.create(
        voorziening=voorziening,
        version=voorziening.version,
        snapshot=snapshot(voorziening),
        status=voorziening.status,
        changed_by=professional_of(actor),
        changed_at=now,
        reason=reason,
    )


def voorziening_create(*, actor, case: Case, child: Person | None, now=None, **values):
    """A provisional voorziening for a child of the family."""
    decision = guards.case_change_allowed(
        actor=actor, case=case, action=Action.CREATE, object_type="verwijzing.Voorziening"
    )
    now = now or timezone.now()
    errors: dict = {}
    if (
        child is None
        or child.family_id != case.family_id
        or child.role not in (MemberRole.CHILD, MemberRole.YOUTH)
    ):
        errors["child"] = [gettext("Kies een kind van dit gezin.")]
    clean = _clean(values, errors)
    fail(errors, gettext("De voorziening is niet aangemaakt."))
    with transaction.atomic():
        voorziening = Voorziening.objects.create(
            case=case, child=child, created_by=professional_of(actor), **clean
        )
        _record(voorziening, actor, now)
        audit_write(
            actor,
            Action.CREATE,
            case,
            decision,
            object_type="verwijzing.Voorziening",
            object_uuid=voorziening.uuid,
            reason="voorlopige voorziening",
        )
    return voorziening


def _locked(voorziening_uuid) -> Voorziening:
    return (
        Voorziening.objects.select_for_update().select_related("child").get(uuid=voorziening_uuid)
    )


def voorziening_change(
    *, actor, voorziening: Voorziening, version=None, reason: str = "", now=None, **values
):
    """A new state of the voorziening; the one before stays in the history. A definitive one
    is changed only with a reason (a correction the provider must be able to follow)."""
    case = voorziening.case
    decision = guards.case_change_allowed(
        actor=actor,
        case=case,
        action=Action.UPDATE,
        object_type="verwijzing.Voorziening",
        object_uuid=voorziening.uuid,
    )
    now = now or timezone.now()
    errors: dict = {}
    clean = _clean(values, errors)
    reason = text(reason, "reason", errors, required=False)
    fail(errors, gettext("De voorziening is niet gewijzigd."))
    with transaction.atomic():
        row = _locked(voorziening.uuid)
        check_version(row.version, version, STALE)
        if row.status == VoorzieningStatus.DEFINITIVE and not reason:
            refuse(
                gettext_noop("Schrijf op waarom een definitieve voorziening verandert."), "reason"
            )
        if all(getattr(row, k) == v for k, v in clean.items()):
            raise Conflict(gettext("Er is niets veranderd."))
        for name, value in clean.items():
            setattr(row, name, value)
        row.version += 1
        row.save()
        _record(row, actor, now, reason)
        audit_write(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="verwijzing.Voorziening",
            object_uuid=row.uuid,
            reason=f"voorziening versie {row.version}",
        )
    return row


def voorziening_make_definitive(*, actor, voorziening: Voorziening, version=None, now=None):
    case = voorziening.case
    decision = guards.case_change_allowed(
        actor=actor,
        case=case,
        action=Action.UPDATE,
        object_type="verwijzing.Voorziening",
        object_uuid=voorziening.uuid,
    )
    now = now or timezone.now()
    with transaction.atomic():
        row = _locked(voorziening.uuid)
        check_version(row.version, version, STALE)
        if row.status == VoorzieningStatus.DEFINITIVE:
            raise Conflict(gettext("Deze voorziening is al definitief."))
        row.status = VoorzieningStatus.DEFINITIVE
        row.version += 1
        row.save(update_fields=["status", "version", "updated_at"])
        _record(row, actor, now, gettext("definitief gemaakt"))
        audit_write(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="verwijzing.Voorziening",
            object_uuid=row.uuid,
            reason="voorziening definitief",
        )
        documents.fulfil_requests(case=case, kind=DocumentKind.PROVISION, now=now)
    return row
