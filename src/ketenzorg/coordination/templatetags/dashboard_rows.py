"""The dashboard's table of cases, written per row in Python (decision 0019).

Through the template engine each of the fifty rows cost about 130 µs (a lookup, an escape and
often a translation per cell, a loop for the coordinators): half of the dashboard's render.
Here the two translated words and the link are made once per page and a row is its values
put in place, escaped as the template escaped them. tests/coordination/test_dashboard_rows.py
holds the output to the template's bytes, in both languages.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from ketenzorg.coordination.models import CareLevel, Case, CaseCoordinator
from ketenzorg.coordination.templatetags.agreement_status import agreement_status
from ketenzorg.core.addresses import uuid_address
from ketenzorg.core.dates import numeric_date, numeric_datetime
from ketenzorg.core.models import choice_label, choice_labels
from ketenzorg.core.written import esc

register = template.Library()

AGREEMENT_SHOWN = 80  # characters of what was agreed


def _marked(word: str) -> str:
    return f' <strong class="error-text">{gettext(word)}</strong>'


def _coordinators(case, roles: dict) -> str:
    return (
        ", ".join(
            f"{esc(c.professional.full_name)} "
            f'<span class="muted">({esc(choice_label(roles, c.role))})</span>'
            for c in case.active_coordinators
        )
        or "—"
    )


@register.filter
def dashboard_case_rows(cases) -> SafeString:
    """The `<tr>` of each case on the dashboard: family (linked), level, coordinators, next
    deadline and overdue agreements, with the stagnation and crisis marks."""
    stagnation, crisis = _marked("stagnatie"), _marked("CRISIS")
    levels = choice_labels(Case._meta.get_field("level"))
    roles = choice_labels(CaseCoordinator._meta.get_field("role"))
    rows = []
    for case in cases:
        address = esc(uuid_address("coordination:detail", case.uuid))
        overdue = case.overdue_agreements
        overdue_cell = f'<strong class="error-text">{overdue}</strong>' if overdue else "0"
        rows.append(
            "\n    <tr>\n"
            f'      <td><a href="{address}">{esc(case.family.name)}</a>'
            f"{stagnation if case.open_signals else ''}</td>\n"
            f"      <td>{esc(choice_label(levels, case.level))}"
            f"{crisis if case.level == CareLevel.CRISIS else ''}</td>\n"
            f"      <td>{_coordinators(case, roles)}</td>\n"
            f"      <td>{numeric_date(case.next_deadline) or '—'}</td>\n"
            f"      <td>{overdue_cell}</td>\n"
            "    </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


@register.filter
def my_agreement_items(agreements) -> SafeString:
    """The `<li>` of each agreement the professional is responsible for (what is due)."""
    by = gettext("uiterlijk")
    items = []
    for a in agreements:
        address = esc(uuid_address("coordination:agreement_detail", a.uuid))
        items.append(
            f'\n  <li><a href="{address}">{esc(Truncator(a.what).chars(AGREEMENT_SHOWN))}</a>'
            f" — {esc(a.case.family.name)}, {by} {numeric_date(a.due_on)}"
            f" ({agreement_status(a.shown)})</li>\n"
        )
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped


@register.filter
def event_items(events) -> SafeString:
    """The `<li>` of each of the newest events in the professional's cases."""
    items = []
    for e in events:
        address = esc(uuid_address("coordination:detail", e.case.uuid))
        actor = f' <span class="muted">({esc(e.actor.full_name)})</span>' if e.actor else ""
        items.append(
            f'\n  <li><span class="muted">{numeric_datetime(e.occurred_at)}</span> '
            f'<a href="{address}">{esc(e.case.family.name)}</a>: {esc(e.summary)}{actor}</li>\n'
        )
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped
