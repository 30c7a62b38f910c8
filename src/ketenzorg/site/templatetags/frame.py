"""The page frame's two lists (the menu, the language choice), written in Python (decision
0019): they are on every page, and through the template engine their loops cost about a fifth
of the frame. tests/site/test_frame.py holds the output to the template's bytes."""

from __future__ import annotations

import functools

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaulttags import CsrfTokenNode
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from ketenzorg.core.addresses import view_address
from ketenzorg.core.written import esc

register = template.Library()
_CSRF = CsrfTokenNode()


@register.filter
def menu_items(nav_items) -> SafeString:
    """A `<li>` with a link for each (view name, label) of `site.navigation`."""
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<li><a href="{esc(view_address(name))}">{esc(label)}</a></li>'
            for name, label in nav_items
        )
    )


@register.filter
def language_options(languages, current: str) -> SafeString:
    """An `<option>` for each (code, name) of the languages, the current one selected."""
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<option value="{esc(code)}"{" selected" if code == current else ""}>{esc(name)}</option>'
            for code, name in languages
        )
    )


# --- the frame around every page's blocks ------------------------------------------------------
#
# base.html is these three tags around the title and the content blocks. What they write is
# what the frame's template wrote, byte for byte (tests/site/test_frame.py renders pages with
# both): the text that depends only on the language (the translated labels, the frame's
# addresses, the static files' addresses) is put together once per language, and each page adds
# what is its own (the user's name, the CSRF token, the menu, the messages, the path).
# Through the template engine the frame was about half a millisecond of every page.


@functools.lru_cache(maxsize=16)
def _fixed(language: str, prefix: str, urlconf) -> dict[str, str]:
    """The frame's text for a language (and the request's script prefix and URLconf, which
    the links follow): its parts between the per-page values. The settings it reads (the
    static files' address, the languages) are taken anew when a setting changes."""
    lang = esc(language)
    return {
        "head": (
            f'<!DOCTYPE html>\n\n<html lang="{lang}">\n<head>\n  <meta charset="utf-8">\n'
            '  <meta name="viewport" content="width=device-width, initial-scale=1">\n  <title>'
        ),
        "top": (
            " · ketenzorg</title>\n"
            f'  <link rel="icon" href="{esc(static("ketenzorg/favicon.svg"))}" type="image/svg+xml">\n'
            f'  <link rel="stylesheet" href="{esc(static("ketenzorg/ketenzorg.css"))}">\n'
            """  <meta name="htmx-config" content='{"allowEval": false, "includeIndicatorStyles": false}'>\n"""
            f'  <script src="{esc(static("ketenzorg/htmx.min.js"))}" defer></script>\n'
            "</head>\n<body>\n"
            f'  <a class="skip-link" href="#inhoud">{esc(gettext("Naar de inhoud"))}</a>\n'
            '  <header class="site-header">\n    <div class="wrap header-row">\n'
            f'      <a class="brand" href="{esc(view_address("landing"))}">ketenzorg '
            f'<span class="brand-sub">{esc(gettext("Centrum voor Jeugd en Gezin"))}</span></a>\n      '
        ),
        "user": '\n      <div class="user-box">\n        <span>',
        "logout": (
            "</span>\n"
            f'        <form method="post" action="{esc(view_address("accounts:logout"))}" class="inline">'
        ),
        "logout_end": (
            f'<button type="submit" class="link-button">{esc(gettext("Uitloggen"))}</button>'
            "</form>\n      </div>\n      "
        ),
        "header_end": "\n    </div>\n    ",
        "nav": (
            f'\n    <nav aria-label="{esc(gettext("Hoofdmenu"))}" class="main-nav">\n'
            '      <ul class="wrap">\n        '
        ),
        "nav_end": "\n      </ul>\n    </nav>\n    ",
        "main": '\n  </header>\n  <main id="inhoud" class="wrap" tabindex="-1">\n    ',
        "bottom": (
            "\n  </main>\n"
            '  <footer class="site-footer">\n    <div class="wrap">\n'
            f"      <p>ketenzorg · {esc(gettext('open-source software voor jeugd en gezin'))} · "
            f'<a href="{esc(view_address("glossary:index"))}">{esc(gettext("Begrippenlijst"))}</a></p>\n'
            f'      <form action="{esc(view_address("set_language"))}" method="post" class="inline">'
        ),
        "next": '\n        <input name="next" type="hidden" value="',
        "end": (
            '">\n'
            f'        <label for="taal">{esc(gettext("Taal"))}</label>\n'
            '        <select id="taal" name="language">\n          \n          '
            f"{language_options([(code, gettext(name)) for code, name in settings.LANGUAGES], language)}\n"
            "        </select>\n"
            f'        <button type="submit" class="button-secondary">{esc(gettext("Kies"))}</button>\n'
            "      </form>\n    </div>\n  </footer>\n</body>\n</html>"
        ),
    }


@receiver(setting_changed)
def _forget_the_fixed_frame(**kwargs):
    _fixed.cache_clear()


def _frame() -> dict[str, str]:
    return _fixed(get_language(), get_script_prefix(), get_urlconf())


@register.simple_tag(takes_context=True)
def frame_head(context) -> SafeString:
    """The frame up to the page's title."""
    context["LANGUAGE_CODE"] = get_language()  # as the template's get_current_language set it
    return mark_safe(_frame()["head"])  # noqa: S308 - written escaped


@register.simple_tag(takes_context=True)
def frame_top(context) -> SafeString:
    """After the title up to the page's content: the header with the user and the menu, and
    the messages."""
    fixed = _frame()
    parts = [fixed["top"]]
    user = context.get("user")
    if user is not None and user.is_authenticated:
        parts += [fixed["user"], esc(user.display_name), fixed["logout"],
                  _CSRF.render(context), fixed["logout_end"]]  # fmt: skip
    parts.append(fixed["header_end"])
    nav_items = context.get("nav_items")
    if nav_items:
        parts += [fixed["nav"], menu_items(nav_items), fixed["nav_end"]]
    parts.append(fixed["main"])
    messages = context.get("messages")
    if messages:
        parts.append('\n    <div class="messages" role="status">\n      ')
        parts += [
            f'<p class="message message-{esc(message.tags)}">{esc(message)}</p>'
            for message in messages
        ]
        parts.append("\n    </div>\n    ")
    parts.append("\n    ")
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped


@register.simple_tag(takes_context=True)
def frame_bottom(context) -> SafeString:
    """After the content: the footer with the language choice."""
    fixed = _frame()
    request = context.get("request")
    path = esc(request.get_full_path()) if request is not None else ""
    return mark_safe(  # noqa: S308 - every value is escaped
        f"{fixed['bottom']}{_CSRF.render(context)}{fixed['next']}{path}{fixed['end']}"
    )
