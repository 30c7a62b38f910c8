"""The referral chain's figures: where referrals stand, and how long each step and each
provider made a family wait. Suppressed like every figure (docs/signaal.md); the waits are
counts per bin, never a mean or a median of a small group.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ketenzorg.signaal import catalogue, queries, queries_verwijzing
from ketenzorg.signaal.figures import (
    TOTAL,
    AreaTree,
    Figure,
    area_node,
    definition_for,
    published,
    quarterly_figure,
    threshold,
)


def referrals_by_stage(*, area=None) -> Figure:
    """Referrals standing in each stage of the chain now, for the area and each of its parts."""
    limit = threshold()
    tree = AreaTree(queries.district_tree())
    node = area_node(tree, area)
    columns = list(queries_verwijzing.STAGES)
    cells, hidden = tree.suppressed(
        queries_verwijzing.referrals_by_stage(), columns, additive=True, limit=limit
    )
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


def waits_per_step(first: date, last: date, *, today: date | None = None) -> Figure:
    """Each step of the chain: how many referrals took it within a week, two, four, eight."""
    figure = quarterly_figure(
        "wachttijd_per_stap",
        queries_verwijzing.waits_by_step,
        queries_verwijzing.WAIT_COLUMNS,
        first,
        last,
        today,
    )
    # The steps in the chain's order (the table sorts its rows by name).
    order = [figure.rows.index(s) for s in queries_verwijzing.STEP_KEYS if s in figure.rows]
    return replace(
        figure,
        rows=tuple(figure.rows[i] for i in order),
        cells=tuple(figure.cells[i] for i in order),
        row_totals=tuple(figure.row_totals[i] for i in order),
    )


def waits_per_provider(first: date, last: date, *, today: date | None = None) -> Figure:
    """Per provider: from the forwarding to the first contact with the family, in bins."""
    return quarterly_figure(
        "wachttijd_per_aanbieder",
        queries_verwijzing.waits_by_provider,
        queries_verwijzing.WAIT_COLUMNS,
        first,
        last,
        today,
    )
