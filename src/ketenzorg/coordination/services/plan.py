"""The family's plan: versioned, every save a new version."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.access import policy
from ketenzorg.audit.models import Action
from ketenzorg.coordination import guards
from ketenzorg.coordination.models import (
    Case,
    EventKind,
    PlanVersion,
)
from ketenzorg.coordination.services._common import (
    MAX_TEXT,
    audit_write,
    client_professional,
    fail,
    record_event,
    require_open,
)
from ketenzorg.core.errors import Conflict
from ketenzorg.families.models import MemberRole, Person


@dataclass
class Goal:
    goal: str
    action: str = ""
    who: str = ""
    by_when: date | None = None


@dataclass
class PlanInput:
    """The sections of "Het ene plan" that people write; members and professionals are taken from the case."""

    contact: str = ""
    network: str = ""
    strengths: str = ""
    worries: str = ""
    earlier_help: str = ""
    family_words: str = ""
    discussed_with_family_on: date | None = None
    goals: list[Goal] = field(default_factory=list)


PLAN_TEXT_FIELDS = ("contact", "network", "strengths", "worries", "earlier_help", "family_words")


def plan_save(*, actor, case: Case, plan: PlanInput) -> PlanVersion:
    """Save a new version of the plan; earlier versions are kept as they were."""
    decision = guards.case_change_allowed(
        actor=actor,
        case=case,
        action=Action.CREATE,
        object_type="coordination.PlanVersion",
        object_uuid="",
    )
    professional = client_professional(actor)
    require_open(case)
    errors: dict = {}
    for name in PLAN_TEXT_FIELDS:
        if len(getattr(plan, name) or "") > MAX_TEXT:
            errors[name] = [gettext("Dit is te lang (hoogstens %(n)s tekens).") % {"n": MAX_TEXT}]
    goals = [g for g in plan.goals if (g.goal or "").strip()]
    if not goals:
        errors["goals"] = [gettext("Schrijf ten minste één doel met actie.")]
    for index, goal in enumerate(goals):
        if len(goal.goal) > 500 or len(goal.action) > 1000 or len(goal.who) > 200:
            errors[f"goals-{index}-goal"] = [gettext("Dit doel is te lang.")]
    if not any(getattr(plan, name).strip() for name in ("strengths", "worries")):
        errors["worries"] = [gettext("Beschrijf krachten en/of zorgen.")]
    if plan.discussed_with_family_on and plan.discussed_with_family_on > timezone.localdate():
        errors["discussed_with_family_on"] = [gettext("Die datum ligt in de toekomst.")]
    fail(errors, gettext("Het plan is niet opgeslagen."))
    today = timezone.localdate()
    members = Person.objects.filter(family_id=case.family_id).order_by("birthdate")
    involvements = (
        policy.active_involvements()
        .filter(family_id=case.family_id)
        .select_related("professional", "organisation", "person")
        .order_by("started_on", "pk")
    )
    content = {name: getattr(plan, name).strip() for name in PLAN_TEXT_FIELDS}
    content["discussed_with_family_on"] = (
        plan.discussed_with_family_on.isoformat() if plan.discussed_with_family_on else ""
    )
    content["members"] = [
        {
            "name": m.full_name,
            "birthdate": m.birthdate.isoformat(),
            "role": str(MemberRole(m.role).label),
        }
        for m in members
    ]
    content["professionals"] = [
        {
            "name": i.professional.full_name,
            "organisation": i.organisation.name,
            "capacity": i.capacity,
            "with": i.person.given_name if i.person else "",
            "since": i.started_on.isoformat(),
            "phone": i.professional.phone,
            "email": i.professional.email,
        }
        for i in involvements
    ]
    content["goals"] = [
        {
            "goal": g.goal.strip(),
            "action": g.action.strip(),
            "who": g.who.strip(),
            "by_when": g.by_when.isoformat() if g.by_when else "",
        }
        for g in goals
    ]
    content["written_on"] = today.isoformat()
    try:
        with transaction.atomic():
            Case.objects.select_for_update().filter(pk=case.pk).first()
            last = (
                PlanVersion.objects.filter(case=case)
                .order_by("-number")
                .values_list("number", flat=True)
                .first()
                or 0
            )
            version = PlanVersion.objects.create(
                case=case, number=last + 1, content=content, author=professional
            )
            record_event(
                case,
                EventKind.PLAN,
                professional,
                gettext("Plan versie %(n)s opgeslagen") % {"n": version.number},
            )
            audit_write(
                actor,
                Action.CREATE,
                case,
                decision,
                object_type="coordination.PlanVersion",
                object_uuid=version.uuid,
            )
    except IntegrityError:
        raise Conflict(
            gettext("Iemand anders sloeg tegelijk een versie op. Probeer het opnieuw.")
        ) from None
    return version
