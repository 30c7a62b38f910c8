"""Filters for the rows of long lists, where Django's general ones cost most of a row.

`{{ case.uuid|uuid_url:"coordination:detail" }}` is `{% url "coordination:detail" case.uuid %}`
and `{{ "landing"|address }}` is `{% url "landing" %}`, without a `reverse` per link
(`core.addresses`). `numeric_date`, `numeric_datetime`,
`long_date` and `long_datetime` are `date:"d-m-Y"`, `date:"d-m-Y H:i"`, `date:"j F Y"` and
`date:"j F Y H:i"` without the locale's format lookups (`core.dates`). Built in (`TEMPLATES`'
`builtins`), so every template has them.
"""

from __future__ import annotations

from django import template

from ketenzorg.core import dates
from ketenzorg.core.addresses import uuid_address, view_address

register = template.Library()


@register.filter
def uuid_url(value, viewname: str) -> str:
    """The address of `viewname` for an object's uuid."""
    return uuid_address(viewname, value)


@register.filter
def address(viewname: str) -> str:
    """`{% url viewname %}` for a view without arguments (the page frame's links)."""
    return view_address(viewname)


register.filter("numeric_date", dates.numeric_date, expects_localtime=True)
register.filter("numeric_datetime", dates.numeric_datetime, expects_localtime=True)
register.filter("long_date", dates.long_date, expects_localtime=True)
register.filter("long_datetime", dates.long_datetime, expects_localtime=True)
