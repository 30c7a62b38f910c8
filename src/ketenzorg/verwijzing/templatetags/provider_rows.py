"""The provider's list of referrals, its rows written in Python (decision 0019).

Through the template engine a row cost about 0.25 ms (a plural sentence, three sentences with
values, four choice labels, a long date and how long the referral waits): on PostgreSQL a list
of eight was a fifth of the page. Here the sentences are translated with the message ids the
template used and the values escaped as it escaped them. tests/verwijzing/test_provider_rows.py
holds the output to the template's bytes.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext

from ketenzorg.core.addresses import uuid_address
from ketenzorg.core.dates import long_date, long_datetime
from ketenzorg.core.models import choice_label, choice_labels
from ketenzorg.core.written import esc, number
from ketenzorg.verwijzing.models import Referral, Voorziening

register = template.Library()

NEW = "nieuw"  # the group whose rows say how long they wait


def _voorziening(v, labels: dict) -> str:
    return (
        f"{esc(choice_label(labels['ijw_category'], v.ijw_category))}: {esc(number(v.volume))} "
        f"{esc(choice_label(labels['unit'], v.unit))} "
        f"{esc(choice_label(labels['frequency'], v.frequency))}"
    )


def _forwarded(r, group: str, now) -> str:
    if not r.forwarded_at:
        return "—"
    when = long_datetime(r.forwarded_at)
    if group != NEW:
        return when
    waited = gettext("wacht %(waited)s") % {"waited": esc(_waited(r.forwarded_at, now))}
    return f'{when}<br><span class="muted">{waited}</span>'


def _waited(since, now) -> str:
    """The `timesince` filter: nothing for a value it cannot compare."""
    try:
        return timesince(since, now)
    except (ValueError, TypeError):
        return ""


def _documents(state, kinds: dict) -> str:
    out = [
        f"{kinds.get(kind, kinds[None])}: "
        + gettext("aangevraagd op %(when)s") % {"when": esc(long_date(when))}
        + "<br>"
        for kind, when in state.requested.items()
    ]
    released = gettext("vrijgegeven")
    out += [f"{kinds.get(kind, kinds[None])}: {released}<br>" for kind in state.released]
    if not state.requested and not state.released:
        out.append(f'<span class="muted">{gettext("niet opgevraagd")}</span>')
    return "".join(out)


@register.simple_tag
def provider_rows(rows, group: str, now) -> SafeString:
    """The `<tr>` of each referral: the youth (linked) and age, the programme, the
    voorziening, when it was forwarded (and in the group "nieuw" how long it waits), the
    status and the documents asked for or released."""
    labels = {
        name: choice_labels(Voorziening._meta.get_field(name))
        for name in ("ijw_category", "unit", "frequency")
    }
    states = choice_labels(Referral._meta.get_field("status"))
    kinds = {"perspectiefplan": gettext("perspectiefplan"), None: gettext("voorziening")}
    out = []
    for row in rows:
        r = row.referral
        address = esc(uuid_address("verwijzing:referral", r.uuid))
        age = ngettext("%(age)s jaar", "%(age)s jaar", row.age) % {"age": row.age}
        programme = r.matched_programme.name if r.matched_programme else ""
        out.append(
            "\n  <tr>\n"
            f'    <td><a href="{address}">{esc(r.child.full_name)}</a> '
            f'<span class="muted">({age})</span></td>\n'
            f"    <td>{esc(programme) if programme else '—'}</td>\n"
            f"    <td>{_voorziening(r.voorziening, labels)}</td>\n"
            f"    <td>{_forwarded(r, group, now)}</td>\n"
            f"    <td>{esc(choice_label(states, r.status))}</td>\n"
            f"    <td>{_documents(row.documents, kinds)}</td>\n"
            "  </tr>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
