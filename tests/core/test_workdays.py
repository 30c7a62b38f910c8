from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketenzorg.core import workdays


@pytest.mark.parametrize(
    "start,count,expected",
    [
        (date(2026, 12, 23), 5, date(2026, 12, 31)),  # Kerst: 25 and 26 December, weekend
        (
            date(2026, 4, 2),
            2,
            date(2026, 4, 7),
        ),  # Goede Vrijdag is a working day, Easter Monday is not
        (date(2026, 4, 24), 1, date(2026, 4, 28)),  # Friday -> weekend -> Koningsdag (Mon 27 April)
        (date(2026, 11, 20), 5, date(2026, 11, 27)),  # an ordinary week
        (date(2026, 11, 23), 0, date(2026, 11, 23)),
    ],
)
def test_add_working_days(start, count, expected):
    assert workdays.add_working_days(start, count) == expected


def test_holidays_have_dutch_names():
    assert workdays.holiday_name(date(2026, 4, 27)) == "Koningsdag"
    assert workdays.holiday_name(date(2026, 4, 6)) == "Tweede paasdag"
    assert not workdays.is_working_day(date(2026, 12, 25))
    assert workdays.is_working_day(
        date(2026, 4, 3)
    )  # Goede Vrijdag is not in the Algemene termijnenwet
    assert (
        workdays.holiday_name(date(2026, 5, 5)) == "Bevrijdingsdag"
    )  # every year, not only lustrum years


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    st.integers(min_value=0, max_value=40),
)
def test_result_is_a_working_day_and_counts_back(start, count):
    end = workdays.add_working_days(start, count)
    if count:
        assert workdays.is_working_day(end)
    assert workdays.working_days_between(start, end) == count
