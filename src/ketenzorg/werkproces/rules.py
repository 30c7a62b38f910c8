"""The OKT werkproces as an explicit transition table: facts in, a refusal or None out.

Kept free of the ORM (decision 0014) so the whole machine can be read in one screen
next to DOMAIN.md §4 and tested with generated walks (tests/werkproces/test_rules.py).
The services feed `allowed` what the database says and store the transition; the
table is the only place that knows which step follows which.

Refusals are Dutch msgids (marked with `gettext_noop`), translated by the service
that raises them, so the rule itself stays pure and tests can compare constants.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta


def gettext_noop(message: str) -> str:
    """Marks a msgid for makemessages, like Django's, without needing settings to import: the
    benchmark's bare-SQL floors use this table outside Django (bench/floors/werkproces.py)."""
    return message


# --- the steps ---------------------------------------------------------------------------------
OKT = "okt"  # support by the OKT itself
INTERNAL = "intern"  # meedenken/meedoen inside the own team or stadsdeel
EXTERNAL = "extern"  # meedenken/meedoen from outside
AJH = "ajh"  # exploring aanvullende jeugdhulp with the AJH-verbinder or the GKP-overleg
REFERRAL = "verwijzing"  # the referral: reached here, built by the next issue
STOPPED = "gestopt"  # the family goes on with the existing support

ORDER = (OKT, INTERNAL, EXTERNAL, AJH, REFERRAL)
STEPS = (*ORDER, STOPPED)
# Steps in which the professional works, evaluates and decides.
WORKING = (OKT, INTERNAL, EXTERNAL, AJH)

# --- the transitions ---------------------------------------------------------------------------
START = "start"
CONTINUE = "verder"
STOP = "stoppen"
BACK = "terug"
RESUME = "hervatten"
KINDS = (START, CONTINUE, STOP, BACK, RESUME)

# Resuming returns to the step the werkproces was stopped in (`State.stopped_from`).
RESUME_TARGET = "stopped_from"

# (transition, from) -> to. Anything not in the table is refused.
TABLE: dict[tuple[str, str | None], str] = {
    (START, None): OKT,
    (CONTINUE, OKT): INTERNAL,
    (CONTINUE, INTERNAL): EXTERNAL,
    (CONTINUE, EXTERNAL): AJH,
    (CONTINUE, AJH): REFERRAL,
    (STOP, OKT): STOPPED,
    (STOP, INTERNAL): STOPPED,
    (STOP, EXTERNAL): STOPPED,
    (STOP, AJH): STOPPED,
    (BACK, INTERNAL): OKT,
    (BACK, EXTERNAL): INTERNAL,
    (BACK, AJH): EXTERNAL,
    (BACK, REFERRAL): AJH,
    (RESUME, STOPPED): RESUME_TARGET,
}

MIN_REASON = 10

# --- refusals (Dutch msgids) -------------------------------------------------------------------
CASE_CLOSED = gettext_noop("De casus is gesloten: het werkproces staat stil.")
NOT_IN_TABLE = gettext_noop("Deze stap kan niet vanuit de huidige stap van het werkproces.")
NEEDS_EVALUATION = gettext_noop(
    "Evalueer eerst de huidige stap: leverde die genoeg op? Daarna besluit u."
)
ENOUGH_SO_STOP = gettext_noop(
    "De evaluatie zegt dat deze stap genoeg opleverde. Stop het werkproces, of evalueer opnieuw."
)
NEEDS_REASON = gettext_noop("Schrijf de reden op (minstens 10 tekens).")
NEEDS_TEAM_DECISION = gettext_noop(
    "Leg eerst vast dat het team samen besloot dat expertise van buiten helpt."
)
NEEDS_AJH_DECISION = gettext_noop(
    "Het besluit dat aanvullende jeugdhulp nodig is, neemt u samen met het gezin en de meedenker: "
    "leg vast dat beiden meebesloten."
)
NOT_WORKING = gettext_noop("In deze stap wordt niet geëvalueerd.")


@dataclass(frozen=True)
class State:
    """Where the werkproces is: the step, and while stopped, the step it was stopped in."""

    step: str | None = None
    stopped_from: str | None = None


@dataclass(frozen=True)
class Facts:
    """What the database says at the moment of the transition."""

    state: State
    case_open: bool = True
    # The current step has an evaluation recorded since it was entered, and what it said.
    evaluated: bool = False
    yielded_enough: bool | None = None
    reason: str = ""
    # For CONTINUE into EXTERNAL: the team decided together that external expertise helps.
    team_decided_external: bool = False
    # For CONTINUE into REFERRAL: the AJH decision was taken with the family and the meedenker.
    ajh_with_family: bool = False
    ajh_with_meedenker: bool = False


def target(transition: str, state: State) -> str | None:
    """The step a transition leads to from `state`, or None when the table has no such row."""
    to = TABLE.get((transition, state.step))
    if to == RESUME_TARGET:
        return state.stopped_from
    return to


def allowed(transition: str, facts: Facts) -> str | None:
    """None when the transition may be taken; otherwise the refusal (a Dutch msgid)."""
    if not facts.case_open:
        return CASE_CLOSED
    to = target(transition, facts.state)
    if to is None:
        return NOT_IN_TABLE
    if transition in (CONTINUE, STOP) and not facts.evaluated:
        return NEEDS_EVALUATION
    if transition == CONTINUE and facts.yielded_enough:
        return ENOUGH_SO_STOP
    if transition in (STOP, BACK, RESUME) and len(facts.reason.strip()) < MIN_REASON:
        return NEEDS_REASON
    if transition == CONTINUE and to == EXTERNAL and not facts.team_decided_external:
        return NEEDS_TEAM_DECISION
    if (
        transition == CONTINUE
        and to == REFERRAL
        and not (facts.ajh_with_family and facts.ajh_with_meedenker)
    ):
        return NEEDS_AJH_DECISION
    return None


def evaluate_allowed(facts: Facts) -> str | None:
    """An evaluation belongs to a working step of an open case."""
    if not facts.case_open:
        return CASE_CLOSED
    if facts.state.step not in WORKING:
        return NOT_WORKING
    return None


def apply(state: State, transition: str) -> State:
    """The state after a transition the table has (checked by `allowed` first)."""
    to = target(transition, state)
    if to is None:
        raise ValueError(f"no transition {transition!r} from {state.step!r}")
    if to == STOPPED:
        return State(step=STOPPED, stopped_from=state.step)
    return replace(state, step=to, stopped_from=None)


def replay(history: Iterable[tuple[str, str | None, str]]) -> State:
    """The state a history of (transition, from, to) leads to; a gap or a wrong row is an error.

    The stored current step must always equal the replay of the append-only history.
    """
    state = State()
    for transition, from_step, to_step in history:
        if from_step != state.step:
            raise ValueError(f"history jumps: at {state.step!r}, row starts at {from_step!r}")
        state = apply(state, transition)
        if state.step != to_step:
            raise ValueError(
                f"history row {transition!r} ends at {to_step!r}, table says {state.step!r}"
            )
    return state


# --- consultations -----------------------------------------------------------------------------
SCOPE_INTERNAL = "intern"
SCOPE_EXTERNAL = "extern"
SCOPE_AJH = "ajh_verbinder"
# A consultation belongs to the step it serves, and to the steps after it (a team colleague may
# still think along while AJH is explored); never while stopped or before the step.
SCOPE_FROM_STEP = {SCOPE_INTERNAL: INTERNAL, SCOPE_EXTERNAL: EXTERNAL, SCOPE_AJH: AJH}
# Findings may still be written for a short while after the period ends.
GRACE = timedelta(days=7)
MAX_PERIOD = timedelta(days=92)

SCOPE_NOT_YET = gettext_noop(
    "Deze consultatie past niet bij de huidige stap van het werkproces. Ga eerst naar de stap "
    "waar zij bij hoort."
)


def consultation_allowed(scope: str, facts: Facts) -> str | None:
    if not facts.case_open:
        return CASE_CLOSED
    step = facts.state.step
    if step not in ORDER or step == REFERRAL:
        return SCOPE_NOT_YET
    if ORDER.index(step) < ORDER.index(SCOPE_FROM_STEP[scope]):
        return SCOPE_NOT_YET
    return None


def consultation_open(ends_at: datetime, now: datetime) -> bool:
    """The meedenker may still work (look, write findings): the period plus the grace."""
    return now < ends_at + GRACE
