"""Showing a proposal's and the history's values: labels for codes, names for people."""

from django import template
from django.utils.translation import gettext

from ketenzorg.aanbod.models import AccessRoute, Audience, IjwCategory, ProgrammeStatus

register = template.Library()

CHOICES = {
    "audience": dict(Audience.choices),
    "access_route": dict(AccessRoute.choices),
    "ijw_category": dict(IjwCategory.choices),
    "status": dict(ProgrammeStatus.choices),
}


@register.filter
def get_label(labels: dict, name: str) -> str:
    return labels.get(name, name)


@register.filter
def shown(value, name: str) -> str:
    if value in (None, "", []):
        return "—"
    if name in CHOICES:
        return str(CHOICES[name].get(value, value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


@register.filter
def person(user) -> str:
    """Who did it: the professional's name, or the account name; nobody for a system change."""
    if user is None:
        return gettext("het systeem")
    professional = getattr(user, "professional", None)
    return professional.full_name if professional is not None else user.get_username()
