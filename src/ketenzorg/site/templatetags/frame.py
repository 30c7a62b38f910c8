"""The page frame's two lists (the menu, the language choice), written in Python (decision
0019): they are on every page, and through the template engine their loops cost about a fifth
of the frame. tests/site/test_frame.py holds the output to the template's bytes."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from ketenzorg.core.addresses import view_address
from ketenzorg.core.written import esc

register = template.Library()


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
