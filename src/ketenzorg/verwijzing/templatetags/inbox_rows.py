"""The gebiedsknooppunt inbox's rows, written in Python (decision 0019).

Through the template engine a row cost about 0.1 ms (three plural sentences, two sentences
with values, four choice labels, a link and a date), up to 200 rows a column: more than a
third of the inbox. Here the sentences are translated with the message ids the template used
and the values escaped as it escaped them. tests/verwijzing/test_inbox_rows.py holds the output
to the template's bytes.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from ketenzorg.core.addresses import uuid_address
from ketenzorg.core.dates import long_date
from ketenzorg.core.models import choice_label, choice_labels
from ketenzorg.core.written import esc, number
from ketenzorg.verwijzing.models import Referral, Voorziening

register = template.Library()

WAITING_FOR_PROVIDER = "wacht_op_aanbieder"


def _name(obj) -> str:
    return esc(obj.name) if obj is not None else ""


def _voorziening(referral, labels: dict) -> str:
    v = referral.voorziening
    return (
        f"{esc(choice_label(labels['ijw_category'], v.ijw_category))}; {esc(number(v.volume))} "
        f"{esc(choice_label(labels['unit'], v.unit))} "
        f"{esc(choice_label(labels['frequency'], v.frequency))}"
    )


def _request(referral) -> str:
    if referral.matched_programme:
        return gettext("gematcht: %(name)s (%(provider)s)") % {
            "name": _name(referral.matched_programme),
            "provider": _name(referral.provider),
        }
    if referral.request_kind == "aanbieder":
        return gettext("gekozen door de professional: %(name)s") % {
            "name": _name(referral.requested_programme)
        }
    return gettext("verzoek om een match")


def _wait(row, column_key: str) -> str:
    if column_key == WAITING_FOR_PROVIDER and row.days_since_forwarded is not None:
        days = row.days_since_forwarded
        return ngettext(
            "%(counter)s dag sinds doorgestuurd", "%(counter)s dagen sinds doorgestuurd", days
        ) % {"counter": days}
    if row.days_since_sent is not None:
        days = row.days_since_sent
        return ngettext(
            "%(counter)s dag sinds verzonden", "%(counter)s dagen sinds verzonden", days
        ) % {"counter": days}
    return ""


@register.filter
def inbox_rows(rows, column_key: str) -> SafeString:
    """The `<tr>` of each referral in an inbox column: youth (linked), age, voorziening,
    request, stadsdeel, sent, how long it waits, status."""
    labels = {
        name: choice_labels(Voorziening._meta.get_field(name))
        for name in ("ijw_category", "unit", "frequency")
    }
    states = choice_labels(Referral._meta.get_field("status"))
    out = []
    for row in rows:
        r = row.referral
        address = esc(uuid_address("verwijzing:referral", r.uuid))
        age = ngettext("%(counter)s jaar", "%(counter)s jaar", row.age) % {"counter": row.age}
        out.append(
            "\n  <tr>\n"
            f'    <td><a href="{address}">{esc(r.child.full_name)}</a></td>\n'
            f"    <td>{age}</td>\n"
            f"    <td>{_voorziening(r, labels)}</td>\n"
            f"    <td>{_request(r)}</td>\n"
            f"    <td>{_name(r.stadsdeel)}</td>\n"
            f"    <td>{long_date(r.sent_at)}</td>\n"
            f"    <td>{_wait(row, column_key)}</td>\n"
            f"    <td>{esc(choice_label(states, r.status))}</td>\n"
            "  </tr>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
