"""The perspectiefplan: written with the family in three parts, saved as versions, made
definitive with the family's agreement recorded.

Every save writes the next version (nothing is overwritten, every version stays comparable);
making a version definitive changes only its status, once. A definitive version is released
to the providers that asked for it (`services.documents.fulfil_requests`).
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from ketenzorg.audit.models import Action
from ketenzorg.coordination.models import Case
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.families.models import Person
from ketenzorg.verwijzing import guards, rules
from ketenzorg.verwijzing.models import (
    AgreementMethod,
    DocumentKind,
    LifeDomain,
    PerspectiefplanVersion,
    PlanStatus,
)
from ketenzorg.verwijzing.services import documents
from ketenzorg.verwijzing.services._common import audit_write, fail, professional_of, text

MAX_AGREEMENTS = 30
AGREEMENT_KEYS = ("action", "who", "specialist_help", "results")
STALE = gettext_noop(
    "Er is intussen een nieuwere versie van het perspectiefplan opgeslagen. Bekijk die eerst."
)


def _analysis(case: Case, rows, errors: dict) -> list[dict]:
    """Per family member of this family, the life domains written about; unknown members and
    domains are refused rather than silently dropped."""
    members = {str(p.uuid): p for p in Person.objects.filter(family_id=case.family_id)}
    clean = []
    for row in rows or []:
        member = members.get(str(row.get("member") or ""))
        if member is None:
            errors.setdefault("analysis", []).append(gettext("Kies een gezinslid van dit gezin."))
            continue
        domains = {}
        for code, value in (row.get("domains") or {}).items():
            if code not in LifeDomain.values:
                errors.setdefault("analysis", []).append(gettext("Onbekend levensdomein."))
                continue
            value = text(value, "analysis", errors, required=False)
            if value:
                domains[code] = value
        if domains:
            name = f"{member.given_name} {member.family_name}"
            clean.append({"member": str(member.uuid), "name": name, "domains": domains})
    return clean


def _agreements(rows, errors: dict) -> list[dict]:
    clean = []
    for row in rows or []:
        item = {k: text(row.get(k), "agreements", errors, required=False) for k in AGREEMENT_KEYS}
        if any(item.values()):
            if not item["action"]:
                errors.setdefault("agreements", []).append(
                    gettext("Elke afspraak heeft een actie.")
                )
            clean.append(item)
    if len(clean) > MAX_AGREEMENTS:
        errors.setdefault("agreements", []).append(gettext("Te veel afspraken in één plan."))
    return clean


def perspectiefplan_save(
    *,
    actor,
    case: Case,
    family_question: str,
    analysis: list,
    agreements: list,
    based_on: int | None = None,
) -> PerspectiefplanVersion:
    """The next version of the plan. `based_on` is the version the writer started from: when a
    colleague saved a newer one meanwhile, the save is refused (409) instead of overwriting."""
    decision = guards.case_change_allowed(
        actor=actor, case=case, action=Action.CREATE, object_type="verwijzing.Perspectiefplan"
    )
    errors: dict = {}
    family_question = text(
        family_question,
        "family_question",
        errors,
        message=gettext("Schrijf de hulpvraag op, in de woorden van het gezin."),
    )
    analysis = _analysis(case, analysis, errors)
    agreements = _agreements(agreements, errors)
    fail(errors, gettext("Het perspectiefplan is niet opgeslagen."))
    try:
        with transaction.atomic():
            Case.objects.select_for_update().filter(pk=case.pk).first()
            latest = PerspectiefplanVersion.objects.filter(case=case).aggregate(n=Max("number"))[
                "n"
            ]
            if based_on is not None and latest is not None and int(based_on) != latest:
                raise Conflict(gettext(STALE))
            version = PerspectiefplanVersion.objects.create(
                case=case,
                number=(latest or 0) + 1,
                family_question=family_question,
                analysis=analysis,
                agreements=agreements,
                written_by=professional_of(actor),
            )
            audit_write(
                actor,
                Action.CREATE,
                case,
                decision,
                object_type="verwijzing.Perspectiefplan",
                object_uuid=version.uuid,
                reason=f"perspectiefplan versie {version.number}",
            )
    except IntegrityError:
        raise Conflict(gettext(STALE)) from None
    return version


def perspectiefplan_make_definitive(
    *,
    actor,
    case: Case,
    number: int,
    family_agreed_on: date | None,
    family_agreement: str,
    now=None,
) -> PerspectiefplanVersion:
    """The latest version becomes definitive once the family agreed to it."""
    decision = guards.case_change_allowed(
        actor=actor, case=case, action=Action.UPDATE, object_type="verwijzing.Perspectiefplan"
    )
    now = now or timezone.now()
    errors: dict = {}
    if family_agreed_on is None:
        errors["family_agreed_on"] = [gettext(rules.PLAN_NEEDS_AGREEMENT)]
    elif family_agreed_on > timezone.localdate(now):
        errors["family_agreed_on"] = [gettext("Deze datum ligt in de toekomst.")]
    if family_agreement not in AgreementMethod.values:
        errors["family_agreement"] = [gettext("Kies hoe het gezin instemde.")]
    fail(errors, gettext("Het perspectiefplan is niet definitief gemaakt."))
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()
        version = PerspectiefplanVersion.objects.filter(case=case).order_by("-number").first()
        if version is None or version.number != int(number):
            raise Conflict(gettext("Alleen de nieuwste versie van het plan wordt definitief."))
        if version.status == PlanStatus.DEFINITIVE:
            raise Conflict(gettext("Deze versie is al definitief."))
        if not rules.plan_complete(version.family_question, version.analysis, version.agreements):
            message = gettext(rules.PLAN_INCOMPLETE)
            raise ValidationFailed(message, field_errors={"number": [message]})
        version.status = PlanStatus.DEFINITIVE
        version.family_agreed_on = family_agreed_on
        version.family_agreement = family_agreement
        version.definitive_at = now
        version.definitive_by = professional_of(actor)
        version.save(
            update_fields=[
                "status",
                "family_agreed_on",
                "family_agreement",
                "definitive_at",
                "definitive_by",
                "updated_at",
            ]
        )
        audit_write(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="verwijzing.Perspectiefplan",
            object_uuid=version.uuid,
            reason=f"perspectiefplan versie {version.number} definitief",
        )
        documents.fulfil_requests(case=case, kind=DocumentKind.PLAN, now=now)
    return version
