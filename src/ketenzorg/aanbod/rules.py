"""The catalogue's pure rules: when a waiting time is out of date, which districts a district
search covers, what a child's age may be. No database."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

CHILD_MAX_AGE = 27  # the Jeugdwet's verlengde jeugdhulp ends at 23; some youth offers run to 27
PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
DEFAULT_STALE_DAYS = 90


def waiting_time_is_stale(confirmed_on: date | None, *, today: date, stale_days: int) -> bool:
    """A waiting time nobody confirmed within `stale_days` is shown as out of date.

    No date at all is out of date too: a number nobody vouches for is not a waiting time.
    """
    if confirmed_on is None:
        return True
    return today - confirmed_on > timedelta(days=stale_days)


def covering_districts(district_id: int, parent_of: Mapping[int, int | None]) -> list[int]:
    """The district and every district above it (gebied → stadsdeel → city).

    A programme serves a parent in a gebied when it serves that gebied, its stadsdeel or the
    whole city; a programme with no districts at all serves the whole city (the caller adds
    those). A cycle in the map (which the network does not allow) ends the walk.
    """
    found: list[int] = []
    current: int | None = district_id
    while current is not None and current not in found:
        found.append(current)
        current = parent_of.get(current)
    return found


def age_range_problem(min_age: int | None, max_age: int | None) -> str:
    """What is wrong with an age range: "missing", "bounds", "order", or "" when nothing is."""
    if min_age is None or max_age is None:
        return "missing"
    if not (0 <= min_age <= CHILD_MAX_AGE and 0 <= max_age <= CHILD_MAX_AGE):
        return "bounds"
    if min_age > max_age:
        return "order"
    return ""


def page_count(total: int, page_size: int) -> int:
    return max(1, -(-total // page_size))


def needs_approval(*, current_status: str, proposed_status: str, published: str) -> bool:
    """A change goes live only after a second pair of eyes when the public sees the programme
    now or would see it afterwards. A concept that stays a concept is nobody's but its
    author's; the approval of its publication shows the approver the whole content."""
    return current_status == published or proposed_status == published


def changed_fields(before: Mapping[str, object], after: Mapping[str, object]) -> list[str]:
    """The fields of `after` whose value differs from `before` (a field `before` lacks counts
    as empty), in the order of `after`."""
    return [name for name, value in after.items() if before.get(name) != value]
