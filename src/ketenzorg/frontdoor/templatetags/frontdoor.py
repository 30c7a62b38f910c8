"""How an opening moment reads to a parent: "vandaag om 09:00", "morgen om 13:30", "dinsdag 3 maart om 09:00"."""

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_noop

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


# The default topics (migration 0002), marked for the catalogue. Beheer keeps the list and may
# rename or add topics; a name without a translation is shown as typed.
DEFAULT_TOPIC_NAMES = (
    gettext_noop("Slapen"),
    gettext_noop("Eten en drinken"),
    gettext_noop("Huilen en troosten"),
    gettext_noop("Zindelijkheid"),
    gettext_noop("Grenzen stellen"),
    gettext_noop("Driftbuien en boosheid"),
    gettext_noop("Ontwikkeling en gedrag"),
    gettext_noop("Angst en piekeren"),
    gettext_noop("School en leren"),
    gettext_noop("Pesten"),
    gettext_noop("Puberteit"),
    gettext_noop("Vrienden en vrije tijd"),
    gettext_noop("Media en gamen"),
    gettext_noop("Alcohol, roken en drugs"),
    gettext_noop("Relaties en seksualiteit"),
    gettext_noop("Scheiding en samengestelde gezinnen"),
    gettext_noop("Opvoeden samen"),
    gettext_noop("Broers en zussen"),
    gettext_noop("Rouw en verlies"),
    gettext_noop("Geldzorgen en stress thuis"),
    gettext_noop("Veiligheid thuis"),
    gettext_noop("Overig"),
)


@register.filter
def topic_name(topic) -> str:
    """A topic's name in the active language (stored in Dutch; also the forms' option label)."""
    name = getattr(topic, "name", topic) or ""
    return gettext(name) if name else ""
