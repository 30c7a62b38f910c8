"""An agreement's status as the screens write it (\"te laat\" marked as an error), one function
for the dashboard's written rows, the case page's table and the agreement's page."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.filter
def agreement_status(shown: str) -> SafeString:
    """The shown status (`Agreement.shown`: te_laat, gedaan, geannuleerd or open)."""
    if shown == "te_laat":
        return mark_safe(f'<strong class="error-text">{gettext("te laat")}</strong>')  # noqa: S308 - a fixed text
    if shown == "gedaan":
        return mark_safe(gettext("gedaan"))  # noqa: S308 - a fixed text
    if shown == "geannuleerd":
        return mark_safe(gettext("geannuleerd"))  # noqa: S308 - a fixed text
    return mark_safe(gettext("open"))  # noqa: S308 - a fixed text
