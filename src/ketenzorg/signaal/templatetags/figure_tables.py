"""A figure's table rows, written in Python (decision 0019).

A figure's table is months, steps or areas against its columns: 50 to 200 cells, each with
its row and column named for the browser journey and a hidden count marked. Through the
template engine a cell cost about 15 µs (three values looked up and escaped, a comparison, a
translated title), a tenth of the waiting times' page. Here the title is translated once per
table and every value escaped as the template escaped it; tests/signaal/test_figure_tables.py
holds the output to the template's bytes.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ketenzorg.core.written import esc

register = template.Library()


@register.filter
def table_rows(table, hidden: str) -> SafeString:
    """The `<tr>` of each row of a `display.Table`: its label, then a cell per column, a hidden
    count (`hidden`, e.g. "<10") in an `<abbr>` that says so."""
    title = esc(gettext("verborgen"))
    out = []
    for label, cells in table.lines():
        row = esc(label)
        written = []
        for column, value in cells:
            shown = esc(value)
            if value == hidden:
                shown = f'<abbr title="{title}">{shown}</abbr>'
            written.append(
                f'<td class="number" data-row="{row}" data-column="{esc(column)}">{shown}</td>'
            )
        out.append(f'\n      <tr><th scope="row">{row}</th>{"".join(written)}</tr>\n      ')
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
