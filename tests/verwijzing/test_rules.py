"""The referral's state machine and the verwijsformat's completeness, as pure rules."""

from __future__ import annotations

import itertools

import pytest

from ketenzorg.verwijzing import rules

PARTIES = (rules.PROFESSIONAL, rules.VERBINDER, rules.PROVIDER)


@pytest.mark.parametrize(
    ("state", "action", "party"), list(itertools.product(rules.STATES, rules.ACTIONS, PARTIES))
)
def test_every_transition_is_allowed_only_as_the_table_says(state, action, party):
    expected = rules.TRANSITIONS.get((state, action))
    found = rules.step(state, action, party=party, reason="een reden")
    if expected is None:
        assert found == rules.NOT_ALLOWED
    elif expected[1] != party:
        assert found == rules.WRONG_PARTY
    else:
        assert found == rules.Step(to=expected[0], party=party)


@pytest.mark.parametrize("action", sorted(rules.NEEDS_REASON))
def test_decline_withdraw_and_end_need_a_reason(action):
    state, (_to, party) = next((s, v) for (s, a), v in rules.TRANSITIONS.items() if a == action)
    assert rules.step(state, action, party=party, reason="  ") == rules.NEEDS_REASON_MESSAGE


def test_the_whole_chain_with_a_decline_replays():
    events = [
        (rules.SEND, rules.PROFESSIONAL),
        (rules.TAKE, rules.VERBINDER),
        (rules.MATCH, rules.VERBINDER),
        (rules.FORWARD, rules.VERBINDER),
        (rules.DECLINE, rules.PROVIDER),
        (rules.MATCH, rules.VERBINDER),
        (rules.FORWARD, rules.VERBINDER),
        (rules.ACCEPT, rules.PROVIDER),
        (rules.FIRST_CONTACT, rules.PROVIDER),
        (rules.START_CARE, rules.PROVIDER),
        (rules.END_CARE, rules.PROVIDER),
    ]
    assert rules.replay(events) == rules.ENDED
    with pytest.raises(ValueError):
        rules.replay([(rules.ACCEPT, rules.PROVIDER)])


def test_closed_states_have_no_way_out_and_withdrawal_stops_at_acceptance():
    for state in rules.CLOSED:
        assert all(rules.actions_for(state, p) == [] for p in PARTIES)
    assert rules.WITHDRAW in rules.actions_for(rules.FORWARDED, rules.PROFESSIONAL)
    assert rules.WITHDRAW not in rules.actions_for(rules.ACCEPTED, rules.PROFESSIONAL)


def test_the_inbox_columns_hold_every_open_state_once():
    seen = [s for states in rules.INBOX_COLUMNS.values() for s in states]
    assert len(seen) == len(set(seen))
    assert set(seen) == set(rules.AT_GKP) - rules.CLOSED


def test_missing_fields_lists_the_empty_required_ones():
    form = {f.key: "x" for f in rules.FORM_FIELDS}
    assert rules.missing_fields(form) == []
    form["child_bsn"] = "  "
    form["wishes"] = ""  # not required
    assert [f.key for f in rules.missing_fields(form)] == ["child_bsn"]


def test_a_plan_is_complete_with_question_analysis_and_a_result():
    analysis = [{"domains": {"psychisch": "Angstig"}}]
    agreements = [{"action": "Begeleiding", "results": "Slaapt door"}]
    assert rules.plan_complete("Hulpvraag", analysis, agreements)
    assert not rules.plan_complete("", analysis, agreements)
    assert not rules.plan_complete("Hulpvraag", [{"domains": {"psychisch": " "}}], agreements)
    assert not rules.plan_complete("Hulpvraag", analysis, [{"action": "Begeleiding"}])


def test_a_provision_period_runs_forward_for_at_most_a_year():
    from datetime import date

    assert rules.period_problem(date(2026, 1, 1), date(2026, 12, 31)) is None
    assert rules.period_problem(date(2026, 2, 1), date(2026, 1, 1)) == rules.PERIOD_REVERSED
    assert rules.period_problem(date(2026, 1, 1), date(2027, 6, 1)) == rules.PERIOD_TOO_LONG
