"""When demo moments happen: on Dutch working days, inside the hours someone is at work.

A contact moment at 01:14 or a meeting on a Sunday tells a visitor the data is fake in the wrong
way. Moments that belong to opening hours (a walk-in hour, the phone line) fall inside those;
anything else inside the working day of `city.WORKDAY_STARTS`–`WORKDAY_ENDS`, Amsterdam time.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from ketenzorg.core.workdays import is_working_day
from ketenzorg.frontdoor.rules import AMSTERDAM, local_instant
from ketenzorg.synthetic.demo.city import WORKDAY_ENDS, WORKDAY_STARTS


def working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def working_days_back(today: date, count: int) -> date:
    """The working day `count` working days before `today` (today itself not counted)."""
    day = today
    for _ in range(count):
        day = working_day_on_or_before(day - timedelta(days=1))
    return day


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute


def during(
    rng: random.Random,
    day: date,
    opens: time = WORKDAY_STARTS,
    closes: time = WORKDAY_ENDS,
    *,
    lasting: int = 0,
) -> datetime:
    """A whole minute on `day` from `opens` that leaves `lasting` minutes before `closes`."""
    start, end = _minutes(opens), _minutes(closes) - lasting
    minute = rng.randint(start, max(start, end - 1))
    return local_instant(day, time(minute // 60, minute % 60))


def is_working_time(
    moment: datetime, opens: time = WORKDAY_STARTS, closes: time = WORKDAY_ENDS
) -> bool:
    """On a working day, from `opens` up to `closes` (not included, like an opening slot), in Amsterdam."""
    local = moment.astimezone(AMSTERDAM)
    return is_working_day(local.date()) and opens <= local.time() < closes
