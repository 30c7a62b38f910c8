"""Starting the werkproces, evaluating a step, and the decisions that move it (decision 0014).

Each write: the guard first, then the werkproces row locked, the facts read, the rule
asked (`rules.allowed`), one new `Transition` appended and the current step stored, the
access-log entry and a line in the case's history, all in one transaction. Nothing is
updated in the history.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.audit.models import Action
from ketenzorg.coordination.models import Case, EventKind
from ketenzorg.coordination.services import record_event
from ketenzorg.core.errors import Conflict
from ketenzorg.werkproces import guards, rules
from ketenzorg.werkproces.models import Step, StepEvaluation, Transition, TransitionKind, Werkproces
from ketenzorg.werkproces.services._common import (
    audit_write,
    current_evaluation,
    facts,
    fail,
    locked_werkproces,
    professional_of,
    refuse,
    text,
)


def werkproces_start(*, actor, case: Case) -> Werkproces:
    """The family's werkproces begins with the OKT's own support; one per case."""
    decision = guards.werkproces_change_allowed(actor=actor, case=case, action=Action.CREATE)
    professional = professional_of(actor)
    if Werkproces.objects.filter(case=case).exists():
        raise Conflict(gettext("Deze casus heeft al een werkproces."))
    refusal = rules.allowed(rules.START, facts(case, None))
    if refusal:
        refuse(refusal)
    now = timezone.now()
    try:
        with transaction.atomic():
            werkproces = Werkproces.objects.create(
                case=case, step=rules.OKT, version=1, started_by=professional
            )
            Transition.objects.create(
                werkproces=werkproces,
                seq=1,
                kind=rules.START,
                from_step="",
                to_step=rules.OKT,
                actor=professional,
                occurred_at=now,
            )
            record_event(
                case,
                EventKind.WERKPROCES,
                professional,
                gettext("Werkproces gestart: %(step)s") % {"step": Step(rules.OKT).label},
            )
            audit_write(
                actor,
                Action.CREATE,
                case,
                decision,
                object_type="werkproces.Werkproces",
                object_uuid=werkproces.uuid,
                reason="werkproces gestart",
            )
    except IntegrityError:
        raise Conflict(gettext("Deze casus heeft al een werkproces.")) from None
    return werkproces


def step_evaluate(*, actor, case: Case, yielded_enough: bool, summary: str) -> StepEvaluation:
    """Did the current step yield enough? The decision after it needs this answer."""
    decision = guards.werkproces_change_allowed(actor=actor, case=case, action=Action.CREATE)
    professional = professional_of(actor)
    errors: dict = {}
    summary = text(
        summary, "summary", errors, message=gettext("Schrijf op wat deze stap opleverde.")
    )
    fail(errors, gettext("De evaluatie is niet vastgelegd."))
    with transaction.atomic():
        werkproces = locked_werkproces(case)
        refusal = rules.evaluate_allowed(facts(case, werkproces))
        if refusal:
            refuse(refusal)
        evaluation = StepEvaluation.objects.create(
            werkproces=werkproces,
            step=werkproces.step,
            version=werkproces.version,
            yielded_enough=bool(yielded_enough),
            summary=summary,
            recorded_by=professional,
            recorded_at=timezone.now(),
        )
        audit_write(
            actor,
            Action.CREATE,
            case,
            decision,
            object_type="werkproces.StepEvaluation",
            object_uuid=evaluation.uuid,
            reason=f"stap geëvalueerd: {werkproces.step}",
        )
    return evaluation


def step_take(
    *,
    actor,
    case: Case,
    transition: str,
    reason: str = "",
    team_decision: str = "",
    ajh_with_family: bool = False,
    ajh_meedenker=None,
    ajh_participants: str = "",
) -> Transition:
    """Go on, stop, go back or resume: the rule decides whether it may, the history records it.

    `team_decision` (into "extern") says how the team decided together that external
    expertise helps; `ajh_with_family` and `ajh_meedenker` (into "verwijzing") say the AJH
    decision was taken with the family and with a meedenker of this werkproces.
    """
    decision = guards.werkproces_change_allowed(actor=actor, case=case)
    professional = professional_of(actor)
    if transition not in (rules.CONTINUE, rules.STOP, rules.BACK, rules.RESUME):
        refuse(rules.NOT_IN_TABLE)
    reason = (reason or "").strip()
    team_decision = (team_decision or "").strip()
    ajh_participants = (ajh_participants or "").strip()
    errors: dict = {}
    for name, value in (
        ("reason", reason),
        ("team_decision", team_decision),
        ("ajh_participants", ajh_participants),
    ):
        text(value, name, errors, minimum=0)
    fail(errors, gettext("De stap is niet gezet."))
    with transaction.atomic():
        werkproces = locked_werkproces(case)
        meedenker_took_part = (
            ajh_meedenker is not None
            and werkproces.consultations.filter(meedenker=ajh_meedenker).exists()
        )
        current = facts(
            case,
            werkproces,
            reason=reason,
            team_decided_external=len(team_decision) >= rules.MIN_REASON,
            ajh_with_family=bool(ajh_with_family),
            ajh_with_meedenker=meedenker_took_part,
        )
        refusal = rules.allowed(transition, current)
        if refusal:
            refuse(refusal)
        evaluation = current_evaluation(werkproces)
        before = werkproces.state
        after = rules.apply(before, transition)
        into_external = after.step == rules.EXTERNAL and transition == rules.CONTINUE
        into_referral = after.step == rules.REFERRAL and transition == rules.CONTINUE
        werkproces.version += 1
        row = Transition.objects.create(
            werkproces=werkproces,
            seq=werkproces.version,
            kind=transition,
            from_step=before.step,
            to_step=after.step,
            actor=professional,
            occurred_at=timezone.now(),
            reason=reason,
            evaluation=evaluation if transition in (rules.CONTINUE, rules.STOP) else None,
            team_decision=team_decision if into_external else "",
            ajh_with_family=bool(ajh_with_family) if into_referral else False,
            ajh_meedenker=ajh_meedenker if into_referral else None,
            ajh_participants=ajh_participants if into_referral else "",
        )
        werkproces.step = after.step
        werkproces.stopped_from = after.stopped_from or ""
        werkproces.save(update_fields=["step", "stopped_from", "version", "updated_at"])
        record_event(
            case,
            EventKind.WERKPROCES,
            professional,
            gettext("Werkproces %(kind)s: %(before)s → %(after)s")
            % {
                "kind": TransitionKind(transition).label,
                "before": Step(before.step).label,
                "after": Step(after.step).label,
            },
            reason=reason,
        )
        audit_write(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="werkproces.Werkproces",
            object_uuid=werkproces.uuid,
            reason=f"werkproces {transition}: {before.step} -> {after.step}",
        )
    return row
