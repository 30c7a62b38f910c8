"""The werkproces page's tables (consultations, history, evaluations), written per row in
Python (decision 0019).

Their rows through the template engine were half of the page's render: a history row alone
has four choice labels, three texts with line breaks and up to six translated words. Here the
words are translated once per table with the template's message ids and every value escaped as
the template escaped it (`core.written.lines` is `linebreaksbr`). tests/werkproces/test_werkproces_rows.py
holds the output to the template's bytes.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ketenzorg.core.addresses import uuid_address
from ketenzorg.core.dates import numeric_date, numeric_datetime
from ketenzorg.core.models import choice_label, choice_labels
from ketenzorg.core.written import esc, lines, number
from ketenzorg.werkproces.models import Consultation, StepEvaluation, Transition

register = template.Library()


@register.filter
def werkproces_consultation_rows(consultations) -> SafeString:
    """The `<tr>` of each consultation on the werkproces page."""
    kinds = choice_labels(Consultation._meta.get_field("kind"))
    scopes = choice_labels(Consultation._meta.get_field("scope"))
    rows = []
    for c in consultations:
        address = esc(uuid_address("werkproces:consultation", c.uuid))
        who = esc(c.meedenker.full_name)
        hidden = gettext("consultatie van %(who)s") % {"who": who}
        rows.append(
            "\n    <tr>\n"
            f'      <td><a href="{address}">{numeric_date(c.starts_at)}'
            f'<span class="visually-hidden"> {hidden}</span></a></td>\n'
            f"      <td>{who}</td>\n"
            f"      <td>{esc(choice_label(kinds, c.kind))}</td>\n"
            f"      <td>{esc(choice_label(scopes, c.scope))}</td>\n"
            f"      <td>{esc(number(c.finding_count))}</td>\n"
            "    </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


@register.filter
def transition_rows(transitions) -> SafeString:
    """The `<tr>` of each transition in the werkproces's history, oldest first."""
    enough, not_enough = gettext("leverde genoeg op"), gettext("leverde niet genoeg op")
    evaluation_word, team = gettext("Evaluatie"), gettext("Besluit van het team")
    decided_with, participants = gettext("Besloten met het gezin en"), gettext("deelnemers")
    kinds = choice_labels(Transition._meta.get_field("kind"))
    steps = choice_labels(Transition._meta.get_field("to_step"))
    rows = []
    for t in transitions:
        from_step = esc(choice_label(steps, t.from_step)) if t.from_step else "—"
        reason = f"<p>{lines(t.reason)}</p>" if t.reason else ""
        evaluation = ""
        if t.evaluation:
            verdict = enough if t.evaluation.yielded_enough else not_enough
            evaluation = f"<p>{evaluation_word}: {verdict} — {lines(t.evaluation.summary)}</p>"
        decision = f"<p>{team}: {lines(t.team_decision)}</p>" if t.team_decision else ""
        ajh = ""
        if t.ajh_participants:
            meedenker = t.ajh_meedenker.full_name if t.ajh_meedenker else ""
            ajh = (
                f"<p>{decided_with} {esc(meedenker)}; {participants}: {esc(t.ajh_participants)}</p>"
            )
        rows.append(
            "\n  <tr>\n"
            f"    <td>{numeric_datetime(t.occurred_at)}</td>\n"
            f"    <td>{esc(t.actor.full_name)}</td>\n"
            f"    <td>{esc(choice_label(kinds, t.kind))}</td>\n"
            f"    <td>{from_step} → {esc(choice_label(steps, t.to_step))}</td>\n"
            f"    <td>{reason}\n"
            f"      {evaluation}\n"
            f"      {decision}\n"
            f"      {ajh}</td>\n"
            "  </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


@register.filter
def evaluation_rows(evaluations) -> SafeString:
    """The `<tr>` of each evaluation of a step, oldest first."""
    yes, no = gettext("ja"), gettext("nee")
    steps = choice_labels(StepEvaluation._meta.get_field("step"))
    rows = []
    for e in evaluations:
        rows.append(
            "\n  <tr>\n"
            f"    <td>{numeric_datetime(e.recorded_at)}</td>\n"
            f"    <td>{esc(e.recorded_by.full_name)}</td>\n"
            f"    <td>{esc(choice_label(steps, e.step))}</td>\n"
            f"    <td>{yes if e.yielded_enough else no}</td>\n"
            f"    <td>{lines(e.summary)}</td>\n"
            "  </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped
