"""The figures of the signal function, after suppression: a caller never gets a small count.

Each figure is one `Figure`: what is counted (its definition, shown beside it), rows and
columns, and the counts as published (None is a hidden cell). The area filter is a node of the
fixed district tree (city > stadsdeel > gebied); the period filter is whole months. Every
published number comes from one release per month that holds all areas at once, linked by
their sums, so no pair of filters can be subtracted to recover a hidden cell
(docs/signaal.md, "Privacy by construction").
"""

from __future__ import annotations

import hashlib
import hmac
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.coordination.models import SignalKind, SignalStatus
from ketenzorg.signaal import catalogue, queries, rules
from ketenzorg.signaal.month_counts import MonthCounts
from ketenzorg.signaal.suppression import Line, Table, combine, suppress, suppress_table

ALL = "all"  # the root of the area tree: everything, including what has no district
TOTAL = "totaal"
REST = "zonder gebied"  # counts on a node itself, not in one of its children (or no district)


def definition_for(key: str, *, first=None, last=None, day=None) -> str:
    """The catalogue's text of what is counted, with the period or day this figure covers."""
    text = catalogue.definition(catalogue.get(key))
    if day is not None:
        text += " " + gettext("Stand op %(day)s.") % {"day": day.isoformat()}
    if first is not None and last is not None:
        text += " " + gettext("Periode %(first)s t/m %(last)s.") % {
            "first": first.isoformat(),
            "last": last.isoformat(),
        }
    elif first is not None:
        text += " " + gettext("Vanaf %(month)s.") % {"month": f"{first:%Y-%m}"}
    return text


def threshold() -> int:
    return int(getattr(settings, "SIGNAL_THRESHOLD", 10))


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    definition: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...] | None
    threshold: int
    extra: dict = field(default_factory=dict)

    def cell(self, row: str, column: str) -> int | None:
        return self.cells[self.rows.index(row)][self.columns.index(column)]


# --- the area tree as lines -------------------------------------------------------------------


class AreaTree:
    """The districts as a tree with a root and, under every inner node, a "rest" child."""

    def __init__(self, districts: dict[int, tuple[str, int | None, str]]):
        # In id order, so that the cells of a release come in the same order in every request
        # (the remembered releases below are keyed on that order).
        districts = dict(sorted(districts.items()))
        self.fingerprint = hashlib.sha256(
            repr([(pk, parent) for pk, (_, parent, _) in districts.items()]).encode()
        ).hexdigest()
        self.names = {pk: name for pk, (_, _, name) in districts.items()}
        self.children: dict = {ALL: []}
        for pk, (_, parent, _) in districts.items():
            self.children.setdefault(parent if parent in districts else ALL, []).append(pk)
            self.children.setdefault(pk, [])
        for node in list(self.children):
            if self.children[node]:
                self.children[node].append(("rest", node))
        for node in [n for n in self.children if self.children[n]]:
            self.children.setdefault(("rest", node), [])
        self.children[ALL].sort(key=str)
        self.parent = {child: node for node, kids in self.children.items() for child in kids}
        self.position = {node: i for i, node in enumerate(self.children)}

    def node_of(self, district_id) -> object:
        """Where a count lands: a leaf itself, else the rest-child of the node it is on."""
        if district_id not in self.names:
            # No districts at all (a network not yet mapped): everything is on the root.
            return ("rest", ALL) if self.children[ALL] else ALL
        if self.children[district_id]:
            return ("rest", district_id)
        return district_id

    def label(self, node) -> str:
        if node == ALL:
            return "totaal"
        if isinstance(node, tuple):
            return REST
        return self.names[node]

    def release(self, counts: dict, categories: Iterable[str], *, additive: bool):
        """The cells (node, category) of the release and the lines between them.

        Only the cells that can be non-zero are in it: a count's leaf and the leaf's ancestors,
        per category (and the total when the categories are `additive`: levels and channels
        add up to the node's total; topics do not, a contact moment may have several). Every
        other cell is a 0 — published as 0, never hidden, in no way different from a 0 the
        suppression meets in a line — so leaving them out changes nothing hidden, and a
        release of a location per column (each location in one gebied) stays small.
        """
        categories = list(categories)
        cells = self.cells(counts, categories, additive=additive)
        return cells, self.lines(cells, categories, additive=additive)

    def suppressed(self, counts: dict, categories: Iterable[str], *, additive: bool, limit: int):
        """The release's cells and the hidden ones among them.

        Which cells a release hides depends on its counts alone, and a month that is over keeps
        its counts, so the hidden set is remembered (the `signaal` cache, on disk, shared by the
        server's processes and filled ahead by the worker: `warm.py`) under a keyed digest of
        everything it depends on: the tree, the columns, the threshold and every cell's count in
        a fixed order. A changed count is another digest, computed afresh: nothing is ever
        shown from an older state. The digest is keyed with the secret key, so the stored
        names cannot be matched against guessed counts. A nation's month of contact moments
        per topic takes about a second to suppress and a few milliseconds to look up.
        """
        categories = list(categories)
        cells = self.cells(counts, categories, additive=additive)
        key = self.release_key(cells, categories, additive=additive, limit=limit)
        store = caches["signaal"]
        remembered = store.get(key)
        if remembered is not None and len(remembered) == (len(cells) + 7) // 8:
            return cells, {
                cell for i, cell in enumerate(cells) if remembered[i >> 3] >> (i & 7) & 1
            }
        hidden = suppress(cells, self.lines(cells, categories, additive=additive), limit)
        flags = bytearray((len(cells) + 7) // 8)
        for i, cell in enumerate(cells):
            if cell in hidden:
                flags[i >> 3] |= 1 << (i & 7)
        store.set(key, bytes(flags))
        return cells, hidden

    def release_key(self, cells: dict, categories: list[str], *, additive: bool, limit: int):
        column = {c: j for j, c in enumerate([*categories, TOTAL])}
        content = array("q")
        for (node, c), value in cells.items():
            content.extend((self.position[node], column[c], value))
        digest = hmac.new(
            settings.SECRET_KEY.encode(),
            repr((self.fingerprint, categories, additive, limit)).encode() + content.tobytes(),
            hashlib.sha256,
        ).hexdigest()
        return f"release:{digest}"

    def cells(self, counts: dict, categories: list[str], *, additive: bool) -> dict:
        """The non-zero cells, rolled up the tree, in the tree's order and then the columns'."""
        column = {c: j for j, c in enumerate([*categories, TOTAL])}
        cells: dict = {}
        for (district_id, category), n in counts.items():
            if not n or category not in column or category == TOTAL:
                continue
            path, node = [], self.node_of(district_id)
            while node is not None:
                path.append(node)
                node = self.parent.get(node)
            for c in [category, TOTAL] if additive else [category]:
                for node in path:
                    cells[(node, c)] = cells.get((node, c), 0) + n
        order = sorted(cells, key=lambda key: (self.position[key[0]], column[key[1]]))
        return {key: cells[key] for key in order}

    def lines(self, cells: dict, categories: list[str], *, additive: bool) -> list[Line]:
        """Per inner node and column, its children add up to it; per node, with `additive`,
        its categories add up to its total. Over the cells of the release only (the rest is 0)."""
        lines = [
            Line(
                tuple((child, c) for child in self.children[node] if (child, c) in cells), (node, c)
            )
            for node, c in cells
            if self.children[node]
        ]
        if additive:
            lines += [
                Line(tuple((node, c) for c in categories if (node, c) in cells), (node, TOTAL))
                for node, c in cells
                if c == TOTAL
            ]
        return lines


def area_node(tree: AreaTree, area) -> object:
    if area is None:
        return ALL
    if area not in tree.names:
        raise ValueError("onbekend gebied")
    return area


def published(cells, hidden, key):
    """A cell as shown: None when hidden; a cell not in the release is a 0."""
    return None if key in hidden else cells.get(key, 0)


def months_between(first: date, last: date) -> list[date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _series(tree, counts, months, categories, area, *, additive, limit):
    """Rows = months: each month its own release of all areas; the selected node's row."""
    node = area_node(tree, area)
    columns = list(categories)
    of_month = _per_month(counts)
    rows, totals = [], []
    for month in months:
        month_counts = of_month(month)
        cells, hidden = tree.suppressed(month_counts, columns, additive=additive, limit=limit)
        rows.append(tuple(published(cells, hidden, (node, c)) for c in columns))
        totals.append(published(cells, hidden, (node, TOTAL)) if additive else None)
    period = tuple(combine(row[j] for row in rows) for j in range(len(columns)))
    return rows, totals, period


def _per_month(counts):
    """month -> {(district, category): n}: a `MonthCounts` has it; a plain dict is grouped once."""
    if isinstance(counts, MonthCounts):
        return counts.of_month
    grouped: dict = {}
    for (month, district, category), n in counts.items():
        grouped.setdefault(month, {})[(district, category)] = n
    return lambda month: grouped.get(month, {})


# --- (a) the care levels against the pyramid ---------------------------------------------------

LEVELS = (1, 2, 3, 4, 5)


def care_levels(*, area=None, day: date | None = None) -> Figure:
    """Open cases per care level for the area and each of its parts, with the pyramid's shares."""
    limit = threshold()
    tree = AreaTree(queries.district_tree())
    node = area_node(tree, area)
    counts = {(d, str(level)): n for (d, level), n in queries.open_cases_by_level(day).items()}
    columns = [str(level) for level in LEVELS]
    cells, hidden = tree.suppressed(counts, columns, additive=True, limit=limit)
    nodes = [node, *tree.children[node]]
    total = published(cells, hidden, (node, TOTAL))
    return Figure(
        key="zorgniveaus",
        title=str(catalogue.get("zorgniveaus").title),
        definition=definition_for("zorgniveaus", day=day),
        rows=tuple(tree.label(n) for n in nodes),
        columns=tuple(columns),
        cells=tuple(tuple(published(cells, hidden, (n, c)) for c in columns) for n in nodes),
        row_totals=tuple(published(cells, hidden, (n, TOTAL)) for n in nodes),
        threshold=limit,
        extra={
            "expected_shares": rules.expected_shares(),
            "expected_counts": rules.expected_counts(total) if total is not None else None,
        },
    )


def care_levels_over_time(first: date, last: date, *, area=None) -> Figure:
    """Open cases per level at the end of each month (the level then, from the case's history)."""
    limit = threshold()
    tree = AreaTree(queries.district_tree())
    months = months_between(first, last)
    counts = {}
    for month in months:  # one GROUP BY per month: the level at each month's end
        month_end = min((month + timedelta(days=32)).replace(day=1) - timedelta(days=1), last)
        for (d, level), n in queries.open_cases_by_level(month_end).items():
            counts[(month, d, str(level))] = n
    columns = [str(level) for level in LEVELS]
    rows, totals, _ = _series(tree, counts, months, columns, area, additive=True, limit=limit)
    return Figure(
        key="zorgniveaus_per_maand",
        title=str(catalogue.get("zorgniveaus_per_maand").title),
        definition=definition_for("zorgniveaus_per_maand", first=first),
        rows=tuple(f"{m:%Y-%m}" for m in months),
        columns=tuple(columns),
        cells=tuple(rows),
        row_totals=tuple(totals),
        threshold=limit,
    )


# --- (b) questions and contact moments ---------------------------------------------------------


def contacts(dimension: str, first: date, last: date, *, area=None) -> Figure:
    """Contact moments per month by channel, topic, age group, outcome or location."""
    if dimension not in queries.CONTACT_DIMENSIONS:
        raise ValueError("onbekende indeling")
    limit = threshold()
    tree = AreaTree(queries.district_tree())
    months = months_between(first, last)
    counts = queries.contacts_by_month(dimension, months[0], last)
    categories = sorted(counts.categories)
    additive = dimension != "topic"
    rows, totals, period = _series(
        tree, counts, months, categories, area, additive=additive, limit=limit
    )
    extra: dict = {"period": period}
    if dimension == "topic" and rows:
        extra["rises"] = {
            c: rules.rises_unusually(rows[-1][j], [row[j] for row in rows[:-1]])
            for j, c in enumerate(categories)
        }
    return Figure(
        key=f"contactmomenten_{dimension}",
        title=str(catalogue.get(f"contactmomenten_{dimension}").title),
        definition=definition_for(f"contactmomenten_{dimension}", first=first),
        rows=tuple(f"{m:%Y-%m}" for m in months),
        columns=tuple(categories),
        cells=tuple(rows),
        row_totals=tuple(totals) if additive else None,
        threshold=limit,
        extra=extra,
    )


# --- (c) the network's working -----------------------------------------------------------------


def convene_times(first: date, last: date, *, area=None, today: date | None = None) -> Figure:
    """Level 3 reached: was the procesoverleg held within the 5 working days?"""
    limit = threshold()
    today = today or timezone.localdate()
    tree = AreaTree(queries.district_tree())
    months = months_between(first, last)
    counts = queries.convene_tasks_by_month(months[0], last, today)
    columns = list(queries.CONVENE_CATEGORIES)
    rows, totals, period = _series(tree, counts, months, columns, area, additive=True, limit=limit)
    return Figure(
        key="procesoverleg_termijn",
        title=str(catalogue.get("procesoverleg_termijn").title),
        definition=definition_for("procesoverleg_termijn", first=first),
        rows=tuple(f"{m:%Y-%m}" for m in months),
        columns=tuple(columns),
        cells=tuple(rows),
        row_totals=tuple(totals),
        threshold=limit,
        extra={"period": period},
    )


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_quarter(day: date) -> date:
    start = _quarter_start(day)
    return date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)


def quarters_for(first: date, last: date, today: date) -> list[date]:
    """The calendar quarters a table figure covers for the months first..last: every quarter
    that begins in them and is over before today. A table over an organisation's or a
    provider's rows is thin in a single month; a quarter is the smallest block in which a city's
    counts mostly pass the threshold, and a fixed block (never a quarter still running, whose
    counts would differ from day to day) is published the same way in every period."""
    quarters, quarter = [], _quarter_start(first)
    while quarter <= last:
        following = _next_quarter(quarter)
        if following <= today:
            quarters.append(quarter)
        quarter = following
    return quarters


def block_tables(counts: dict, blocks: list[date], columns, limit: int) -> Table:
    """Rows × columns over a period: each block (a quarter) its own release, the period their sum.

    `counts` is keyed by (month, row, column); a block's table holds the rows that have counts
    in that block, whatever the filter asked, so a block is suppressed the same way in every
    period that contains it; the period's cells are `combine`d from the blocks' published cells
    (a row absent in a block is a true 0). Two overlapping periods therefore differ only by
    published cells (docs/signaal.md).
    """
    columns = list(columns)
    in_block: dict = {}
    for (month, row, column), n in counts.items():
        key = (_quarter_start(month), row, column)
        in_block[key] = in_block.get(key, 0) + n
    row_names = sorted({r for (b, r, _) in in_block if b in blocks})
    parts: dict = {name: [] for name in row_names}
    row_parts: dict = {name: [] for name in row_names}
    column_parts: list[list] = [[] for _ in columns]
    total_parts = []
    for block in blocks:
        present = sorted({r for (b, r, _) in in_block if b == block})
        if not present:
            continue
        table = suppress_table(
            [[in_block.get((block, r, c), 0) for c in columns] for r in present],
            rows=present,
            columns=columns,
            threshold=limit,
        )
        for i, name in enumerate(present):
            parts[name].append(table.cells[i])
            row_parts[name].append(table.row_totals[i])
        for j in range(len(columns)):
            column_parts[j].append(table.column_totals[j])
        total_parts.append(table.total)
    return Table(
        rows=tuple(row_names),
        columns=tuple(columns),
        cells=tuple(
            tuple(combine(cells[j] for cells in parts[name]) for j in range(len(columns)))
            for name in row_names
        ),
        row_totals=tuple(combine(row_parts[name]) for name in row_names),
        column_totals=tuple(combine(part) for part in column_parts),
        total=combine(total_parts),
        threshold=limit,
    )


def quarterly_figure(key: str, count, columns, first: date, last: date, today=None) -> Figure:
    """A rows × columns figure over the whole quarters of first..last (`quarters_for`);
    `count(first, last)` gives the exact counts per (month, row, column)."""
    today = today or timezone.localdate()
    quarters = quarters_for(first, last, today)
    if quarters:
        end = _next_quarter(quarters[-1]) - timedelta(days=1)
        table = block_tables(count(quarters[0], end), quarters, columns, threshold())
        text = definition_for(key, first=quarters[0], last=end)
    else:
        table = Table((), tuple(columns), (), (), (None,) * len(columns), None, threshold())
        text = definition_for(key, first=first, last=last)
    text += " " + gettext(
        "Geteld over hele kwartalen die voorbij zijn; een kwartaal dat nog loopt telt niet mee."
    )
    return Figure(
        key=key,
        title=str(catalogue.get(key).title),
        definition=text,
        rows=table.rows,
        columns=table.columns,
        cells=table.cells,
        row_totals=table.row_totals,
        threshold=table.threshold,
        extra={"column_totals": table.column_totals, "total": table.total},
    )


def agreements_on_time(first: date, last: date, *, today: date | None = None) -> Figure:
    """Agreements due in the period per responsible organisation, kept on time or not."""
    today = today or timezone.localdate()
    return quarterly_figure(
        "afspraken_op_tijd",
        lambda start, end: queries.agreements_by_organisation(start, end, today),
        queries.AGREEMENT_CATEGORIES,
        first,
        last,
        today,
    )


def stagnation(first: date, last: date, *, area=None) -> Figure:
    """Stagnation signals per month by kind and what became of them."""
    limit = threshold()
    tree = AreaTree(queries.district_tree())
    months = months_between(first, last)
    counts = queries.signals_by_month(months[0], last)
    columns = [f"{k}:{s}" for k in SignalKind.values for s in SignalStatus.values]
    rows, totals, period = _series(tree, counts, months, columns, area, additive=True, limit=limit)
    return Figure(
        key="stagnatiesignalen",
        title=str(catalogue.get("stagnatiesignalen").title),
        definition=definition_for("stagnatiesignalen", first=first),
        rows=tuple(f"{m:%Y-%m}" for m in months),
        columns=tuple(columns),
        cells=tuple(rows),
        row_totals=tuple(totals),
        threshold=limit,
        extra={"period": period},
    )


def escalations(first: date, last: date, *, area=None) -> Figure:
    """Moves to level 4 (brandpuntfunctionaris) or 5 (crisisprotocol) per month."""
    limit = threshold()
    tree = AreaTree(queries.district_tree())
    months = months_between(first, last)
    counts = {
        (m, d, str(level)): n
        for (m, d, level), n in queries.escalations_by_month(months[0], last).items()
    }
    columns = ["4", "5"]
    rows, totals, period = _series(tree, counts, months, columns, area, additive=True, limit=limit)
    return Figure(
        key="opschalingen",
        title=str(catalogue.get("opschalingen").title),
        definition=definition_for("opschalingen", first=first),
        rows=tuple(f"{m:%Y-%m}" for m in months),
        columns=tuple(columns),
        cells=tuple(rows),
        row_totals=tuple(totals),
        threshold=limit,
        extra={"period": period},
    )
