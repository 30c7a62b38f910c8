"""The werkproces' transition table: every transition allowed and refused, and random walks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketenzorg.werkproces import rules
from ketenzorg.werkproces.rules import Facts, State

REASON = "omdat het gezin dat vraagt"
ALL_STATES = (
    [State()]
    + [State(step) for step in rules.ORDER]
    + [State(rules.STOPPED, stopped_from=s) for s in rules.WORKING]
)


def ready(state: State, **extra) -> Facts:
    """Facts that satisfy every guard, so only the table decides."""
    values = dict(
        state=state,
        evaluated=True,
        yielded_enough=False,
        reason=REASON,
        team_decided_external=True,
        ajh_with_family=True,
        ajh_with_meedenker=True,
    )
    values.update(extra)
    return Facts(**values)


EXPECTED = {
    (rules.START, None): rules.OKT,
    (rules.CONTINUE, rules.OKT): rules.INTERNAL,
    (rules.CONTINUE, rules.INTERNAL): rules.EXTERNAL,
    (rules.CONTINUE, rules.EXTERNAL): rules.AJH,
    (rules.CONTINUE, rules.AJH): rules.REFERRAL,
    (rules.STOP, rules.OKT): rules.STOPPED,
    (rules.STOP, rules.INTERNAL): rules.STOPPED,
    (rules.STOP, rules.EXTERNAL): rules.STOPPED,
    (rules.STOP, rules.AJH): rules.STOPPED,
    (rules.BACK, rules.INTERNAL): rules.OKT,
    (rules.BACK, rules.EXTERNAL): rules.INTERNAL,
    (rules.BACK, rules.AJH): rules.EXTERNAL,
    (rules.BACK, rules.REFERRAL): rules.AJH,
}


@pytest.mark.parametrize("kind", rules.KINDS)
@pytest.mark.parametrize("state", ALL_STATES, ids=lambda s: f"{s.step}<-{s.stopped_from}")
def test_every_transition_from_every_state(kind, state):
    refusal = rules.allowed(kind, ready(state))
    if kind == rules.RESUME and state.step == rules.STOPPED:
        assert refusal is None
        assert rules.apply(state, kind) == State(state.stopped_from)
    elif (kind, state.step) in EXPECTED:
        assert refusal is None
        assert rules.apply(state, kind).step == EXPECTED[(kind, state.step)]
    else:
        assert refusal == rules.NOT_IN_TABLE
        with pytest.raises(ValueError):
            rules.apply(state, kind)


@pytest.mark.parametrize("kind", [rules.CONTINUE, rules.STOP])
@pytest.mark.parametrize("step", [rules.OKT, rules.INTERNAL, rules.EXTERNAL, rules.AJH])
def test_deciding_needs_the_evaluation_of_the_current_step(kind, step):
    assert rules.allowed(kind, ready(State(step), evaluated=False)) == rules.NEEDS_EVALUATION


@pytest.mark.parametrize("step", [rules.OKT, rules.INTERNAL, rules.EXTERNAL, rules.AJH])
def test_going_on_after_a_step_that_yielded_enough_is_refused_stopping_is_not(step):
    facts = ready(State(step), yielded_enough=True)
    assert rules.allowed(rules.CONTINUE, facts) == rules.ENOUGH_SO_STOP
    assert rules.allowed(rules.STOP, facts) is None


@pytest.mark.parametrize(
    ("kind", "state"),
    [
        (rules.STOP, State(rules.OKT)),
        (rules.BACK, State(rules.EXTERNAL)),
        (rules.BACK, State(rules.REFERRAL)),
        (rules.RESUME, State(rules.STOPPED, stopped_from=rules.INTERNAL)),
    ],
)
@pytest.mark.parametrize("reason", ["", "   ", "kort"])
def test_stop_back_and_resume_need_a_reason(kind, state, reason):
    assert rules.allowed(kind, ready(state, reason=reason)) == rules.NEEDS_REASON


def test_going_on_needs_no_reason():
    assert rules.allowed(rules.CONTINUE, ready(State(rules.OKT), reason="")) is None


def test_external_needs_the_teams_decision():
    facts = ready(State(rules.INTERNAL), team_decided_external=False)
    assert rules.allowed(rules.CONTINUE, facts) == rules.NEEDS_TEAM_DECISION
    # Only that step needs it.
    assert (
        rules.allowed(rules.CONTINUE, ready(State(rules.OKT), team_decided_external=False)) is None
    )


@pytest.mark.parametrize(("family", "meedenker"), [(False, True), (True, False), (False, False)])
def test_referral_needs_the_decision_with_family_and_meedenker(family, meedenker):
    facts = ready(State(rules.AJH), ajh_with_family=family, ajh_with_meedenker=meedenker)
    assert rules.allowed(rules.CONTINUE, facts) == rules.NEEDS_AJH_DECISION


@pytest.mark.parametrize("kind", rules.KINDS)
@pytest.mark.parametrize("state", ALL_STATES, ids=lambda s: f"{s.step}<-{s.stopped_from}")
def test_nothing_moves_on_a_closed_case(kind, state):
    assert rules.allowed(kind, ready(state, case_open=False)) == rules.CASE_CLOSED


@pytest.mark.parametrize("state", ALL_STATES, ids=lambda s: f"{s.step}<-{s.stopped_from}")
def test_evaluation_only_in_a_working_step_of_an_open_case(state):
    expected = None if state.step in rules.WORKING else rules.NOT_WORKING
    assert rules.evaluate_allowed(ready(state)) == expected
    assert rules.evaluate_allowed(ready(state, case_open=False)) == rules.CASE_CLOSED


@pytest.mark.parametrize(
    ("scope", "step", "ok"),
    [
        (rules.SCOPE_INTERNAL, rules.OKT, False),
        (rules.SCOPE_INTERNAL, rules.INTERNAL, True),
        (rules.SCOPE_INTERNAL, rules.AJH, True),
        (rules.SCOPE_EXTERNAL, rules.INTERNAL, False),
        (rules.SCOPE_EXTERNAL, rules.EXTERNAL, True),
        (rules.SCOPE_AJH, rules.EXTERNAL, False),
        (rules.SCOPE_AJH, rules.AJH, True),
        (rules.SCOPE_AJH, rules.REFERRAL, False),
        (rules.SCOPE_INTERNAL, rules.STOPPED, False),
    ],
)
def test_a_consultation_belongs_to_its_step_and_the_steps_after(scope, step, ok):
    refusal = rules.consultation_allowed(scope, ready(State(step)))
    assert (refusal is None) == ok


def test_replay_refuses_a_history_with_a_gap():
    with pytest.raises(ValueError):
        rules.replay(
            [(rules.START, None, rules.OKT), (rules.CONTINUE, rules.INTERNAL, rules.EXTERNAL)]
        )
    with pytest.raises(ValueError):
        rules.replay([(rules.START, None, rules.INTERNAL)])


moves = st.lists(
    st.tuples(
        st.sampled_from(rules.KINDS),
        st.booleans(),  # evaluated
        st.booleans(),  # yielded enough
        st.sampled_from(["", REASON]),
        st.booleans(),  # team decided
        st.booleans(),  # with family
        st.booleans(),  # with meedenker
    ),
    max_size=40,
)


@given(moves)
def test_random_walks_stay_valid_and_the_history_replays(walk):
    state, history = State(), []
    for kind, evaluated, enough, reason, team, family, meedenker in walk:
        facts = Facts(state, True, evaluated, enough, reason, team, family, meedenker)
        if rules.allowed(kind, facts) is None:
            after = rules.apply(state, kind)
            history.append((kind, state.step, after.step))
            state = after
        # Never an invalid state: a known step, and "stopped" always knows where it stopped.
        assert state.step is None or state.step in rules.STEPS
        assert (state.stopped_from is not None) == (state.step == rules.STOPPED)
        assert state.stopped_from in (None, *rules.WORKING)
        if history:
            assert history[0][0] == rules.START
    assert rules.replay(history) == state
