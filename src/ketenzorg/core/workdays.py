"""Dutch working days: no weekends, no national holidays.

"Within 5 working days" (the procescoördinator convenes) and "working days
09:00–16:30" (the phone line) both mean the Dutch calendar. Which days count
is what the Algemene termijnenwet (art. 3) lists for Dutch deadlines:
Nieuwjaarsdag, Tweede paasdag, Koningsdag, 5 mei (every year), Hemelvaartsdag,
Tweede pinksterdag and both Kerstdagen. The `holidays` package supplies the
moving dates; its Goede vrijdag is dropped (not in the law) and its
lustrum-only Bevrijdingsdag is made yearly. Kept pure: dates in, dates out.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

NOT_IN_TERMIJNENWET = {"Goede vrijdag"}


@lru_cache(maxsize=64)
def _holidays_for(year: int) -> dict:
    days = {
        day: name
        for day, name in holidays.country_holidays("NL", years=year, language="nl").items()
        if name not in NOT_IN_TERMIJNENWET
    }
    days[date(year, 5, 5)] = "Bevrijdingsdag"
    return days


def holiday_name(day: date) -> str:
    """The Dutch name of the public holiday on `day`, or ""."""
    return _holidays_for(day.year).get(day, "")


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not holiday_name(day)


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (start itself not counted)."""
    if count < 0:
        raise ValueError("count must be >= 0")
    day = start
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def next_working_day(day: date) -> date:
    """`day` itself if it is a working day, else the first one after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
