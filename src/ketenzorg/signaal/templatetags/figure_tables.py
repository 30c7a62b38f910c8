"""A figure page's table rows, its table heads and its filters, written in Python (decision
0019).

A figure's table is months, steps or areas against its columns: 50 to 200 cells, each with
its row and column named for the browser journey and a hidden count marked. Through the
template engine a cell cost about 15 µs (three values looked up and escaped, a comparison, a
translated title), a tenth of the waiting times' page. Here the title is translated once per
table and every value escaped as the template escaped it; tests/signaal/test_figure_tables.py
holds the output to the template's bytes. The heads and the filter form's fields (label, hint,
input) were the page's last loops, about a twentieth of its render.
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


@register.filter
def table_head(table) -> SafeString:
    """The `<thead>` of a `display.Table`: its corner, then its columns."""
    columns = "".join(f'<th scope="col">{esc(column)}</th>' for column in table.columns)
    return mark_safe(  # noqa: S308 - every value is escaped
        f'<thead><tr><th scope="col">{esc(table.corner)}</th>{columns}</tr></thead>'
    )


@register.filter
def filter_fields(form) -> SafeString:
    """Each filter of the form with its label, its hint (tied to the input by its id) and its
    input: the period's months and the area."""
    out = []
    for field in form:
        hint = (
            f'<span class="hint" id="{esc(field.auto_id)}_helptext">{esc(field.help_text)}</span>'
            if field.help_text
            else ""
        )
        out.append(
            f'\n    <div class="field">\n'
            f'      <label for="{esc(field.id_for_label)}">{esc(field.label)}</label>\n'
            f"      {hint}\n      {esc(field)}\n    </div>\n    "
        )
    return mark_safe("".join(out))  # noqa: S308 - every value is escaped
