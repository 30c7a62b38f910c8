"""How an opening moment reads to a parent: "vandaag om 09:00", "morgen om 13:30", "dinsdag 3 maart om 09:00"."""

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext

from ketenzorg.frontdoor import rules

register = template.Library()


@register.filter
def opening_moment(moment):
    if moment is None:
        return ""
    local = moment.astimezone(rules.AMSTERDAM)
    today = timezone.localdate()
    at = local.strftime("%H:%M")
    if local.date() == today:
        return gettext("vandaag om %(time)s") % {"time": at}
    if (local.date() - today).days == 1:
        return gettext("morgen om %(time)s") % {"time": at}
    return gettext("%(day)s om %(time)s") % {"day": formats.date_format(local, "l j F"), "time": at}


@register.filter
def hhmm(value):
    return value.strftime("%H:%M") if value else ""


@register.simple_tag
def phone_line():
    """The phone line and whether it is open, for pages whose view does not provide it (the landing page)."""
    from ketenzorg.frontdoor import selectors

    return selectors.phone_line()
