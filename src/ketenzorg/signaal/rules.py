"""The signal function's pure rules: the pyramid to compare with, and when a topic rises unusually.

No database: counts in, answers out, tested with known values (tests/signaal/test_rules.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# The zorgpiramide's expected shares (seed 000), in percent of levels 1..5. The case keeps them
# (coordination.rules); this is the same mapping, so the figure and the case never disagree.
from ketenzorg.coordination.rules import PYRAMID_SHARES

# "Rises unusually": one-sided Poisson test of this month against the mean of the months before.
RISE_ALPHA = 0.01
RISE_BASELINE_MONTHS = 6
# Below a mean of 1 a month, one or two questions would already be "unusual": no test at all.
RISE_MIN_BASELINE = 1.0


def expected_shares() -> dict[int, float]:
    """The pyramid's share per level as a fraction (0.85 for level 1)."""
    return {level: PYRAMID_SHARES[level] / 100 for level in sorted(PYRAMID_SHARES)}


def expected_counts(total: int) -> dict[int, float]:
    """What the pyramid expects of `total` cases per level (not rounded: it is a reference)."""
    return {level: share * total for level, share in expected_shares().items()}


def poisson_upper_tail(observed: int, mean: float) -> float:
    """P(X >= observed) for X ~ Poisson(mean), summed in log space so large counts stay exact."""
    if observed <= 0:
        return 1.0
    if mean <= 0:
        return 0.0

    # 1 - P(X <= observed-1); the lower sum is accurate when observed is below the mean, the
    # upper sum when above, so take whichever side is the tail.
    def term(k: int) -> float:
        return math.exp(k * math.log(mean) - mean - math.lgamma(k + 1))

    if observed > mean:
        total, k = 0.0, observed
        while True:
            t = term(k)
            total += t
            if k > mean and t < 1e-17 * max(total, 1e-300):
                return min(1.0, total)
            k += 1
    return max(0.0, 1.0 - sum(term(k) for k in range(observed)))


@dataclass(frozen=True)
class RiseTest:
    tested: bool
    rises: bool
    baseline: float | None
    p_value: float | None
    why: str


def rises_unusually(
    current: int | None,
    previous: Sequence[int | None],
    *,
    months: int = RISE_BASELINE_MONTHS,
    alpha: float = RISE_ALPHA,
    min_baseline: float = RISE_MIN_BASELINE,
) -> RiseTest:
    """Is this month's count unusually high against the mean of the `months` before it?

    H0: this month is Poisson with the mean of the previous months. The topic rises unusually
    when P(X >= current) < alpha (one-sided: a fall is no signal). Only published counts go in
    (None is a hidden cell): a hidden month is not tested and a hidden month in the baseline
    stops the test, so the mark says nothing about a count the tables do not show.
    """
    window = list(previous)[-months:]
    if current is None:
        return RiseTest(False, False, None, None, "deze maand is niet gepubliceerd")
    if len(window) < months:
        return RiseTest(False, False, None, None, f"minder dan {months} maanden geschiedenis")
    if any(v is None for v in window):
        return RiseTest(False, False, None, None, "een maand van de basislijn is niet gepubliceerd")
    baseline = sum(window) / len(window)
    if baseline < min_baseline:
        return RiseTest(False, False, baseline, None, "basislijn te laag om te toetsen")
    p_value = poisson_upper_tail(current, baseline)
    return RiseTest(True, p_value < alpha, baseline, p_value, "")
