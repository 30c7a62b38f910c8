"""`{{ person.birthdate|leeftijd }}`: an age as people say it, the same on every page.

A baby is "7 maanden", not "0 jaar": up to two years in months (as the JGZ counts),
then in years. An age in whole years (the front door asks a parent for one, "0" for
under one) is "jonger dan 1 jaar" or "N jaar".
"""

from __future__ import annotations

from datetime import date

from django import template
from django.utils import timezone
from django.utils.translation import gettext, ngettext

register = template.Library()

MONTHS_UP_TO = 24


def describe_age(value, today: date) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        months = (today.year - value.year) * 12 + today.month - value.month
        if today.day < value.day:
            months -= 1
        if months < MONTHS_UP_TO:
            return ngettext("%(months)s maand", "%(months)s maanden", months) % {"months": months}
        years = months // 12
    else:
        years = int(value)
        if years == 0:
            return gettext("jonger dan 1 jaar")
    return ngettext("%(years)s jaar", "%(years)s jaar", years) % {"years": years}


@register.filter
def leeftijd(value) -> str:
    """A birthdate, or an age in whole years."""
    return describe_age(value, timezone.localdate())
