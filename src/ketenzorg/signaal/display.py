"""A published figure as the dashboard shows it: the chart and the table from the same numbers.

Pure: a `Figure` in, the SVG and the table rows out. The chart is drawn from exactly the cells
the table lists (and the pyramid's shares from exactly its share table), so the two can never
disagree; tests/signaal/test_screens.py and the browser journey check that they do not.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ketenzorg.signaal import charts
from ketenzorg.signaal.catalogue import Entry
from ketenzorg.signaal.figures import Figure


@dataclass(frozen=True)
class Table:
    caption: str
    corner: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (row label, shown cells)

    def lines(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Each row with its cells paired to their column (the template marks both)."""
        return [(label, list(zip(self.columns, cells, strict=True))) for label, cells in self.rows]


# A bar chart marks no rise and leaves no category out; the page asks every figure for both.
NOTHING_MARKED = {"rising": [], "left_out": []}


def hidden_label(figure: Figure) -> str:
    return f"<{figure.threshold}"


def _shown(value, hidden: str) -> str:
    return hidden if value is None else str(value)


def _share(value, total) -> float | None:
    if value is None or not total:
        return None
    return round(100 * value / total, 1)


def _percent(value: float | None, hidden: str) -> str:
    if value is None:
        return hidden
    return charts.number_label(value)


def column_label(entry: Entry, column: str) -> str:
    if entry.key.startswith("zorgniveau") or entry.key == "opschalingen":
        return gettext("niveau %(level)s") % {"level": column}
    if column in entry.labels:
        return str(entry.labels[column])
    return column or gettext("onbekend")


def row_label(entry: Entry, row: str) -> str:
    """A row's key as shown: the steps of the chain have labels; areas, months, names are text."""
    return str(entry.labels.get(row, row))


def build(entry: Entry, figure: Figure) -> dict:
    """{"chart": safe SVG, "tables": [Table, ...], "hidden": "<10", "rising": [...],
    "left_out": [...]}."""
    hidden = hidden_label(figure)
    columns = tuple(column_label(entry, c) for c in figure.columns)
    with_totals = figure.row_totals is not None
    counts = Table(
        caption=str(entry.title),
        corner=gettext("Maand")
        if entry.chart == "line"
        else gettext("Gebied")
        if entry.chart == "pyramid"
        else str(entry.rows_heading),
        columns=columns + ((gettext("totaal"),) if with_totals else ()),
        rows=tuple(
            (
                row_label(entry, row),
                tuple(_shown(v, hidden) for v in figure.cells[i])
                + ((_shown(figure.row_totals[i], hidden),) if with_totals else ()),
            )
            for i, row in enumerate(figure.rows)
        ),
    )
    desc_hidden = gettext("%(hidden)s: verborgen (klein aantal of ter bescherming daarvan).") % {
        "hidden": hidden
    }
    if entry.chart == "pyramid":
        return _pyramid(entry, figure, counts, hidden, desc_hidden)
    if entry.chart == "bars":
        svg = charts.grouped_bars(
            title=str(entry.title),
            desc=gettext("Staafdiagram per %(row)s, een staaf per kolom van de tabel. ")
            % {"row": str(entry.rows_heading).lower()}
            + desc_hidden,
            groups=tuple(row_label(entry, row) for row in figure.rows),
            series=columns,
            values=figure.cells,
            hidden=hidden,
        )
        chart = mark_safe(svg)  # noqa: S308 - every text in it is escaped by charts
        return {"chart": chart, "tables": [counts], "hidden": hidden, **NOTHING_MARKED}
    rises = figure.extra.get("rises") or {}
    last_row = figure.rows[-1] if figure.rows else ""
    marks = [
        (columns[j], last_row)
        for j, c in enumerate(figure.columns)
        if c in rises and rises[c].rises
    ]
    # A category with nothing to draw (every month hidden or 0) would only crowd the legend; it
    # stays in the table and the description names it.
    drawn = [j for j in range(len(columns)) if any(row[j] for row in figure.cells)]
    left_out = [columns[j] for j in range(len(columns)) if j not in drawn]
    desc = gettext(
        "Lijndiagram per maand, een lijn per categorie; een gat is een verborgen maand. "
    )
    if left_out:
        desc += gettext("Niet getekend (elke maand verborgen of 0): %(names)s. ") % {
            "names": ", ".join(left_out)
        }
    svg = charts.line_chart(
        title=str(entry.title),
        desc=desc + desc_hidden,
        x_labels=figure.rows,
        series=[(columns[j], [row[j] for row in figure.cells]) for j in drawn],
        hidden=hidden,
        marks=marks,
    )
    return {
        "chart": mark_safe(svg),  # noqa: S308 - every text in it is escaped by charts
        "tables": [counts],
        "hidden": hidden,
        "rising": [label for label, _ in marks],
        "left_out": left_out,
    }


def _pyramid(entry, figure, counts, hidden, desc_hidden) -> dict:
    """The selected area's share per level against the pyramid's expected share (percent)."""
    total = figure.row_totals[0] if figure.row_totals else None
    expected = figure.extra.get("expected_shares") or {}
    levels = figure.columns
    actual = [_share(v, total) for v in figure.cells[0]] if figure.cells else []
    wanted = [round(100 * expected.get(int(level), 0), 2) for level in levels]
    series = (gettext("werkelijk"), gettext("verwacht (zorgpiramide)"))
    groups = tuple(column_label(entry, c) for c in levels)
    svg = charts.grouped_bars(
        title=gettext("Aandeel per zorgniveau: %(area)s tegen de zorgpiramide")
        % {"area": figure.rows[0] if figure.rows else ""},
        desc=gettext(
            "Staafdiagram: per niveau het werkelijke aandeel van de open casussen en het "
            "verwachte aandeel volgens de zorgpiramide, in procenten. "
        )
        + desc_hidden,
        groups=groups,
        series=series,
        values=list(zip(actual, wanted, strict=True)),
        hidden=hidden,
        unit="%",
    )
    shares = Table(
        caption=gettext("Aandeel per zorgniveau in procenten (%(area)s)")
        % {"area": figure.rows[0] if figure.rows else ""},
        corner=gettext("Niveau"),
        columns=series,
        rows=tuple(
            (groups[j], (_percent(actual[j], hidden), _percent(wanted[j], hidden)))
            for j in range(len(levels))
        ),
    )
    chart = mark_safe(svg)  # noqa: S308 - every text in it is escaped by charts
    return {"chart": chart, "tables": [shares, counts], "hidden": hidden, **NOTHING_MARKED}
