"""The opschalingsmodel's counting rule and the zorgpiramide, as pure functions (property-based)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketenzorg.coordination import rules
from ketenzorg.coordination.rules import InvolvementFact

TODAY = date(2026, 11, 23)

facts = st.builds(
    InvolvementFact,
    professional_id=st.integers(min_value=1, max_value=12),
    person_id=st.one_of(st.none(), st.integers(min_value=1, max_value=4)),
    ended_on=st.one_of(
        st.none(),
        st.dates(min_value=TODAY - timedelta(days=400), max_value=TODAY + timedelta(days=400)),
    ),
)


@pytest.mark.parametrize(
    "count,level,rule",
    [
        (0, 1, rules.RULE_MOTORKAP),
        (1, 1, rules.RULE_MOTORKAP),
        (2, 1, rules.RULE_MOTORKAP),
        (3, 2, rules.RULE_ZORGCOORDINATIE),
        (4, 3, rules.RULE_PROCESCOORDINATIE),
        (5, 3, rules.RULE_PROCESCOORDINATIE),
        (40, 3, rules.RULE_PROCESCOORDINATIE),
    ],
)
def test_every_boundary_of_the_counting_rule(count, level, rule):
    suggestion = rules.suggest_level(count)
    assert (suggestion.level, suggestion.rule, suggestion.professional_count) == (
        level,
        rule,
        count,
    )
    assert str(count) in suggestion.explanation


def test_felt_necessity_lifts_two_professionals_to_zorgcoordinatie():
    assert rules.suggest_level(2, felt_necessity=True).level == 2
    assert rules.suggest_level(2, felt_necessity=True).rule == rules.RULE_FELT_NECESSITY
    assert rules.suggest_level(4, felt_necessity=True).level == 3


@pytest.mark.parametrize(
    "count,felt,start",
    [
        (0, False, "0 professionals betrokken"),
        (1, False, "1 professional betrokken"),
        (2, False, "2 professionals betrokken"),
        (1, True, "1 professional betrokken"),
        (2, True, "2 professionals betrokken"),
    ],
)
def test_the_rule_line_is_proper_dutch_singular_or_plural(count, felt, start):
    """The rule line is stored with a level change and shown on the case page: no "(s)"."""
    explanation = rules.suggest_level(count, felt_necessity=felt).explanation
    assert explanation.startswith(start + " ") or explanation.startswith(start + ",")
    assert "(s)" not in explanation


def test_negative_count_is_a_programming_error():
    with pytest.raises(ValueError):
        rules.suggest_level(-1)


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=0, max_value=500))
def test_more_professionals_never_suggest_a_lower_level(a, b):
    low, high = sorted((a, b))
    assert rules.suggest_level(low).level <= rules.suggest_level(high).level


@given(st.integers(min_value=0, max_value=10_000), st.booleans())
def test_the_rule_only_ever_suggests_levels_1_to_3(count, felt):
    assert rules.suggest_level(count, felt_necessity=felt).level in rules.SUGGESTED_LEVELS


@given(st.lists(facts, max_size=30))
def test_count_is_distinct_active_professionals(rows):
    expected = {f.professional_id for f in rows if f.ended_on is None or f.ended_on >= TODAY}
    assert rules.active_professional_count(rows, TODAY) == len(expected)


@given(st.lists(facts, max_size=30), st.randoms())
def test_order_of_involvements_does_not_matter(rows, rnd):
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    assert rules.active_professional_count(rows, TODAY) == rules.active_professional_count(
        shuffled, TODAY
    )


@given(st.lists(facts, max_size=30), facts)
def test_an_ended_involvement_never_raises_the_count(rows, extra):
    ended = InvolvementFact(extra.professional_id, extra.person_id, TODAY - timedelta(days=1))
    assert rules.active_professional_count(
        [*rows, ended], TODAY
    ) == rules.active_professional_count(rows, TODAY)


@given(st.lists(facts, min_size=1, max_size=30), st.integers(min_value=1, max_value=4))
def test_a_professional_with_another_child_counts_once(rows, person_id):
    first = rows[0]
    again = InvolvementFact(first.professional_id, person_id, None)
    before = rules.active_professional_count(rows, TODAY)
    after = rules.active_professional_count([*rows, again], TODAY)
    already_active = any(
        f.professional_id == first.professional_id and rules.is_active(f, TODAY) for f in rows
    )
    assert after == before + (0 if already_active else 1)


def test_parents_count_like_children():
    rows = [
        InvolvementFact(1, 10, None),
        InvolvementFact(2, None, None),
        InvolvementFact(3, 11, None),
    ]
    assert rules.suggest_level(rules.active_professional_count(rows, TODAY)).level == 2


def test_involvement_ending_today_still_counts_and_yesterday_does_not():
    assert rules.active_professional_count([InvolvementFact(1, None, TODAY)], TODAY) == 1
    assert (
        rules.active_professional_count(
            [InvolvementFact(1, None, TODAY - timedelta(days=1))], TODAY
        )
        == 0
    )


@pytest.mark.parametrize(
    "born,inside",
    [
        (date(2026, 2, 23), True),  # exactly 9 months
        (date(2026, 2, 24), False),  # one day short of 9 months
        (date(2003, 11, 24), True),  # 23rd birthday tomorrow
        (date(2003, 11, 23), False),  # 23 today
        (date(2010, 1, 1), True),
    ],
)
def test_level2_age_window(born, inside):
    assert rules.in_level2_age_window(born, TODAY) is inside
    warnings = rules.level2_age_warnings(2, [("Kim", born)], TODAY)
    assert warnings == ([] if inside else ["Kim"])


def test_age_warning_only_at_level_2():
    assert rules.level2_age_warnings(3, [("Baby", TODAY)], TODAY) == []


def test_add_months_clamps_to_month_end():
    assert rules.add_months(date(2026, 5, 31), 9) == date(2027, 2, 28)
    assert rules.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 1, 1)),
    st.integers(min_value=0, max_value=400),
)
def test_add_months_moves_forward_and_keeps_the_month_count(day, months):
    later = rules.add_months(day, months)
    assert later >= day
    assert (later.year - day.year) * 12 + later.month - day.month == months


@given(st.integers(min_value=5, max_value=500_000))
def test_pyramid_counts_add_up_and_keep_every_level(total):
    counts = rules.pyramid_counts(total)
    assert sum(counts.values()) == total
    assert all(counts[level] >= 1 for level in rules.LEVELS)
    assert counts[1] >= counts[2] >= counts[3]


def test_choosing_against_the_suggestion_needs_a_reason():
    suggestion = rules.suggest_level(4)
    assert not rules.needs_reason(3, suggestion, current=1)
    assert rules.needs_reason(2, suggestion, current=1)
    assert rules.needs_reason(4, suggestion, current=3)
    assert rules.needs_reason(3, suggestion, current=4)  # leaving a judgment level
    # Going down is always asked its why, also when the rule suggests it.
    assert rules.needs_reason(2, rules.suggest_level(2), current=3)


def test_explanations_name_the_rule():
    assert "vier of meer" in rules.explain_choice(3, rules.suggest_level(4))
    assert "gevoelde noodzaak" in rules.explain_choice(2, rules.suggest_level(1))
    assert "oordeel" in rules.explain_choice(4, rules.suggest_level(2))
    assert "afwijking" in rules.explain_choice(1, rules.suggest_level(4))


def test_kept_record():
    rows = [
        ("gedaan", date(2026, 11, 1), date(2026, 10, 30)),
        ("gedaan", date(2026, 11, 1), date(2026, 11, 5)),
        ("open", date(2026, 11, 20), None),
        ("open", date(2026, 12, 1), None),
        ("geannuleerd", date(2026, 11, 1), None),
    ]
    record = rules.kept_record(rows, TODAY)
    assert (record.done_on_time, record.done_late, record.open, record.overdue) == (1, 1, 1, 1)
    assert record.kept_share == 33
