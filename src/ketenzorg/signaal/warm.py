"""The worker computes the signal function's releases ahead, so a manager does not wait for them.

Suppressing a release is the expensive part of a figure (at nation scale a year of contact
moments per topic is twelve releases of 47 000 cells, about a second each), and which cells a
release hides is remembered on disk under a digest of its counts (`figures.AreaTree.suppressed`).
The worker's round (`coordination_tick`, through `coordination.rounds`) therefore computes every figure of the catalogue for
its default filters — the last twelve full months, the whole city — at most once per
`SIGNAL_WARM_SECONDS` (an hour); the server's processes then find the months already there. The
figures themselves are thrown away: nothing is shown, so nothing is logged. A month whose counts
changed since (a contact moment recorded late) has another digest and is computed afresh by
whoever asks first, so this never makes a figure stale.
"""

from __future__ import annotations

import logging
import time
from datetime import date

from django.conf import settings
from django.utils import timezone

from ketenzorg.signaal import catalogue, selectors
from ketenzorg.signaal.forms import default_period

logger = logging.getLogger(__name__)
_last_warmed: list[float] = []


def default_filters(entry: catalogue.Entry, today: date) -> dict:
    """What the dashboard asks when its filter form is left empty."""
    filters = dict(entry.fixed)
    if entry.period:
        filters["first"], filters["last"] = default_period(today)
    if entry.area:
        filters["area"] = None
    return filters


def warm_releases(today: date | None = None) -> dict[str, float]:
    """Compute every figure for its default filters; the seconds each figure took."""
    today = today or timezone.localdate()
    seconds = {}
    for entry in catalogue.ENTRIES:
        started = time.monotonic()
        selectors.compute(entry.selector, **default_filters(entry, today))
        seconds[entry.key] = time.monotonic() - started
    return seconds


def on_round(sender=None, *, today: date | None = None, **_) -> str:
    """The receiver of the worker's round (`coordination.rounds.round_finished`)."""
    return warm_when_due(today)


def warm_when_due(today: date | None = None) -> str:
    """The worker round's part: warm when the last warming is older than the interval. A failure
    is logged and reported, never raised: it must not stop the reminders of the same round."""
    now = time.monotonic()
    if _last_warmed and now - _last_warmed[0] < settings.SIGNAL_WARM_SECONDS:
        return ""
    try:
        started = time.monotonic()
        count = len(warm_releases(today))
    except Exception:
        logger.exception("Signaalfunctie: cijfers niet vooraf berekend")
        return ", signaalfunctie: vooraf berekenen mislukt"
    _last_warmed[:] = [now]
    return (
        f", signaalfunctie: {count} figuren vooraf berekend in {time.monotonic() - started:.1f} s"
    )
