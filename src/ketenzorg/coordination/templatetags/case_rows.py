"""The case page's busiest tables, written per row in Python (decision 0019): the family's
members, the involved professionals, the meetings, the agreements and who keeps them, and the
case's history.

Through the template engine an involvement's row cost about 130 µs (a two-uuid `{% url %}`,
two dates, a translated default, six lookups): the six rows of a busy case were a sixth of the
case page's render, the agreements and their keepers another tenth. Here the fixed texts are
translated with the message ids the template used, once per table, and the values escaped as
it escaped them. tests/coordination/test_case_rows.py holds the output to the template's
bytes, in both languages.
"""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from ketenzorg.coordination.models import Meeting, MeetingStatus
from ketenzorg.coordination.templatetags.agreement_status import agreement_status
from ketenzorg.core.addresses import uuid_address, uuids_address
from ketenzorg.core.dates import numeric_date, numeric_datetime
from ketenzorg.core.models import choice_label, choice_labels
from ketenzorg.core.templatetags.ages import describe_age
from ketenzorg.core.written import esc, lines, number
from ketenzorg.families.models import Person

register = template.Library()

WHAT_SHOWN, NOTE_SHOWN = 100, 60  # characters of what was agreed, and of a check-in's note


@register.filter
def involvement_rows(involvements, case) -> SafeString:
    """The `<tr>` of each involvement: the professional, the organisation, the member (or the
    family), the capacity, since, until, and for a running one on an open case the link to end
    it; the one row that says no one is involved when there are none."""
    if not involvements:
        return mark_safe(  # noqa: S308 - a fixed text of ours
            f'<tr><td colspan="7">{gettext("Niemand betrokken.")}</td></tr>\n  '
        )
    family, end = gettext("het gezin"), gettext("Beëindigen")
    out = []
    for inv in involvements:
        name = esc(inv.professional.full_name)
        member = inv.person.given_name if inv.person is not None else ""
        ending = ""
        if case.is_open and not inv.ended_on:
            address = esc(uuids_address("coordination:involvement_end", case.uuid, inv.uuid))
            ending = (
                f'\n        <a href="{address}">{end}'
                f'<span class="visually-hidden"> {name}</span></a>'
            )
        out.append(
            "\n    <tr>\n"
            f"      <td>{name}</td><td>{esc(inv.organisation.name)}</td>"
            f"<td>{esc(member) if member else family}</td>"
            f"<td>{esc(inv.capacity) if inv.capacity else '—'}</td>"
            f"<td>{numeric_date(inv.started_on)}</td>"
            f"<td>{numeric_date(inv.ended_on) or '—'}</td>\n"
            f"      <td>{ending}</td>\n"
            "    </tr>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


@register.filter
def agreement_rows(agreements) -> SafeString:
    """The `<tr>` of each agreement: what (linked), who is responsible, the date, the status and
    the last check-in; the one row that says there are none yet."""
    if not agreements:
        return mark_safe(  # noqa: S308 - a fixed text of ours
            f'<tr><td colspan="5">{gettext("Nog geen afspraken.")}</td></tr>\n  '
        )
    out = []
    for a in agreements:
        who = a.responsible_professional
        checkin = a.last_checkin
        last = (
            f"{numeric_date(checkin.created_at)}: {esc(Truncator(checkin.note).chars(NOTE_SHOWN))}"
            if checkin
            else "—"
        )
        out.append(
            "\n    <tr>\n"
            f'      <td><a href="{esc(uuid_address("coordination:agreement_detail", a.uuid))}">'
            f"{esc(Truncator(a.what).chars(WHAT_SHOWN))}</a></td>\n"
            f"      <td>{f'{esc(who.full_name)}, ' if who else ''}"
            f"{esc(a.responsible_organisation.name)}</td>\n"
            f"      <td>{numeric_date(a.due_on)}</td>\n"
            f"      <td>{agreement_status(a.shown)}</td>\n"
            f"      <td>{last}</td>\n"
            "    </tr>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


@register.filter
def keeper_rows(kept) -> SafeString:
    """The `<tr>` of each responsible one: done on time, done late, open, overdue (marked) and
    the share kept."""
    out = []
    for p in kept:
        r = p.record
        overdue = (
            f'<strong class="error-text">{esc(number(r.overdue))}</strong>' if r.overdue else "0"
        )
        share = "—" if r.kept_share is None else f"{esc(number(r.kept_share))}%"
        out.append(
            "\n    <tr><td>"
            f"{f'{esc(p.name)}, ' if p.name else ''}{esc(p.organisation)}</td>"
            f"<td>{esc(number(r.done_on_time))}</td><td>{esc(number(r.done_late))}</td>"
            f"<td>{esc(number(r.open))}</td><td>{overdue}</td><td>{share}</td></tr>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


@register.filter
def member_rows(members) -> SafeString:
    """The `<tr>` of each family member: the name, the age as people say it, the role."""
    today = timezone.localdate()
    roles = choice_labels(Person._meta.get_field("role"))
    return mark_safe(  # noqa: S308 - every value below is escaped
        "".join(
            f"<tr><td>{esc(person.full_name)}</td><td>{esc(describe_age(person.birthdate, today))}"
            f"</td><td>{esc(choice_label(roles, person.role))}</td></tr>"
            for person, _age in members
        )
    )


PLANNABLE = frozenset({MeetingStatus.TO_PLAN, MeetingStatus.PLANNED})  # still to be held


@register.filter
def meeting_rows(meetings, today) -> SafeString:
    """The `<tr>` of each meeting: the kind, the status (a passed deadline marked), the
    deadline, when and where, how many were invited, and the links to plan and to record it,
    or its minutes once held; the one row that says there are none."""
    if not meetings:
        return mark_safe(  # noqa: S308 - a fixed text of ours
            f'<tr><td colspan="6">{gettext("Nog geen overleg.")}</td></tr>\n  '
        )
    kinds = choice_labels(Meeting._meta.get_field("kind"))
    statuses = choice_labels(Meeting._meta.get_field("status"))
    passed, held = gettext("termijn verstreken"), gettext("gehouden")
    plan, move, minutes = gettext("Plannen"), gettext("Verzetten"), gettext("Verslag")
    out = []
    for m in meetings:
        kind = esc(choice_label(kinds, m.kind))
        status = esc(choice_label(statuses, m.status))
        open_ = m.status in PLANNABLE
        if open_ and m.deadline and m.deadline < today:
            status += f' <strong class="error-text">{passed}</strong>'
        when = f"{numeric_datetime(m.starts_at)}, {esc(m.location)}" if m.starts_at else "—"
        if m.held_on:
            when += f"<br>{held} {numeric_date(m.held_on)}"
        actions = ""
        if open_:
            actions = (
                f'<a href="{esc(uuid_address("coordination:meeting_plan", m.uuid))}">'
                f"{plan if m.status == MeetingStatus.TO_PLAN else move}"
                f'<span class="visually-hidden"> {kind}</span></a> · '
                f'<a href="{esc(uuid_address("coordination:meeting_minutes", m.uuid))}">'
                f'{minutes}<span class="visually-hidden"> {kind}</span></a>'
            )
        elif m.minutes:
            actions = f"<details><summary>{minutes}</summary>{lines(m.minutes)}</details>"
        out.append(
            "\n    <tr>\n"
            f"      <td>{kind}</td>\n"
            f"      <td>{status}</td>\n"
            f"      <td>{numeric_date(m.deadline) or '—'}</td>\n"
            f"      <td>{when}</td>\n"
            f"      <td>{esc(number(m.invited))}</td>\n"
            f"      <td>{actions}</td>\n"
            "    </tr>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


@register.filter
def event_items(events) -> SafeString:
    """The `<li>` of each event in the case's history: when, what, who, and for a level
    change the rule and the reason."""
    rule_word, reason_word = gettext("Regel:"), gettext("Reden:")
    out = []
    for e in events:
        actor = f' <span class="muted">— {esc(e.actor.full_name)}</span>' if e.actor else ""
        rule = f'<br><span class="muted">{rule_word} {esc(e.rule)}</span>' if e.rule else ""
        reason = f"<br>{reason_word} {lines(e.reason)}" if e.reason else ""
        out.append(
            f'\n  <li><span class="muted">{numeric_datetime(e.occurred_at)}</span> '
            f"{esc(e.summary)}{actor}\n    {rule}\n    {reason}</li>\n"
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
