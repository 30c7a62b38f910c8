"""The werkproces through its services: guards, the rule's refusals, and an append-only history."""

from __future__ import annotations

import pytest

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.coordination import services as case_services
from ketenzorg.coordination.models import EventKind
from ketenzorg.core.errors import AccessDenied, Conflict, ValidationFailed
from ketenzorg.werkproces import rules, selectors, services
from ketenzorg.werkproces.models import StepEvaluation, Transition, Werkproces
from tests import factories
from tests.werkproces.conftest import later

REASON = "Het gezin vraagt om meer tijd"


def history(werkproces):
    return [(t.kind, t.from_step or None, t.to_step) for t in werkproces.transitions.all()]


def test_start_begins_with_the_okts_own_support(okt, case, werkproces):
    assert werkproces.step == rules.OKT
    assert history(werkproces) == [(rules.START, None, rules.OKT)]
    entry = AuditEntry.objects.filter(object_type="werkproces.Werkproces").get()
    assert (entry.action, entry.outcome, entry.basis) == ("create", "success", "involvement")
    with pytest.raises(Conflict):
        services.werkproces_start(actor=okt.user, case=case)


def test_a_professional_not_involved_is_refused_and_the_refusal_is_logged(case, werkproces):
    stranger = factories.make_professional("okt")
    before = Transition.objects.count()
    with pytest.raises(AccessDenied):
        services.step_evaluate(actor=stranger.user, case=case, yielded_enough=False, summary="x")
    with pytest.raises(AccessDenied):
        services.step_take(actor=stranger.user, case=case, transition=rules.STOP, reason=REASON)
    with pytest.raises(AccessDenied):
        selectors.werkproces_view(actor=stranger.user, case=case)
    refused = AuditEntry.objects.filter(outcome=Outcome.DENIED, object_type="werkproces.Werkproces")
    assert [e.action for e in refused.order_by("id")] == ["create", "update", "read"]
    assert Transition.objects.count() == before and not StepEvaluation.objects.exists()


def test_deciding_needs_the_evaluation_of_the_current_visit(okt, case, werkproces, move):
    with pytest.raises(Conflict, match="Evalueer eerst"):
        move(rules.CONTINUE, evaluate=False)
    move(rules.CONTINUE)  # evaluated, not enough: on to internal
    # The evaluation of the okt step does not count for the internal step.
    with pytest.raises(Conflict, match="Evalueer eerst"):
        move(rules.STOP, evaluate=False, reason=REASON)
    werkproces.refresh_from_db()
    assert werkproces.step == rules.INTERNAL


def test_going_on_after_enough_is_refused(werkproces, move):
    with pytest.raises(Conflict, match="genoeg opleverde"):
        move(rules.CONTINUE, enough=True)


def test_external_needs_the_teams_decision_and_records_it(werkproces, move):
    move(rules.CONTINUE)
    with pytest.raises(ValidationFailed) as refused:
        move(rules.CONTINUE)
    assert "team_decision" in refused.value.field_errors
    row = move(rules.CONTINUE, team_decision="Teamoverleg 3 maart: expertise GGZ nodig")
    assert (row.from_step, row.to_step) == (rules.INTERNAL, rules.EXTERNAL)
    assert row.team_decision.startswith("Teamoverleg")
    assert row.evaluation.step == rules.INTERNAL and row.evaluation.yielded_enough is False


def test_referral_needs_the_decision_with_the_family_and_a_meedenker_of_this_werkproces(
    okt, case, werkproces, move, outsider, colleague
):
    move(rules.CONTINUE)
    services.consultation_ask(
        actor=okt.user,
        case=case,
        kind="meedenken",
        scope="intern",
        meedenker=colleague,
        question="Wat helpt bij deze zorgen?",
        summary="Een kind van tien met zorgen thuis",
        expects_of_meedenker="Advies binnen twee weken",
        expects_of_professional="Een korte schets vooraf",
        ends_at=later(),
    )
    move(rules.CONTINUE, team_decision="Het team besloot samen: expertise van buiten")
    move(rules.CONTINUE)
    with pytest.raises(ValidationFailed):
        move(rules.CONTINUE, ajh_with_family=True, ajh_meedenker=outsider)  # never consulted
    with pytest.raises(ValidationFailed):
        move(rules.CONTINUE, ajh_with_family=False, ajh_meedenker=colleague)
    row = move(
        rules.CONTINUE,
        ajh_with_family=True,
        ajh_meedenker=colleague,
        ajh_participants="Moeder, Kim, de meedenker en de OKT-professional",
    )
    assert row.to_step == rules.REFERRAL and row.ajh_meedenker == colleague
    assert selectors.werkproces_view(actor=okt.user, case=case).possible == (rules.BACK,)


def test_stop_resume_and_back_with_reasons_and_the_history_replays(okt, case, werkproces, move):
    move(rules.CONTINUE)
    with pytest.raises(ValidationFailed):
        move(rules.STOP, reason="kort")
    move(rules.STOP, enough=True, reason="Het gezin kan verder met de bestaande steun")
    werkproces.refresh_from_db()
    assert (werkproces.step, werkproces.stopped_from) == (rules.STOPPED, rules.INTERNAL)
    with pytest.raises(Conflict):
        move(rules.CONTINUE)
    move(rules.RESUME, reason="De zorgen kwamen terug na de zomer")
    move(rules.BACK, reason="Eerst weer eigen ondersteuning proberen")
    werkproces.refresh_from_db()
    assert werkproces.step == rules.OKT and werkproces.stopped_from == ""
    rows = history(werkproces)
    assert [r[0] for r in rows] == [
        rules.START,
        rules.CONTINUE,
        rules.STOP,
        rules.RESUME,
        rules.BACK,
    ]
    assert rules.replay(rows) == werkproces.state
    assert list(werkproces.transitions.values_list("seq", flat=True)) == [1, 2, 3, 4, 5]
    view = selectors.werkproces_view(actor=okt.user, case=case)
    assert [t.kind for t in view.transitions] == [r[0] for r in rows]
    assert len(view.evaluations) == 3  # the refused stop had its evaluation too


def test_nothing_moves_on_a_closed_case(okt, case, werkproces, move):
    case_services.case_close(actor=okt.user, case=case, reason="Het gezin is verhuisd naar elders")
    case.refresh_from_db()
    with pytest.raises(Conflict, match="gesloten"):
        services.step_evaluate(actor=okt.user, case=case, yielded_enough=False, summary="x")
    with pytest.raises(Conflict, match="gesloten"):
        services.step_take(actor=okt.user, case=case, transition=rules.BACK, reason=REASON)
    assert selectors.werkproces_view(actor=okt.user, case=case).possible == ()


def test_the_history_cannot_be_rewritten_or_removed(werkproces, move):
    move(rules.CONTINUE)
    row = werkproces.transitions.last()
    row.reason = "anders"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        Transition.objects.filter(werkproces=werkproces).update(reason="weg")
    with pytest.raises(PermissionError):
        StepEvaluation.objects.all().delete()
    assert Transition.objects.filter(werkproces=werkproces).count() == 2


def test_an_unknown_transition_is_refused(okt, case, werkproces):
    with pytest.raises(Conflict):
        services.step_take(actor=okt.user, case=case, transition=rules.START)
    assert Werkproces.objects.get().version == 1


def test_every_move_is_a_line_in_the_case_history_with_its_reason(okt, case, werkproces, move):
    move(rules.CONTINUE)
    move(rules.BACK, reason="Eerst weer eigen ondersteuning proberen")
    lines = list(case.events.filter(kind=EventKind.WERKPROCES).order_by("occurred_at", "id"))
    assert [line.summary for line in lines] == [
        "Werkproces gestart: ondersteuning door het OKT",
        "Werkproces naar de volgende stap: ondersteuning door het OKT → "
        "meedenken/meedoen binnen team of stadsdeel",
        "Werkproces een stap terug: meedenken/meedoen binnen team of stadsdeel → "
        "ondersteuning door het OKT",
    ]
    assert [line.reason for line in lines] == ["", "", "Eerst weer eigen ondersteuning proberen"]
    assert {line.actor for line in lines} == {okt}
