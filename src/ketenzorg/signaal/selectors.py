"""The figures for a manager or the governance tiers: asked at the door, logged, suppressed.

A figure is computed only after the guard allowed it, so a refused user costs no query. The
export is the same figure as a CSV, logged as an export (NEN 7513: what left the system).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from ketenzorg.audit.models import Action
from ketenzorg.signaal import catalogue, figures, figures_verwijzing, guards
from ketenzorg.signaal.figures import Figure

HIDDEN = "<{threshold}"
OVERVIEW = "overzicht"


def compute(name: str, **filters) -> Figure:
    """The published figure, without the door: for the selectors below, which ask it first, and
    for the worker's warming (`warm.py`), which shows nothing to anyone."""
    functions = {
        "zorgniveaus": figures.care_levels,
        "zorgniveaus_per_maand": figures.care_levels_over_time,
        "contactmomenten": figures.contacts,
        "procesoverleg_termijn": figures.convene_times,
        "afspraken_op_tijd": figures.agreements_on_time,
        "stagnatiesignalen": figures.stagnation,
        "opschalingen": figures.escalations,
        "verwijzingen_per_fase": figures_verwijzing.referrals_by_stage,
        "wachttijd_per_stap": figures_verwijzing.waits_per_step,
        "wachttijd_per_aanbieder": figures_verwijzing.waits_per_provider,
    }
    if name not in functions:
        raise ValueError("onbekend figuur")
    return functions[name](**filters)


def _describe(filters: dict) -> str:
    return ", ".join(
        f"{k}={v.isoformat() if isinstance(v, date) else v}" for k, v in sorted(filters.items())
    )


def figure_view(*, actor, name: str, **filters) -> Figure:
    """One figure for the dashboard; the look is logged with its filters."""
    guards.figures_allowed(actor=actor, figure=name, reason=_describe(filters))
    return compute(name, **filters)


def overview(*, actor):
    """The list of figures and their definitions: the door first, so a refusal is logged."""
    guards.figures_allowed(actor=actor, figure=OVERVIEW, reason="overzicht")
    return catalogue.ENTRIES


def filters_refused(*, actor, name: str) -> None:
    """Bad filters: no figure is computed, but the door still decides (and logs a refusal)
    before the user learns what was wrong with the input."""
    guards.figures_allowed(actor=actor, figure=name, reason="ongeldige filters")


def figure_export(*, actor, name: str, **filters) -> str:
    """The figure as CSV (hidden cells as "<threshold"), logged as an export."""
    guards.figures_allowed(
        actor=actor, figure=name, action=Action.EXPORT, reason=_describe(filters)
    )
    figure = compute(name, **filters)
    return figure_csv(figure)


def figure_csv(figure: Figure) -> str:
    hidden = HIDDEN.format(threshold=figure.threshold)

    def shown(value):
        return hidden if value is None else value

    out = io.StringIO()
    writer = csv.writer(out)
    header = ["", *figure.columns]
    if figure.row_totals is not None:
        header.append("totaal")
    writer.writerow(header)
    for i, row in enumerate(figure.cells):
        line = [figure.rows[i], *(shown(v) for v in row)]
        if figure.row_totals is not None:
            line.append(shown(figure.row_totals[i]))
        writer.writerow(line)
    writer.writerow([])
    writer.writerow([f"# {figure.definition}"])
    return out.getvalue()
