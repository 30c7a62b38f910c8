"""The zorgpiramide and the opschalingsmodel as pure functions: facts in, decisions out.

Kept free of Django models so the rules can be read next to DOMAIN.md and tested
with generated inputs (tests/coordination/test_rules.py). Services feed them what
the database says and store what they return, including the explanation: every
level change shows the rule that suggested it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ketenzorg.core.workdays import add_working_days

LEVELS = (1, 2, 3, 4, 5)
# Levels the counting rule can suggest; 4 and 5 are set by judgment only.
SUGGESTED_LEVELS = (1, 2, 3)
JUDGMENT_LEVELS = (4, 5)
CONVENE_WORKING_DAYS = 5
# Zorgcoördinatie by JGZ is for children from 9 months to 23 years (seed 000).
LEVEL2_MIN_AGE_MONTHS = 9
LEVEL2_MAX_AGE_YEARS = 23

# Expected shares of the zorgpiramide (seed 000), in percent.
PYRAMID_SHARES = {5: 0.03, 4: 1.47, 3: 3.5, 2: 10.0, 1: 85.0}

RULE_MOTORKAP = "motorkapoverleg"
RULE_ZORGCOORDINATIE = "zorgcoordinatie"
RULE_FELT_NECESSITY = "gevoelde_noodzaak"
RULE_PROCESCOORDINATIE = "procescoordinatie"
RULE_JUDGMENT = "oordeel"

# The coordinating role per level (network.Role codes; 1 has none, 5 is the crisis protocol).
COORDINATOR_ROLE = {
    2: "zorgcoordinator",
    3: "procescoordinator",
    4: "brandpuntfunctionaris",
    5: "brandpuntfunctionaris",
}
# Which kind of meeting belongs to which level.
MEETING_KIND = {
    1: "motorkapoverleg",
    2: "zorgoverleg",
    3: "procesoverleg",
    4: "procesoverleg",
    5: "crisisoverleg",
}


@dataclass(frozen=True)
class InvolvementFact:
    """What the counting rule needs of an involvement: who, with whom, and until when."""

    professional_id: int
    person_id: int | None
    ended_on: date | None


@dataclass(frozen=True)
class Suggestion:
    level: int
    rule: str
    professional_count: int
    explanation: str


def is_active(fact: InvolvementFact, today: date) -> bool:
    """Active as in `access.policy.active_involvements`: not ended, or ending today or later."""
    return fact.ended_on is None or fact.ended_on >= today


def active_professional_count(facts: Iterable[InvolvementFact], today: date) -> int:
    """Distinct professionals with an active involvement in the family's case.

    One family, one plan: involvements with the parents count as much as with a
    child; a professional involved with two children counts once; ended
    involvements do not count.
    """
    return len({f.professional_id for f in facts if is_active(f, today)})


def _professionals(n: int) -> str:
    """Dutch singular or plural. Not gettext: the rule line is stored with a level change, in Dutch."""
    return f"{n} professional" if n == 1 else f"{n} professionals"


def suggest_level(professional_count: int, *, felt_necessity: bool = False) -> Suggestion:
    """The opschalingsmodel's counting rule for levels 1–3.

    At most two professionals: motorkapoverleg (1). Three, or a felt necessity:
    zorgcoördinatie by JGZ (2). Four or more: procescoördinatie (3).
    """
    if professional_count < 0:
        raise ValueError("professional_count must be >= 0")
    n = professional_count
    if n >= 4:
        return Suggestion(
            3,
            RULE_PROCESCOORDINATIE,
            n,
            f"{_professionals(n)} betrokken (vier of meer): procescoördinatie",
        )
    if n == 3:
        return Suggestion(
            2, RULE_ZORGCOORDINATIE, n, "3 professionals betrokken: zorgcoördinatie door de JGZ"
        )
    if felt_necessity:
        return Suggestion(
            2,
            RULE_FELT_NECESSITY,
            n,
            f"{_professionals(n)} betrokken, gevoelde noodzaak: zorgcoördinatie door de JGZ",
        )
    return Suggestion(
        1, RULE_MOTORKAP, n, f"{_professionals(n)} betrokken (hoogstens twee): motorkapoverleg"
    )


def explain_choice(chosen: int, suggestion: Suggestion) -> str:
    """The rule line stored with a level change: the suggestion followed, or a deviation from it."""
    if chosen == suggestion.level:
        return suggestion.explanation
    if chosen in JUDGMENT_LEVELS:
        return f"niveau {chosen} op oordeel (regel stelde niveau {suggestion.level} voor: {suggestion.explanation})"
    if chosen == 2 and suggestion.level == 1:
        return suggest_level(suggestion.professional_count, felt_necessity=True).explanation
    return f"afwijking van de regel (voorstel niveau {suggestion.level}: {suggestion.explanation})"


def needs_reason(chosen: int, suggestion: Suggestion, current: int) -> bool:
    """Following the suggestion needs no reason; overriding it, a judgment level, or going down does.

    Every de-escalation is asked its why, even when the counting rule suggests it: the
    history must show who lowered the level, when and why (less help for a child).
    """
    return (
        chosen != suggestion.level
        or chosen in JUDGMENT_LEVELS
        or current in JUDGMENT_LEVELS
        or chosen < current
    )


def direction(old: int, new: int) -> str:
    if new > old:
        return "opschalen"
    if new < old:
        return "afschalen"
    return "bevestigen"


def add_months(day: date, months: int) -> date:
    """Calendar months later; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def in_level2_age_window(birthdate: date, today: date) -> bool:
    """From 9 months up to (not including) the 23rd birthday."""
    return (
        add_months(birthdate, LEVEL2_MIN_AGE_MONTHS)
        <= today
        < add_months(birthdate, 12 * LEVEL2_MAX_AGE_YEARS)
    )


def level2_age_warnings(level: int, children: Iterable[tuple[str, date]], today: date) -> list[str]:
    """Names of the children outside 9 months–23 years when the case is at level 2."""
    if level != 2:
        return []
    return [name for name, born in children if not in_level2_age_window(born, today)]


def convene_deadline(reached_on: date) -> date:
    """The procescoördinator convenes within 5 Dutch working days of level 3."""
    return add_working_days(reached_on, CONVENE_WORKING_DAYS)


def agreement_is_overdue(*, status: str, due_on: date | None, today: date) -> bool:
    return status == "open" and due_on is not None and due_on < today


def meeting_is_late(*, status: str, deadline: date | None, today: date) -> bool:
    """A meeting not held by its deadline stagnates the help."""
    return status in ("te_plannen", "gepland") and deadline is not None and deadline < today


def pyramid_counts(total: int) -> dict[int, int]:
    """How many of `total` cases belong at each level by the pyramid's shares (at least one each).

    Largest-remainder rounding, so the counts add up to `total` (when total >= 5).
    """
    if total < len(LEVELS):
        raise ValueError("need at least one case per level")
    raw = {level: total * share / 100 for level, share in PYRAMID_SHARES.items()}
    counts = {level: max(1, int(value)) for level, value in raw.items()}
    while sum(counts.values()) > total:
        counts[1] -= 1
    order = sorted(raw, key=lambda lv: raw[lv] - int(raw[lv]), reverse=True)
    i = 0
    while sum(counts.values()) < total:
        counts[order[i % len(order)]] += 1
        i += 1
    return counts


@dataclass(frozen=True)
class KeptRecord:
    """Who keeps their agreements: per responsible party, at a glance."""

    done_on_time: int = 0
    done_late: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def kept_share(self) -> int | None:
        finished = self.done_on_time + self.done_late + self.overdue
        return None if finished == 0 else round(100 * self.done_on_time / finished)


def kept_record(rows: Iterable[tuple[str, date | None, date | None]], today: date) -> KeptRecord:
    """rows: (status, due_on, done_on) of one party's agreements; cancelled ones are left out."""
    on_time = late = open_ = overdue = 0
    for status, due_on, done_on in rows:
        if status == "gedaan":
            if due_on is None or (done_on is not None and done_on <= due_on):
                on_time += 1
            else:
                late += 1
        elif status == "open":
            if agreement_is_overdue(status=status, due_on=due_on, today=today):
                overdue += 1
            else:
                open_ += 1
    return KeptRecord(on_time, late, open_, overdue)
