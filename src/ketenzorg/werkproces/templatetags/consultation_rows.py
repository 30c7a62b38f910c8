"""The meedenker's list of consultations, written per row in Python (decision 0019).

Through the template engine each row cost about 0.15 ms (a truncated question, a choice
label, three dates, a sentence with a value): 40 % of the page for the 53 consultations of a
busy meedenker. Here the sentences are translated with the message ids the template used and
the values escaped as it escaped them. tests/werkproces/test_consultation_rows.py holds the
output to the template's bytes.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from ketenzorg.core.addresses import uuid_address
from ketenzorg.core.dates import long_date
from ketenzorg.core.models import choice_label, choice_labels
from ketenzorg.core.written import esc
from ketenzorg.werkproces.models import Consultation

register = template.Library()

QUESTION_SHOWN = 80  # characters


@register.filter
def consultation_rows(consultations, now) -> SafeString:
    """The `<tr>` of each consultation: question (linked), kind, who asked, period, status."""
    running = gettext("loopt")
    kinds = choice_labels(Consultation._meta.get_field("kind"))
    rows = []
    for c in consultations:
        address = esc(uuid_address("werkproces:consultation", c.uuid))
        question = esc(Truncator(c.question).chars(QUESTION_SHOWN))
        status = (
            running
            if c.ends_at > now
            else gettext("afgelopen; bevindingen nog tot %(until)s")
            % {"until": long_date(c.access_until)}
        )
        rows.append(
            "\n  <tr>\n"
            f'    <td><a href="{address}">{question}</a></td>\n'
            f"    <td>{esc(choice_label(kinds, c.kind))}</td>\n"
            f"    <td>{esc(c.asked_by.full_name)}</td>\n"
            f"    <td>{long_date(c.starts_at)} – {long_date(c.ends_at)}</td>\n"
            f"    <td>{status}</td>\n"
            "  </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped
