"""Dates as the screens and e-mails write them, without the locale's format lookups.

Django's `date_format` and `date` filter look the format up per call (15 µs a date, even
for "d-m-Y", which has no words in it); long lists and the nightly pass's e-mails write
thousands. The same output, tested against Django's: a moment is written in local time.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.dates import MONTHS


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _day_month_year(value: date) -> str:
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


def numeric_date(value) -> str:
    """ "d-m-Y": 04-12-2026; a moment's local date; "" for none."""
    value = _local(value)
    if not isinstance(value, date):
        return ""
    return _day_month_year(value)


def numeric_datetime(value) -> str:
    """ "d-m-Y H:i" for a moment, in local time (converted once, not again for its date);
    "" for none."""
    value = _local(value)
    if not isinstance(value, datetime):
        return ""
    return f"{_day_month_year(value)} {value.hour:02d}:{value.minute:02d}"


def long_date(value) -> str:
    """ "j F Y": 4 december 2026, the month in the active language; "" for none."""
    value = _local(value)
    if not isinstance(value, date):
        return ""
    return f"{value.day} {MONTHS[value.month]} {value.year:04d}"


def long_datetime(value) -> str:
    """ "j F Y H:i" for a moment, in local time; "" for none."""
    value = _local(value)
    if not isinstance(value, datetime):
        return ""
    return f"{long_date(value)} {value.hour:02d}:{value.minute:02d}"
