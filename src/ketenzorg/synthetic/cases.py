"""Cases for a seeded city, written as raw rows like the rest of the seed.

Every family with an active involvement gets one open case. Its level follows
the counting rule (`levels_by_rule`: 1–3 by the number of
professionals, the busiest level-3 families at the judgment levels 4 and 5 in
the pyramid's proportion), and what coordinates it follows the level, as in
the demo's `synthetic.demo.cases.place_cases`: the opening and the escalation in the case's
history; from level 2 a coordinator, the overleg that was held (with its
invitations), agreements (some done, some overdue) and at levels 3 and 5 an
overleg still to plan with its deadline.

Unlike the demo (`place_cases`, one coordinator per role for the whole city),
the coordinator is a professional of the city with that role: one of the
involved if they hold it, otherwise one from the family's stadsdeel, so
coordinators have caseloads of realistic size.

Rows carry their own keys (like families and persons), so nothing is read
back, and every choice comes from one `random.Random` per city seeded from the
run's tag: the same seed gives the same cases. No plan versions (`with_plan`
is the demo's); stagnation signals come from the daily check as in production.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ketenzorg.coordination import rules
from ketenzorg.coordination.models import (
    AgreementStatus,
    CaseStatus,
    CoordinatorRole,
    EventKind,
    MeetingKind,
    MeetingStatus,
)
from ketenzorg.core.workdays import add_working_days
from ketenzorg.network.models import Role

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CASES_PER_WRITE = 5_000

# Column order of the row tuples below; checked against the models by the seed's tests.
CASE_COLUMNS = {
    table: tuple(columns.split())
    for table, columns in {
        "coordination_case": "id uuid created_at updated_at family_id status level suggested_level suggested_rule "
        "suggestion_handled level_changed_at reason opened_by_id opened_on closed_on crisis_started_at "
        "crisis_started_by_id crisis_reason",
        "coordination_caseevent": "id uuid case_id kind occurred_at actor_id summary level_from level_to rule reason",
        "coordination_casecoordinator": "id uuid created_at updated_at case_id professional_id role started_at "
        "ended_at assigned_by_id note",
        "coordination_meeting": "id uuid created_at updated_at case_id kind status deadline convener_id starts_at "
        "duration_minutes location minutes held_on sequence",
        "coordination_meetinginvitation": "id meeting_id professional_id sent_at",
        "coordination_agreement": "id uuid created_at updated_at case_id meeting_id what responsible_professional_id "
        "responsible_organisation_id due_on status done_on created_by_id",
    }.items()
}
CASE_TABLES = tuple(CASE_COLUMNS)

REASONS = {
    1: "Vragen over opvoeding; de betrokken professionals stemmen onderling af.",
    2: "Zorgen over de ontwikkeling van een kind; drie professionals betrokken.",
    3: "Meervoudige problematiek: school, schulden en spanningen thuis.",
    4: "De hulp stagneert; afspraken worden niet nagekomen.",
    5: "Levensbedreigende situatie; direct handelen nodig.",
}
AGREEMENTS = (
    "Gesprek met de intern begeleider van school",
    "Aanmelding bij schuldhulpverlening",
    "Huisbezoek samen met de JGZ",
    "Aanvraag jeugdhulp voorbereiden met het gezin",
    "Oma vragen voor opvang op woensdagmiddag",
    "Terugkoppeling na intake jeugd-GGZ",
)


@dataclass
class FamilyFacts:
    """What case placement needs of a family: its id and who is actively involved (first = opener)."""

    family_id: int
    professional_ids: list[int]


def levels_by_rule(facts: list[FamilyFacts]) -> dict[int, int]:
    """family_id -> level for a seeded city: the counting rule for 1–3; the busiest of the level-3
    families get the judgment levels in the pyramid's proportion (4: 1.47 %, 5: 0.03 % of all)."""
    levels = {f.family_id: rules.suggest_level(len(set(f.professional_ids))).level for f in facts}
    busiest = sorted(
        (f for f in facts if levels[f.family_id] == 3),
        key=lambda f: (-len(set(f.professional_ids)), f.family_id),
    )
    n5 = max(1, round(len(facts) * rules.PYRAMID_SHARES[5] / 100))
    n4 = max(1, round(len(facts) * rules.PYRAMID_SHARES[4] / 100))
    for i, f in enumerate(busiest[: n5 + n4]):
        levels[f.family_id] = 5 if i < n5 else 4
    return levels


# Which position coordinates from which level, and the network role that fills it.
POSITIONS = (
    (2, 2, CoordinatorRole.ZORGCOORDINATOR, Role.ZORGCOORDINATOR),
    (3, 5, CoordinatorRole.PROCESCOORDINATOR, Role.PROCESCOORDINATOR),
    (4, 5, CoordinatorRole.BRANDPUNT, Role.BRANDPUNT),
)
MEETING_KINDS = {
    2: MeetingKind.ZORG,
    3: MeetingKind.PROCES,
    4: MeetingKind.PROCES,
    5: MeetingKind.CRISIS,
}
CRISIS_REASON = "Acute onveiligheid thuis gemeld door politie; crisisprotocol gestart."
MINUTES = "Alle betrokkenen gehoord; afspraken gemaakt over de route."


@dataclass
class Member:
    """An involved professional as the cases need them."""

    id: int
    organisation_id: int
    role: str


@dataclass
class SeededFamily:
    family_id: int
    stadsdeel: int
    team: list[Member]  # active involvements, the registering professional first


@dataclass
class CaseRows:
    rows: dict[str, list[tuple]] = field(default_factory=lambda: {t: [] for t in CASE_TABLES})
    by_level: dict[int, int] = field(default_factory=dict)


def case_rows(
    families: list[SeededFamily],
    *,
    rng: random.Random,
    reference: date,
    pools: dict[str, dict[int, list[int]]],
    ids: Callable[[str, int], range],
    uuid: Callable[[], str],
    now,
    adapt_datetime: Callable[[datetime], object],
) -> CaseRows:
    """The rows of one open case per family, with its coordination; `pools`: role -> stadsdeel -> ids."""
    out = CaseRows()
    if not families:
        return out
    facts = [FamilyFacts(f.family_id, [m.id for m in f.team]) for f in families]
    levels = levels_by_rule(facts)
    rows = out.rows
    case_ids = ids("coordination_case", len(families))

    def at(day: date, hour: int):
        return adapt_datetime(datetime.combine(day, time(hour, 0), tzinfo=AMSTERDAM))

    def pick(role: str, stadsdeel: int) -> int | None:
        by_area = pools.get(role, {})
        pool = (
            by_area.get(stadsdeel) or by_area.get(-1) or [p for ps in by_area.values() for p in ps]
        )
        return pool[rng.randrange(len(pool))] if pool else None

    for k, family in enumerate(families):
        case_id = case_ids[k]
        team = family.team
        opener = team[0].id
        professional_ids = [m.id for m in team]
        level = levels[family.family_id]
        out.by_level[level] = out.by_level.get(level, 0) + 1
        suggestion = rules.suggest_level(len(set(professional_ids)))
        opened_on = reference - timedelta(days=rng.randint(20, 200))
        pending = level < 4 and suggestion.level != level and rng.random() < 0.5
        escalated_on = opened_on + timedelta(days=7)
        crisis = (None, None, "")
        coordinators: dict[str, int] = {}
        for low, high, position, role in POSITIONS:
            if low <= level <= high:
                chosen = next((m.id for m in team if m.role == role), None) or pick(
                    role, family.stadsdeel
                )
                if chosen is not None:
                    coordinators[position] = chosen
        if level == 5:
            started_at = datetime.combine(reference, time(8, 0), tzinfo=AMSTERDAM) - timedelta(
                hours=rng.randint(2, 48)
            )
            crisis = (
                adapt_datetime(started_at),
                coordinators.get(CoordinatorRole.BRANDPUNT, opener),
                CRISIS_REASON,
            )
        rows["coordination_case"].append(
            (
                case_id, uuid(), now, now, family.family_id, str(CaseStatus.OPEN), level, suggestion.level,
                suggestion.explanation, not pending, at(escalated_on, 10), REASONS[level], opener,
                opened_on.isoformat(), None, *crisis,
            )
        )  # fmt: skip
        events = rows["coordination_caseevent"]
        events.append(
            (None, uuid(), case_id, str(EventKind.OPENED), at(opened_on, 9), opener, "Casus geopend", None, None, "", "")
        )  # fmt: skip
        if level > 1:
            events.append(
                (
                    None, uuid(), case_id, str(EventKind.CRISIS if level == 5 else EventKind.LEVEL_CHANGED),
                    at(escalated_on, 10), opener, f"Opgeschaald naar niveau {level}", 1, level,
                    rules.explain_choice(level, suggestion), "" if level == suggestion.level else REASONS[level],
                )
            )  # fmt: skip
        for position, professional_id in coordinators.items():
            rows["coordination_casecoordinator"].append(
                (
                    None, uuid(), now, now, case_id, professional_id, str(position), at(escalated_on, 11), None,
                    opener, "",
                )
            )  # fmt: skip
        if level == 1:
            continue
        kind = str(MEETING_KINDS[level])
        convener = (
            coordinators.get(CoordinatorRole.PROCESCOORDINATOR)
            if level >= 3
            else coordinators.get(CoordinatorRole.ZORGCOORDINATOR)
        ) or opener
        held_on = add_working_days(escalated_on, rng.randint(2, 5))
        deadline = add_working_days(escalated_on, 5).isoformat() if level >= 3 else None
        (held_id,) = ids("coordination_meeting", 1)
        meetings = rows["coordination_meeting"]
        meetings.append(
            (
                held_id, uuid(), now, now, case_id, kind, str(MeetingStatus.HELD), deadline, convener,
                at(held_on, 14), 60, "OKé-punt", MINUTES, held_on.isoformat(), 0,
            )
        )  # fmt: skip
        for professional_id in dict.fromkeys(professional_ids):
            rows["coordination_meetinginvitation"].append((None, held_id, professional_id, now))
        if level in (3, 5) or rng.random() < 0.3:
            to_plan_by = add_working_days(reference, rng.randint(1, 5))
            meetings.append(
                (
                    ids("coordination_meeting", 1)[0], uuid(), now, now, case_id, kind, str(MeetingStatus.TO_PLAN),
                    to_plan_by.isoformat(), convener, None, 60, "", "", None, 0,
                )
            )  # fmt: skip
        for n in range(rng.randint(2, 4)):
            responsible = team[rng.randrange(len(team))]
            roll = rng.random()
            done = None
            if roll < 0.3:
                status = AgreementStatus.DONE
                due = held_on + timedelta(days=rng.randint(5, 20))
                done = min(reference, due - timedelta(days=rng.randint(-3, 4))).isoformat()
            elif roll < (0.55 if level >= 3 else 0.15):
                status, due = AgreementStatus.OPEN, reference - timedelta(days=rng.randint(1, 20))
            else:
                status, due = AgreementStatus.OPEN, reference + timedelta(days=rng.randint(1, 40))
            rows["coordination_agreement"].append(
                (
                    None, uuid(), now, now, case_id, None, AGREEMENTS[(n + k) % len(AGREEMENTS)], responsible.id,
                    responsible.organisation_id, due.isoformat(), str(status), done, opener,
                )
            )  # fmt: skip
    # Keys for the rows that nothing points at, in one range per table.
    for table in ("coordination_caseevent", "coordination_casecoordinator", "coordination_meetinginvitation",
                  "coordination_agreement"):  # fmt: skip
        table_rows = rows[table]
        keys = ids(table, len(table_rows))
        rows[table] = [(keys[i], *row[1:]) for i, row in enumerate(table_rows)]
    return out
