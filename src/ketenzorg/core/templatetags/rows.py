"""Filters for the rows of long lists, where Django's general ones cost most of a row.

`{{ case.uuid|uuid_url:"coordination:detail" }}` is `{% url "coordination:detail" case.uuid %}`:
the view's address is reversed once per process (and script prefix) with a stand-in uuid, and
each row only puts its own uuid in; `reverse` took 20 µs a link, and the dashboard has a
hundred. `{{ day|numeric_date }}` and `{{ moment|numeric_datetime }}` are `date:"d-m-Y"` and
`date:"d-m-Y H:i"` (local time) without the locale's format lookups, which cost 15 µs a date
even for these formats that have no words in them; `long_date` and `long_datetime` are
`date:"j F Y"` and `date:"j F Y H:i"`, the month's name in the language of the request. Built in (`TEMPLATES`' `builtins`), so every
template has them.
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from uuid import UUID

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.dates import MONTHS

register = template.Library()

_STAND_IN = UUID("00000000-0000-4000-8000-00000000c0de")


@functools.lru_cache(maxsize=512)
def _around(viewname: str, prefix: str, urlconf) -> tuple[str, str]:
    """The view's address before and after its uuid."""
    url = reverse(viewname, args=[_STAND_IN], urlconf=urlconf)
    head, found, tail = url.partition(str(_STAND_IN))
    if not found:
        raise ValueError(f"{viewname} does not take its uuid as it is")
    return head, tail


@register.filter
def uuid_url(value, viewname: str) -> str:
    """The address of `viewname` for an object's uuid."""
    if not isinstance(value, UUID):
        return reverse(viewname, args=[value])
    head, tail = _around(viewname, get_script_prefix(), get_urlconf())
    return f"{head}{value}{tail}"


@register.filter(expects_localtime=True)
def numeric_date(value) -> str:
    """`date:"d-m-Y"`: a date, or a moment's local date; "" for none."""
    if not isinstance(value, date):
        return ""
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


@register.filter(expects_localtime=True)
def numeric_datetime(value) -> str:
    """`date:"d-m-Y H:i"` for a moment, in local time; "" for none."""
    if not isinstance(value, datetime):
        return ""
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d} {value.hour:02d}:{value.minute:02d}"


@register.filter(expects_localtime=True)
def long_date(value) -> str:
    """`date:"j F Y"`: "4 december 2026"; a moment's local date; "" for none."""
    if not isinstance(value, date):
        return ""
    return f"{value.day} {MONTHS[value.month]} {value.year:04d}"


@register.filter(expects_localtime=True)
def long_datetime(value) -> str:
    """`date:"j F Y H:i"` for a moment, in local time; "" for none."""
    if not isinstance(value, datetime):
        return ""
    return f"{value.day} {MONTHS[value.month]} {value.year:04d} {value.hour:02d}:{value.minute:02d}"
