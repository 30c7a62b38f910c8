"""The GKP-overleg's own rules, pure: which meetings are upcoming, when an item may be added,
withdrawn or given its outcome, and the dates of a recurring series.

The gebiedsknooppunt (the AJH-verbinders of a stadsdeel) meets on a fixed rhythm ("every
other Tuesday at 13:00"). A question goes on the agenda of a meeting that has not begun,
while the werkproces explores AJH; the outcome is recorded from the day of the meeting on
(the notes are typed during it). Refusals are Dutch msgids, translated by the service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext_noop

from ketenzorg.werkproces import rules

# Item statuses.
ON_AGENDA = "geagendeerd"
DISCUSSED = "besproken"
WITHDRAWN = "ingetrokken"

# A series: how often and how many at once.
MAX_SERIES = 26
MAX_EVERY_WEEKS = 8
# The list shows the upcoming meetings and those of the last weeks (their outcomes).
RECENT = timedelta(weeks=8)

NOT_AJH_STEP = gettext_noop(
    "Agenderen voor het GKP-overleg kan alleen in de stap 'aanvullende jeugdhulp verkennen'."
)
MEETING_BEGUN = gettext_noop(
    "Dit overleg is al begonnen of geweest. Kies een overleg dat nog komt."
)
NOT_ON_AGENDA = gettext_noop("Dit agendapunt staat niet (meer) op de agenda.")
NOT_YET_HELD = gettext_noop(
    "Het overleg is nog niet geweest: de uitkomst legt u vast vanaf de dag van het overleg."
)
ALREADY_DISCUSSED = gettext_noop(
    "De uitkomst is al vastgelegd. Corrigeer haar met een reden; de eerste blijft bewaard."
)
NOTHING_TO_CORRECT = gettext_noop("Er is nog geen uitkomst om te corrigeren.")
SERIES_COUNT = gettext_noop("Plan 1 tot en met 26 overleggen tegelijk.")
SERIES_EVERY = gettext_noop("Kies om de 1 tot en met 8 weken.")
SERIES_PAST = gettext_noop("Het eerste overleg ligt in de toekomst.")


@dataclass(frozen=True)
class ItemFacts:
    step: str | None
    case_open: bool
    meeting_starts_at: datetime


def upcoming(starts_at: datetime, now: datetime) -> bool:
    """A meeting that has not begun."""
    return starts_at > now


def recent(starts_at: datetime, now: datetime) -> bool:
    """A meeting of the last weeks: still in the list, for its outcomes."""
    return now - RECENT <= starts_at <= now


def item_add_allowed(facts: ItemFacts, now: datetime) -> str | None:
    if not facts.case_open:
        return rules.CASE_CLOSED
    if facts.step != rules.AJH:
        return NOT_AJH_STEP
    if not upcoming(facts.meeting_starts_at, now):
        return MEETING_BEGUN
    return None


def withdraw_allowed(status: str, meeting_starts_at: datetime, now: datetime) -> str | None:
    """The asker takes the question back before the meeting, never afterwards."""
    if status != ON_AGENDA:
        return NOT_ON_AGENDA
    if not upcoming(meeting_starts_at, now):
        return MEETING_BEGUN
    return None


def outcome_allowed(
    status: str, meeting_day: date, today: date, *, correcting: bool = False
) -> str | None:
    """Once, from the day of the meeting; a correction only of an outcome that is there."""
    if status == WITHDRAWN:
        return NOT_ON_AGENDA
    if correcting:
        return None if status == DISCUSSED else NOTHING_TO_CORRECT
    if status == DISCUSSED:
        return ALREADY_DISCUSSED
    if today < meeting_day:
        return NOT_YET_HELD
    return None


def series(first: date, at: time, *, every_weeks: int, count: int) -> list[datetime] | str:
    """The wall-clock moments of a series (naive, in the city's time), or the refusal.

    Kept naive so a meeting at 13:00 stays at 13:00 across the change to summer time; the
    service makes them aware in Europe/Amsterdam.
    """
    if not 1 <= count <= MAX_SERIES:
        return SERIES_COUNT
    if not 1 <= every_weeks <= MAX_EVERY_WEEKS:
        return SERIES_EVERY
    return [datetime.combine(first + timedelta(weeks=every_weeks * n), at) for n in range(count)]
