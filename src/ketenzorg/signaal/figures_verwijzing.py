"""The referral chain's figures: where referrals stand, and how long each step and each
provider made a family wait. Suppressed like every figure (docs/signaal.md); the waits are
counts per bin, never a mean or a median of a small group.
"""

from __future__ import annotations

from datetime import date

from ketenzorg.signaal import catalogue, queries, queries_verwijzing
from ketenzorg.signaal.figures import (
    TOTAL,
    AreaTree,
    Figure,
    area_node,
    definition_for,
    monthly_tables,
    months_between,
    published,
    table_figure,
    threshold,
)
from ketenzorg.signaal.suppression import suppress


def referrals_by_stage(*, area=None) -> Figure:
    """Referrals standing in each stage of the chain now, for the area and each of its parts."""
    limit = threshold()
    tree = AreaTree(queries.district_tree())
    node = area_node(tree, area)
    columns = list(queries_verwijzing.STAGES)
    cells, lines = tree.release(queries_verwijzing.referrals_by_stage(), columns, additive=True)
    hidden = suppress(cells, lines, limit)
    nodes = [node, *tree.children[node]]
    return Figure(
        key="verwijzingen_per_fase",
        title=str(catalogue.get("verwijzingen_per_fase").title),
        definition=definition_for("verwijzingen_per_fase"),
        rows=tuple(tree.label(n) for n in nodes),
        columns=tuple(columns),
        cells=tuple(tuple(published(cells, hidden, (n, c)) for c in columns) for n in nodes),
        row_totals=tuple(published(cells, hidden, (n, TOTAL)) for n in nodes),
        threshold=limit,
    )


def waits_per_step(first: date, last: date) -> Figure:
    """Each step of the chain: how many referrals took it within a week, two, four, eight."""
    months = months_between(first, last)
    counts = queries_verwijzing.waits_by_step(months[0], last)
    table = monthly_tables(counts, months, queries_verwijzing.WAIT_COLUMNS, threshold())
    # The steps in the chain's order, each shown even when no referral took it in the period.
    order = [s for s in queries_verwijzing.STEP_KEYS if s in table.rows]
    return table_figure("wachttijd_per_stap", _reorder(table, order), first, last)


def waits_per_provider(first: date, last: date) -> Figure:
    """Per provider: from the forwarding to the first contact with the family, in bins."""
    months = months_between(first, last)
    counts = queries_verwijzing.waits_by_provider(months[0], last)
    table = monthly_tables(counts, months, queries_verwijzing.WAIT_COLUMNS, threshold())
    return table_figure("wachttijd_per_aanbieder", table, first, last)


def _reorder(table, order):
    index = [table.rows.index(name) for name in order]
    return type(table)(
        rows=tuple(order),
        columns=table.columns,
        cells=tuple(table.cells[i] for i in index),
        row_totals=tuple(table.row_totals[i] for i in index),
        column_totals=table.column_totals,
        total=table.total,
        threshold=table.threshold,
    )
