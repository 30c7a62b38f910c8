"""The counts per month as the figures read them: the same counts as the plain dict."""

from datetime import date

from ketenzorg.signaal.month_counts import MonthCounts

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


def _filled(groups: dict) -> MonthCounts:
    counts = MonthCounts()
    for (month, district, category), n in groups.items():
        counts.add(month, district, category, n)
    return counts


def test_equals_the_dict_of_the_same_counts_and_no_other():
    groups = {(JAN, 7, "opvoeden"): 12, (JAN, None, "opvoeden"): 3, (FEB, 7, ""): 1,
              (FEB, 9, "slapen"): 40}  # fmt: skip
    counts = _filled(groups)
    assert counts == groups
    assert dict(counts) == groups
    assert len(counts) == 4
    assert counts[(JAN, None, "opvoeden")] == 3
    assert counts != {**groups, (FEB, 9, "slapen"): 41}
    assert counts != {k: v for k, v in groups.items() if k[1] is not None}


def test_a_month_is_its_own_groups_without_a_district_as_none():
    counts = _filled({(JAN, 7, "a"): 1, (JAN, None, "b"): 2, (MAR, 7, "a"): 5})
    assert counts.of_month(JAN) == {(7, "a"): 1, (None, "b"): 2}
    assert counts.of_month(MAR) == {(7, "a"): 5}
    assert counts.of_month(FEB) == {}
    assert counts.categories == {"a", "b"}


def test_empty():
    counts = MonthCounts()
    assert counts == {}
    assert counts.categories == set()
    assert counts.of_month(JAN) == {}
