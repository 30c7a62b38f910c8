"""The GKP-overleg's pure rules: upcoming, adding, withdrawing, the outcome, the series."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from ketenzorg.werkproces import rules, rules_gkp
from ketenzorg.werkproces.rules_gkp import ItemFacts

NOW = datetime(2026, 3, 10, 12, 0)


@pytest.mark.parametrize(
    "starts_at,expected",
    [(NOW + timedelta(minutes=1), True), (NOW, False), (NOW - timedelta(days=1), False)],
)
def test_upcoming_is_a_meeting_that_has_not_begun(starts_at, expected):
    assert rules_gkp.upcoming(starts_at, NOW) is expected


def test_recent_is_the_last_weeks_only():
    assert rules_gkp.recent(NOW - timedelta(days=1), NOW)
    assert not rules_gkp.recent(NOW - rules_gkp.RECENT - timedelta(days=1), NOW)
    assert not rules_gkp.recent(NOW + timedelta(days=1), NOW)


@pytest.mark.parametrize("step", [s for s in rules.STEPS if s != rules.AJH])
def test_an_item_is_added_only_in_the_ajh_step(step):
    facts = ItemFacts(step, True, NOW + timedelta(days=1))
    assert rules_gkp.item_add_allowed(facts, NOW) == rules_gkp.NOT_AJH_STEP


def test_an_item_goes_to_an_upcoming_meeting_of_an_open_case():
    assert (
        rules_gkp.item_add_allowed(ItemFacts(rules.AJH, True, NOW + timedelta(hours=1)), NOW)
        is None
    )
    assert (
        rules_gkp.item_add_allowed(ItemFacts(rules.AJH, True, NOW - timedelta(hours=1)), NOW)
        == rules_gkp.MEETING_BEGUN
    )
    assert (
        rules_gkp.item_add_allowed(ItemFacts(rules.AJH, False, NOW + timedelta(hours=1)), NOW)
        == rules.CASE_CLOSED
    )


def test_withdraw_before_the_meeting_only_and_only_from_the_agenda():
    later, earlier = NOW + timedelta(hours=1), NOW - timedelta(hours=1)
    assert rules_gkp.withdraw_allowed(rules_gkp.ON_AGENDA, later, NOW) is None
    assert rules_gkp.withdraw_allowed(rules_gkp.ON_AGENDA, earlier, NOW) == rules_gkp.MEETING_BEGUN
    for status in (rules_gkp.DISCUSSED, rules_gkp.WITHDRAWN):
        assert rules_gkp.withdraw_allowed(status, later, NOW) == rules_gkp.NOT_ON_AGENDA


def test_outcome_once_from_the_day_of_the_meeting():
    day = date(2026, 3, 10)
    assert rules_gkp.outcome_allowed(rules_gkp.ON_AGENDA, day, day) is None
    assert rules_gkp.outcome_allowed(rules_gkp.ON_AGENDA, day, day - timedelta(days=1)) == (
        rules_gkp.NOT_YET_HELD
    )
    assert rules_gkp.outcome_allowed(rules_gkp.DISCUSSED, day, day) == rules_gkp.ALREADY_DISCUSSED
    assert rules_gkp.outcome_allowed(rules_gkp.WITHDRAWN, day, day) == rules_gkp.NOT_ON_AGENDA


def test_a_correction_needs_an_outcome():
    day = date(2026, 3, 10)
    assert rules_gkp.outcome_allowed(rules_gkp.DISCUSSED, day, day, correcting=True) is None
    assert (
        rules_gkp.outcome_allowed(rules_gkp.ON_AGENDA, day, day, correcting=True)
        == rules_gkp.NOTHING_TO_CORRECT
    )
    assert (
        rules_gkp.outcome_allowed(rules_gkp.WITHDRAWN, day, day, correcting=True)
        == rules_gkp.NOT_ON_AGENDA
    )


def test_a_series_every_other_tuesday_keeps_its_wall_clock_time():
    first = date(2026, 3, 17)  # a Tuesday, before the change to summer time
    moments = rules_gkp.series(first, time(13, 0), every_weeks=2, count=4)
    assert moments == [
        datetime(2026, 3, 17, 13, 0),
        datetime(2026, 3, 31, 13, 0),
        datetime(2026, 4, 14, 13, 0),
        datetime(2026, 4, 28, 13, 0),
    ]
    assert {m.weekday() for m in moments} == {1}


@pytest.mark.parametrize(
    "every,count,refusal",
    [
        (2, 0, rules_gkp.SERIES_COUNT),
        (2, rules_gkp.MAX_SERIES + 1, rules_gkp.SERIES_COUNT),
        (0, 3, rules_gkp.SERIES_EVERY),
        (rules_gkp.MAX_EVERY_WEEKS + 1, 3, rules_gkp.SERIES_EVERY),
    ],
)
def test_a_series_out_of_bounds_is_refused(every, count, refusal):
    assert rules_gkp.series(date(2026, 3, 17), time(13), every_weeks=every, count=count) == refusal
