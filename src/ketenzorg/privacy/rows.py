"""The break-the-glass overview's rows, written in Python (decision 0019).

Through the template engine a row cost about 0.4 ms: two included templates, four translated
sentences with values (two of them plural), a link per family member. That was most of the
page's time beyond its queries. Here the sentences are translated with the same message ids
the template used (so the translations apply as they did), the values escaped as the template
escaped them. tests/security/test_emergency_rows.py holds the output to the template's bytes.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from ketenzorg.core.addresses import uuid_address
from ketenzorg.core.dates import numeric_date, numeric_datetime
from ketenzorg.core.written import esc

register = template.Library()


@register.filter
def emergency_who(event) -> SafeString:
    """Who broke the glass: the professional and their organisation, or the account's name."""
    return mark_safe(_who(event))  # noqa: S308 - escaped in _who


@register.filter
def emergency_duration(event) -> SafeString:
    """How long the access ran (whole hours), or until when it still runs."""
    return mark_safe(_duration(event))  # noqa: S308 - a translated sentence with a date


def _who(event) -> str:
    professional = event.professional
    if not professional:
        return esc(event.user.get_username())
    return f"{esc(professional.full_name)}, {esc(professional.organisation.name)}"


def _duration(event) -> str:
    if event.active:
        return gettext("loopt nog, tot %(until)s") % {"until": numeric_datetime(event.expires_at)}
    return ngettext("%(hours)s uur", "%(hours)s uur", event.hours) % {"hours": event.hours}


def _members(event) -> str:
    return "".join(
        f'<li><a href="{esc(uuid_address("audit:person_log", person.uuid))}">'
        f"{esc(person.given_name)} {esc(person.family_name)}</a></li>"
        for person in event.family.persons_shown
    )


def _review(event) -> str:
    done = ""
    if event.reviewed:
        first = event.reviews_shown[0] if event.reviews_shown else None
        at = numeric_date(first.reviewed_at) if first is not None else ""
        done = gettext("Beoordeeld op %(at)s") % {"at": at} + "<br>"
    label = gettext("Bekijken") if event.reviewed or not event.may_review else gettext("Beoordelen")
    hidden = gettext("noodtoegang tot %(family)s op %(at)s") % {
        "family": esc(event.family.name),
        "at": numeric_datetime(event.granted_at),
    }
    address = esc(uuid_address("audit:emergency_detail", event.uuid))
    return f'{done}<a href="{address}">{label}<span class="visually-hidden"> {hidden}</span></a>'


@register.filter
def emergency_rows(events) -> SafeString:
    """The `<tr>` of each break of the glass: when, who, family, reason, duration, uses, the
    family members' access logs and the review."""
    rows = []
    for event in events:
        uses = ngettext("%(counter)s keer", "%(counter)s keer", event.uses) % {
            "counter": event.uses
        }
        rows.append(
            "\n    <tr>\n"
            f"      <td>{numeric_datetime(event.granted_at)}</td>\n"
            f"      <td>{_who(event)}\n</td>\n"
            f"      <td>{esc(event.family.name)}</td>\n"
            f"      <td>{esc(event.reason)}</td>\n"
            f"      <td>{_duration(event)}\n</td>\n"
            f"      <td>{uses}</td>\n"
            f'      <td><ul class="action-list">{_members(event)}</ul></td>\n'
            f"      <td>{_review(event)}</td>\n"
            "    </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped
