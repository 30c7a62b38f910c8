"""The age rules of consent (Jeugdwet/WGBO), exactly on the birthdays."""

from __future__ import annotations

from datetime import date

import pytest

from ketenzorg.consent import rules
from ketenzorg.consent.rules import Parent, Requirement

BORN = date(2014, 6, 15)
MOTHER, FATHER, STEPPARENT = 1, 2, 3
PARENTS = [Parent(MOTHER, True), Parent(FATHER, True), Parent(STEPPARENT, False)]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2026, 6, 14), Requirement(False, frozenset({MOTHER, FATHER}))),  # the day before 12
        (date(2026, 6, 15), Requirement(True, frozenset({MOTHER, FATHER}))),  # 12th birthday
        (date(2030, 6, 14), Requirement(True, frozenset({MOTHER, FATHER}))),  # the day before 16
        (date(2030, 6, 15), Requirement(True, frozenset())),  # 16th birthday: alone
        (date(2040, 1, 1), Requirement(True, frozenset())),
    ],
)
def test_who_must_consent_on_the_birthdays(on, expected):
    assert rules.who_must_consent(BORN, PARENTS, on) == expected


def test_a_parent_without_authority_is_never_asked():
    requirement = rules.who_must_consent(BORN, PARENTS, date(2020, 1, 1))
    assert STEPPARENT not in requirement.parents


def test_a_young_child_without_a_parent_with_authority_cannot_be_covered():
    requirement = rules.who_must_consent(BORN, [Parent(STEPPARENT, False)], date(2020, 1, 1))
    assert not requirement.possible
    assert not rules.satisfied(requirement, child_consented=True, parent_ids=[STEPPARENT])
    assert rules.givers_problem(requirement, child_consented=False, parent_ids=[]) == rules.NO_ONE


@pytest.mark.parametrize(
    ("on", "child", "parents", "problem"),
    [
        (date(2020, 1, 1), False, [MOTHER, FATHER], None),
        (date(2020, 1, 1), False, [MOTHER], rules.MISSING_PARENTS),
        (date(2020, 1, 1), True, [MOTHER, FATHER], rules.CHILD_TOO_YOUNG),
        (date(2020, 1, 1), False, [MOTHER, FATHER, STEPPARENT], rules.NO_AUTHORITY),
        (date(2026, 6, 15), False, [MOTHER, FATHER], rules.MISSING_CHILD),
        (date(2026, 6, 15), True, [MOTHER, FATHER], None),
        (date(2026, 6, 15), True, [], rules.MISSING_PARENTS),
        (date(2030, 6, 15), True, [], None),
        (date(2030, 6, 15), True, [MOTHER], rules.YOUTH_ALONE),
        (date(2030, 6, 15), False, [], rules.MISSING_CHILD),
    ],
)
def test_givers_problem(on, child, parents, problem):
    requirement = rules.who_must_consent(BORN, PARENTS, on)
    found = rules.givers_problem(
        requirement,
        child_consented=child,
        parent_ids=parents,
        parents_without_authority=[STEPPARENT],
    )
    assert found == problem
    # Extra givers do not make a complete consent incomplete; the registry refuses them anyway.
    extra = (rules.YOUTH_ALONE, rules.CHILD_TOO_YOUNG, rules.NO_AUTHORITY)
    assert rules.satisfied(requirement, child_consented=child, parent_ids=parents) == (
        problem is None or problem in extra
    )


def test_consent_the_parents_gave_alone_stops_covering_on_the_12th_birthday():
    before = rules.who_must_consent(BORN, PARENTS, date(2026, 6, 14))
    after = rules.who_must_consent(BORN, PARENTS, date(2026, 6, 15))
    assert rules.satisfied(before, child_consented=False, parent_ids=[MOTHER, FATHER])
    assert not rules.satisfied(after, child_consented=False, parent_ids=[MOTHER, FATHER])


def test_parts_covered():
    assert rules.parts_covered(["plan", "personalia"], ["plan"])
    assert rules.parts_covered(["plan"], [])
    assert not rules.parts_covered(["plan"], ["plan", "afspraken"])
