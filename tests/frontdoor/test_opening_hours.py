"""Open now / opens next: weekends, Dutch holidays, the 16:30 boundary, summer and winter time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ketenzorg.core import workdays
from ketenzorg.frontdoor import rules
from ketenzorg.frontdoor.rules import AMSTERDAM, Schedule, Slot, phone_schedule, status_at

PHONE = phone_schedule()


def local(y, m, d, hh=0, mm=0, ss=0):
    return datetime(y, m, d, hh, mm, ss, tzinfo=AMSTERDAM)


def utc(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


# --- the phone line: working days 09:00–16:30 -------------------------------------------------


def test_open_on_a_working_day_until_half_past_four():
    status = status_at(PHONE, local(2026, 3, 3, 10, 0))
    assert status.is_open
    assert status.open_until == local(2026, 3, 3, 16, 30)
    assert status.next_opening == local(2026, 3, 4, 9, 0)


def test_the_1630_boundary_is_closed():
    assert status_at(PHONE, local(2026, 3, 3, 16, 29, 59)).is_open
    at_close = status_at(PHONE, local(2026, 3, 3, 16, 30))
    assert not at_close.is_open
    assert at_close.next_opening == local(2026, 3, 4, 9, 0)


def test_nine_oclock_opens_and_a_minute_before_does_not():
    before = status_at(PHONE, local(2026, 3, 3, 8, 59))
    assert not before.is_open and before.next_opening == local(2026, 3, 3, 9, 0)
    assert status_at(PHONE, local(2026, 3, 3, 9, 0)).is_open


def test_friday_evening_and_the_weekend_wait_for_monday():
    monday = local(2026, 3, 9, 9, 0)
    assert status_at(PHONE, local(2026, 3, 6, 17, 0)).next_opening == monday
    saturday = status_at(PHONE, local(2026, 3, 7, 11, 0))
    assert not saturday.is_open and saturday.next_opening == monday
    assert status_at(PHONE, local(2026, 3, 8, 23, 59)).next_opening == monday


def test_koningsdag_closes_the_line_and_says_why():
    status = status_at(PHONE, local(2026, 4, 27, 10, 0))  # Monday
    assert not status.is_open
    assert status.today_note == "Koningsdag"
    assert status.next_opening == local(2026, 4, 28, 9, 0)


def test_bevrijdingsdag_closes_every_year_and_goede_vrijdag_does_not():
    assert not status_at(PHONE, local(2026, 5, 5, 10, 0)).is_open  # Tuesday, not a lustrum year
    assert status_at(
        PHONE, local(2026, 4, 3, 10, 0)
    ).is_open  # Goede vrijdag: not in the Termijnenwet


def test_christmas_and_the_weekend_after_it():
    status = status_at(PHONE, local(2026, 12, 24, 17, 0))
    assert status.next_opening == local(2026, 12, 28, 9, 0)
    assert status_at(PHONE, local(2026, 12, 25, 10, 0)).today_note == "Eerste kerstdag"


def test_ascension_and_whit_monday_hop_over_several_days():
    # Hemelvaartsdag 2026 is Thursday 14 May; the Friday after is a working day.
    assert status_at(PHONE, local(2026, 5, 13, 17, 0)).next_opening == local(2026, 5, 15, 9, 0)
    # Tweede pinksterdag 2026 is Monday 25 May.
    assert status_at(PHONE, local(2026, 5, 22, 16, 45)).next_opening == local(2026, 5, 26, 9, 0)


# --- summer and winter time -----------------------------------------------------------------


def test_last_sunday_of_march_the_opening_stays_at_nine_local():
    # Summer time starts Sunday 29 March 2026 at 02:00 -> 03:00.
    friday = status_at(PHONE, utc(2026, 3, 27, 16, 0))  # 17:00 CET
    assert not friday.is_open
    assert friday.next_opening == local(2026, 3, 30, 9, 0)
    assert friday.next_opening.astimezone(UTC) == utc(2026, 3, 30, 7, 0)  # 09:00 CEST
    assert not status_at(PHONE, utc(2026, 3, 30, 6, 59)).is_open
    monday = status_at(PHONE, utc(2026, 3, 30, 7, 0))
    assert monday.is_open and monday.open_until.astimezone(UTC) == utc(2026, 3, 30, 14, 30)
    assert not status_at(PHONE, utc(2026, 3, 30, 14, 30)).is_open
    # The week before, 09:00 was 08:00 UTC.
    assert not status_at(PHONE, utc(2026, 3, 27, 7, 30)).is_open
    assert status_at(PHONE, utc(2026, 3, 27, 8, 0)).is_open


def test_last_sunday_of_october_the_closing_stays_at_half_past_four_local():
    # Winter time starts Sunday 25 October 2026 at 03:00 -> 02:00.
    assert status_at(PHONE, utc(2026, 10, 23, 14, 29)).is_open  # 16:29 CEST
    assert not status_at(PHONE, utc(2026, 10, 23, 14, 30)).is_open  # 16:30 CEST
    friday = status_at(PHONE, utc(2026, 10, 23, 15, 0))
    assert friday.next_opening.astimezone(UTC) == utc(2026, 10, 26, 8, 0)  # 09:00 CET
    assert status_at(PHONE, utc(2026, 10, 26, 15, 29)).is_open  # 16:29 CET
    assert not status_at(PHONE, utc(2026, 10, 26, 15, 30)).is_open  # 16:30 CET


def test_a_slot_in_the_hour_that_does_not_exist_still_has_a_real_start():
    night = Schedule(weekly={6: (Slot(time(2, 30), time(4, 0)),)}, closed_on_holidays=False)
    status = status_at(night, local(2026, 3, 28, 12, 0))
    # 02:30 does not exist on 29 March; the slot starts when the clock jumps, at 03:30 CEST.
    assert status.next_opening.astimezone(UTC) == utc(2026, 3, 29, 1, 30)
    assert status_at(night, utc(2026, 3, 29, 1, 45)).is_open


# --- walk-in schedules with exceptions ----------------------------------------------------------

TUESDAY_MORNING = Schedule(weekly={1: (Slot(time(9), time(11)),)})


def test_an_exception_closes_a_usual_day():
    closed = Schedule(weekly=TUESDAY_MORNING.weekly, exceptions={date(2026, 3, 3): ()})
    status = status_at(closed, local(2026, 3, 3, 10, 0))
    assert not status.is_open and status.today_note == "gesloten"
    assert status.next_opening == local(2026, 3, 10, 9, 0)


def test_an_exception_can_open_on_a_holiday_or_change_hours():
    kingsday_tuesday = date(2027, 4, 27)
    assert kingsday_tuesday.weekday() == 1
    assert not status_at(TUESDAY_MORNING, local(2027, 4, 27, 10, 0)).is_open
    opened = Schedule(
        weekly=TUESDAY_MORNING.weekly, exceptions={kingsday_tuesday: (Slot(time(13), time(14)),)}
    )
    assert not status_at(opened, local(2027, 4, 27, 10, 0)).is_open
    assert status_at(opened, local(2027, 4, 27, 13, 30)).is_open


def test_back_to_back_slots_read_as_one_opening():
    schedule = Schedule(
        weekly={1: (Slot(time(9), time(11)), Slot(time(11), time(12)), Slot(time(14), time(15)))}
    )
    status = status_at(schedule, local(2026, 3, 3, 10, 0))
    assert status.open_until == local(2026, 3, 3, 12, 0)
    assert status.next_opening == local(2026, 3, 3, 14, 0)


def test_no_hours_means_closed_until_further_notice():
    status = status_at(Schedule(), local(2026, 3, 3, 10, 0))
    assert not status.is_open and status.next_opening is None


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        status_at(PHONE, datetime(2026, 3, 3, 10, 0))


def test_rows_become_a_schedule_and_changes_list_holidays_and_exceptions():
    schedule = rules.schedule_from_rows(
        [(0, time(9), time(11)), (0, time(13), time(14))],
        [(date(2026, 5, 4), True, None, None), (date(2026, 5, 11), False, time(10), time(12))],
    )
    assert schedule.weekly[0] == (Slot(time(9), time(11)), Slot(time(13), time(14)))
    changes = rules.upcoming_changes(schedule, date(2026, 4, 27), days=21)
    assert [(d, note) for d, note, _ in changes] == [
        (date(2026, 4, 27), "Koningsdag"),
        (date(2026, 5, 4), "gesloten"),
        (date(2026, 5, 11), "afwijkende tijden"),
    ]


def test_age_groups_and_postcodes():
    assert [rules.age_group_for(a) for a in (0, 3, 4, 11, 12, 17, 18, 23, 24, None)] == [
        "0-4", "0-4", "4-12", "4-12", "12-18", "12-18", "18-23", "18-23", "onbekend", "onbekend",
    ]  # fmt: skip
    assert rules.postcode_digits("9911 ab") == "9911" and rules.postcode_digits("9911") == "9911"
    assert rules.postcode_digits("99") is None and rules.postcode_digits("Demostad") is None


def test_the_abuse_window_is_fixed_and_says_when_to_retry():
    moment = utc(2026, 3, 3, 10, 20)
    assert rules.window_start(moment) == utc(2026, 3, 3, 10, 0)
    assert rules.retry_after_seconds(moment) == 40 * 60


# --- properties ---------------------------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)


def _phone_open_by_definition(moment: datetime) -> bool:
    here = moment.astimezone(AMSTERDAM)
    return workdays.is_working_day(here.date()) and time(9) <= here.time() < time(16, 30)


@settings(max_examples=400, deadline=None)
@given(moments)
def test_phone_is_open_exactly_on_working_days_from_nine_to_half_past_four(moment):
    assert status_at(PHONE, moment).is_open == _phone_open_by_definition(moment)


@settings(max_examples=300, deadline=None)
@given(moments)
def test_the_next_opening_is_the_first_moment_it_is_open(moment):
    status = status_at(PHONE, moment)
    opening = status.next_opening
    assert opening is not None and opening > moment
    here = opening.astimezone(AMSTERDAM)
    assert here.time() == time(9) and workdays.is_working_day(here.date())
    assert status_at(PHONE, opening).is_open
    assert not status_at(PHONE, opening - timedelta(seconds=1)).is_open
    if not status.is_open:
        # Nothing opens in between: the working day before the next opening (if after now) is not one.
        day = moment.astimezone(AMSTERDAM).date() + timedelta(days=1)
        while day < here.date():
            assert not workdays.is_working_day(day)
            day += timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(moments)
def test_while_open_it_stays_open_until_half_past_four_local(moment):
    status = status_at(PHONE, moment)
    if status.is_open:
        until = status.open_until.astimezone(AMSTERDAM)
        assert until.time() == time(16, 30) and until.date() == moment.astimezone(AMSTERDAM).date()
        assert status_at(PHONE, status.open_until - timedelta(seconds=1)).is_open
        assert not status_at(PHONE, status.open_until).is_open


slot_times = st.tuples(
    st.integers(7, 19), st.sampled_from([0, 15, 30, 45]), st.integers(15, 180)
).map(
    lambda t: Slot(
        time(t[0], t[1]), (datetime(2000, 1, 1, t[0], t[1]) + timedelta(minutes=t[2])).time()
    )
)
weekly = st.dictionaries(st.integers(0, 6), slot_times.map(lambda s: (s,)), max_size=7)


@settings(max_examples=300, deadline=None)
@given(weekly, moments, st.booleans())
def test_walk_in_open_matches_its_week_and_holidays(week, moment, closed_on_holidays):
    schedule = Schedule(weekly=week, closed_on_holidays=closed_on_holidays)
    here = moment.astimezone(AMSTERDAM)
    holiday = closed_on_holidays and bool(workdays.holiday_name(here.date()))
    expected = not holiday and any(
        s.opens <= here.time() < s.closes for s in week.get(here.weekday(), ())
    )
    status = status_at(schedule, moment)
    assert status.is_open == expected
    if status.next_opening is not None:
        assert status.next_opening > moment
        assert status_at(schedule, status.next_opening).is_open
        # The wall-clock opening time is the one in the week, summer or winter.
        opening = status.next_opening.astimezone(AMSTERDAM)
        assert opening.time() in {s.opens for s in week.get(opening.weekday(), ())}
    elif week:
        # Only holidays can hide every slot for the whole look-ahead; with a week of hours that never happens.
        raise AssertionError(
            "a schedule with weekly hours always opens again within the look-ahead"
        )
