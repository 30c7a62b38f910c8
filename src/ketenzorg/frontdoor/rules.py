"""Pure rules of the front door: opening hours, question states, limits. No database here.

Opening hours are wall-clock times in Europe/Amsterdam ("dinsdag 09:00–11:00"), whatever
the season: a slot is turned into an instant only for one concrete date, so the switch
between winter and summer time never moves an opening hour. A slot includes its opening
minute and excludes its closing minute: at 16:30 the phone line (09:00–16:30) is closed.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ketenzorg.core import workdays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# How far ahead "opens next" looks; beyond that a location counts as closed until further notice.
LOOKAHEAD_DAYS = 60

# The phone line of the seed: working days 09:00–16:30.
PHONE_OPENS = time(9, 0)
PHONE_CLOSES = time(16, 30)

WEEKDAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


@dataclass(frozen=True)
class Slot:
    opens: time
    closes: time

    def __post_init__(self):
        if not self.opens < self.closes:
            raise ValueError("a slot opens before it closes")


@dataclass(frozen=True)
class Schedule:
    """Weekly slots per weekday (0 = Monday), exceptions per date (empty tuple = closed)."""

    weekly: Mapping[int, tuple[Slot, ...]] = field(default_factory=dict)
    exceptions: Mapping[date, tuple[Slot, ...]] = field(default_factory=dict)
    closed_on_holidays: bool = True


@dataclass(frozen=True)
class OpenStatus:
    is_open: bool
    # While open: when the current slot ends. While closed: None.
    open_until: datetime | None
    # The next moment it opens (after now); None if not within the look-ahead.
    next_opening: datetime | None
    # Why today differs from the week, if it does (e.g. "Koningsdag").
    today_note: str = ""


def schedule_from_rows(
    hours: Iterable[tuple[int, time, time]],
    exceptions: Iterable[tuple[date, bool, time | None, time | None]] = (),
    *,
    closed_on_holidays: bool = True,
) -> Schedule:
    weekly: dict[int, list[Slot]] = {}
    for weekday, opens, closes in hours:
        weekly.setdefault(weekday, []).append(Slot(opens, closes))
    changed: dict[date, tuple[Slot, ...]] = {}
    for day, is_closed, opens, closes in exceptions:
        changed[day] = (
            () if is_closed or opens is None or closes is None else (Slot(opens, closes),)
        )
    return Schedule(
        weekly={d: tuple(sorted(s, key=lambda x: x.opens)) for d, s in weekly.items()},
        exceptions=changed,
        closed_on_holidays=closed_on_holidays,
    )


def phone_schedule(exceptions: Mapping[date, tuple[Slot, ...]] | None = None) -> Schedule:
    """Working days 09:00–16:30; the holidays of `core.workdays` close the line."""
    slot = (Slot(PHONE_OPENS, PHONE_CLOSES),)
    return Schedule(
        weekly={d: slot for d in range(5)}, exceptions=exceptions or {}, closed_on_holidays=True
    )


def slots_on(schedule: Schedule, day: date) -> tuple[Slot, ...]:
    """The slots of one date: an exception wins, then a holiday closes, then the week."""
    if day in schedule.exceptions:
        return schedule.exceptions[day]
    if schedule.closed_on_holidays and workdays.holiday_name(day):
        return ()
    return schedule.weekly.get(day.weekday(), ())


def day_note(schedule: Schedule, day: date) -> str:
    if day in schedule.exceptions:
        return "afwijkende tijden" if schedule.exceptions[day] else "gesloten"
    if schedule.closed_on_holidays and (name := workdays.holiday_name(day)):
        return name
    return ""


def local_instant(day: date, at: time) -> datetime:
    """The aware instant of a wall-clock time on a date in Amsterdam.

    In the hour that does not exist (last Sunday of March, 02:00–03:00) zoneinfo keeps the
    wall time and takes the offset before the change; `normalise` moves it to real time.
    """
    return normalise(datetime.combine(day, at, tzinfo=AMSTERDAM))


def normalise(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo("UTC")).astimezone(AMSTERDAM)


def status_at(schedule: Schedule, moment: datetime) -> OpenStatus:
    """Open now (and until when), or when it opens next."""
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    local = moment.astimezone(AMSTERDAM)
    today = local.date()
    note = day_note(schedule, today)
    slots = slots_on(schedule, today)
    for slot in slots:
        start, end = local_instant(today, slot.opens), local_instant(today, slot.closes)
        if start <= local < end:
            closes = slot.closes
            # Back-to-back slots (09:00–11:00, 11:00–12:00) read as one opening.
            while following := next((s for s in slots if s.opens == closes), None):
                closes = following.closes
            end = local_instant(today, closes)
            return OpenStatus(True, end, _next_opening(schedule, end), note)
    return OpenStatus(False, None, _next_opening(schedule, local), note)


def _next_opening(schedule: Schedule, after: datetime) -> datetime | None:
    """The first slot start strictly after `after`, within the look-ahead."""
    first = after.astimezone(AMSTERDAM).date()
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = first + timedelta(days=offset)
        for slot in slots_on(schedule, day):
            start = local_instant(day, slot.opens)
            if start > after:
                return start
    return None


def upcoming_changes(
    schedule: Schedule, start: date, days: int = 42
) -> list[tuple[date, str, tuple[Slot, ...]]]:
    """Dates in the coming weeks that differ from the usual week: holidays and exceptions."""
    changes = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        usual = schedule.weekly.get(day.weekday(), ())
        actual = slots_on(schedule, day)
        if day in schedule.exceptions or (usual and actual != usual):
            changes.append((day, day_note(schedule, day), actual))
    return changes


# --- questions ------------------------------------------------------------------------------

QUESTION_MIN_LENGTH = 10
QUESTION_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 100
# A contact moment: the advice given and the walk-in visitor's name (optional).
ADVICE_MAX_LENGTH = 5000
VISITOR_NAME_MAX_LENGTH = 150
CHILD_MAX_AGE = 23
PRIVACY_NOTICE_VERSION = "2026-1"

# status -> actions allowed from it
QUESTION_ACTIONS = {
    "nieuw": {"pick_up", "answer", "close", "more_help"},
    "opgepakt": {"answer", "hand_over", "release", "close", "more_help"},
    "beantwoord": {"close", "more_help"},
    "gesloten": set(),
}


def question_action_allowed(status: str, action: str) -> bool:
    return action in QUESTION_ACTIONS.get(status, set())


# Crockford's base32 without look-alikes: easy to read out over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    """A reference a parent can quote ("VR-7K3M-Q9XA"); random, so it reveals no count."""
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"VR-{body[:4]}-{body[4:]}"


def age_group_for(age: int | None) -> str:
    if age is None or age < 0:
        return "onbekend"
    if age < 4:
        return "0-4"
    if age < 12:
        return "4-12"
    if age < 18:
        return "12-18"
    if age <= CHILD_MAX_AGE:
        return "18-23"
    return "onbekend"


_POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})?\s*$")


def postcode_digits(text: str) -> str | None:
    """The four digits of a Dutch postcode ("9911 AB", "9911ab", "9911"), or None."""
    match = _POSTCODE.match(text or "")
    return match.group(1) if match else None


def normalise_postcode(text: str) -> str:
    value = (text or "").replace(" ", "").upper()
    return value


def postcode_valid(text: str) -> bool:
    value = normalise_postcode(text)
    return len(value) == 6 and value[:4].isdigit() and value[4:].isalpha()


# --- abuse limits ---------------------------------------------------------------------------

# A shared address (a library, a school, a family's router) may send several questions;
# ten an hour shuts out no real person and makes a flood pointless.
QUESTIONS_PER_WINDOW = 10
WINDOW_SECONDS = 3600


def window_start(moment: datetime, seconds: int = WINDOW_SECONDS) -> datetime:
    """The start of the fixed window that `moment` falls in (aligned to the epoch, UTC)."""
    epoch = int(moment.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=ZoneInfo("UTC"))


def retry_after_seconds(moment: datetime, seconds: int = WINDOW_SECONDS) -> int:
    return max(
        1,
        int((window_start(moment, seconds) + timedelta(seconds=seconds) - moment).total_seconds()),
    )
