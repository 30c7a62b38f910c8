"""The Jinja2 environment of the template lab: what Django's template language gave the pages.

`bench/template_engines.py` builds Django's own Jinja2 backend with
`OPTIONS["environment"] = "template_lab.environment.environment"`. Every helper is the
project's or Django's own function, so both engines compute the same text; only the calling
convention differs (Jinja2 has no `needs_autoescape`/`expects_localtime` flags, so the
wrappers below pass what Django's template engine would pass).
"""

from __future__ import annotations

import jinja2
from django.conf import settings
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation

from ketenzorg.core.templatetags.ages import leeftijd
from ketenzorg.glossary.templatetags.glossary import begrip


def url(name, *args):
    """`{% url name arg … %}`."""
    return reverse(name, args=args)


def get_available_languages():
    """`{% get_available_languages as LANGUAGES %}`: the names translated, as Django's tag does."""
    return [(code, translation.gettext(name)) for code, name in settings.LANGUAGES]


def date(value, arg=None):
    """`|date:"…"`: Django's engine converts an aware datetime to local time first
    (the filter is registered with `expects_localtime`)."""
    return defaultfilters.date(timezone.template_localtime(value), arg)


@jinja2.pass_eval_context
def linebreaksbr(eval_ctx, value):
    return defaultfilters.linebreaksbr(value, autoescape=eval_ctx.autoescape)


@jinja2.pass_eval_context
def join(eval_ctx, value, arg):
    return defaultfilters.join(value, arg, autoescape=eval_ctx.autoescape)


def environment(**options) -> jinja2.Environment:
    # Django's engine keeps a template's last newline; Jinja2 drops it unless told.
    options.setdefault("keep_trailing_newline", True)
    options["autoescape"] = True
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.i18n"]
    env = jinja2.Environment(**options)  # noqa: S701 (autoescape is on, one line up)
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update(
        url=url,
        static=static,
        get_current_language=translation.get_language,
        get_available_languages=get_available_languages,
        begrip=begrip,
    )
    env.filters.update(
        date=date,
        linebreaksbr=linebreaksbr,
        truncatechars=defaultfilters.truncatechars,
        join=join,
        capfirst=defaultfilters.capfirst,
        leeftijd=leeftijd,
        begrip=begrip,  # also a global: `begrip("term", label)`, as the tag is called
    )
    return env
