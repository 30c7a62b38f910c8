"""The werkproces page's tables written in Python (`werkproces.templatetags.werkproces_rows`)
are the bytes the template's loops wrote, for rows of every kind and in both languages."""

import json
import uuid
from datetime import UTC, datetime

import pytest

from ketenzorg.network.models import Professional
from ketenzorg.werkproces.models import (
    Consultation,
    ConsultationKind,
    ConsultationScope,
    Step,
    StepEvaluation,
    Transition,
    TransitionKind,
)
from tests.written_rows import rendered_both, template_source

# The page's three loops as they were written in the template.
LOOPS = json.loads(r"""{
 "consultations": "  {% for c in view.consultations %}\n    <tr>\n      <td><a href=\"{{ c.uuid|uuid_url:'werkproces:consultation' }}\">{{ c.starts_at|numeric_date }}<span class=\"visually-hidden\"> {% blocktranslate with who=c.meedenker.full_name %}consultatie van {{ who }}{% endblocktranslate %}</span></a></td>\n      <td>{{ c.meedenker.full_name }}</td>\n      <td>{{ c.get_kind_display }}</td>\n      <td>{{ c.get_scope_display }}</td>\n      <td>{{ c.finding_count }}</td>\n    </tr>\n  {% endfor %}",
 "transitions": "  {% for t in view.transitions %}\n  <tr>\n    <td>{{ t.occurred_at|numeric_datetime }}</td>\n    <td>{{ t.actor.full_name }}</td>\n    <td>{{ t.get_kind_display }}</td>\n    <td>{% if t.from_step %}{{ t.get_from_step_display }}{% else %}—{% endif %} → {{ t.get_to_step_display }}</td>\n    <td>{% if t.reason %}<p>{{ t.reason|linebreaksbr }}</p>{% endif %}\n      {% if t.evaluation %}<p>{% translate \"Evaluatie\" %}: {% if t.evaluation.yielded_enough %}{% translate \"leverde genoeg op\" %}{% else %}{% translate \"leverde niet genoeg op\" %}{% endif %} — {{ t.evaluation.summary|linebreaksbr }}</p>{% endif %}\n      {% if t.team_decision %}<p>{% translate \"Besluit van het team\" %}: {{ t.team_decision|linebreaksbr }}</p>{% endif %}\n      {% if t.ajh_participants %}<p>{% translate \"Besloten met het gezin en\" %} {{ t.ajh_meedenker.full_name }}; {% translate \"deelnemers\" %}: {{ t.ajh_participants }}</p>{% endif %}</td>\n  </tr>\n  {% endfor %}",
 "evaluations": "  {% for e in view.evaluations %}\n  <tr>\n    <td>{{ e.recorded_at|numeric_datetime }}</td>\n    <td>{{ e.recorded_by.full_name }}</td>\n    <td>{{ e.get_step_display }}</td>\n    <td>{% if e.yielded_enough %}{% translate \"ja\" %}{% else %}{% translate \"nee\" %}{% endif %}</td>\n    <td>{{ e.summary|linebreaksbr }}</td>\n  </tr>\n  {% endfor %}"
}""")

WRITTEN = {
    "consultations": "  {{ view.consultations|werkproces_consultation_rows }}",
    "transitions": "  {{ view.transitions|transition_rows }}",
    "evaluations": "  {{ view.evaluations|evaluation_rows }}",
}

WINTER = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)
SUMMER = datetime(2026, 7, 1, 8, 5, tzinfo=UTC)


def _who(first, last):
    return Professional(first_name=first, last_name=last)


def _evaluation(enough, summary, *, at=WINTER, step=Step.OKT, by=("Els", "Bakker")):
    return StepEvaluation(step=step, version=1, yielded_enough=enough, summary=summary,
                          recorded_at=at, recorded_by=_who(*by))  # fmt: skip


def _consultation(kind, scope, who, at, findings):
    c = Consultation(uuid=uuid.uuid4(), kind=kind, scope=scope, starts_at=at)
    c.meedenker = _who(*who)
    c.finding_count = findings
    return c


def _transition(kind, to_step, *, from_step="", at=WINTER, reason="", evaluation=None,
                team="", meedenker=None, participants="", actor=("Piet", "Smit")):  # fmt: skip
    return Transition(kind=kind, from_step=from_step, to_step=to_step, occurred_at=at,
                      reason=reason, evaluation=evaluation, team_decision=team,
                      ajh_meedenker=_who(*meedenker) if meedenker else None,
                      ajh_participants=participants, actor=_who(*actor))  # fmt: skip


def _view():
    return {
        "consultations": [
            _consultation(ConsultationKind.MEEDENKEN, ConsultationScope.INTERNAL,
                          ("Els", "Bakker"), WINTER, 0),
            _consultation(ConsultationKind.MEEDOEN, ConsultationScope.AJH,
                          ("Ann<e>", "d'Arc & Zn"), SUMMER, 1234),
        ],
        "transitions": [
            _transition(TransitionKind.START, Step.OKT),
            _transition(TransitionKind.CONTINUE, Step.INTERNAL, from_step=Step.OKT,
                        reason="Regel een\r\nregel <twee>\rdrie",
                        evaluation=_evaluation(False, "Te weinig & te laat\nnog één")),
            _transition(TransitionKind.CONTINUE, Step.EXTERNAL, from_step=Step.INTERNAL,
                        at=SUMMER, evaluation=_evaluation(True, "Genoeg"),
                        team="Samen besloten:\n<b>extern</b>", actor=("Sara", "Öz")),
            _transition(TransitionKind.CONTINUE, Step.REFERRAL, from_step=Step.AJH,
                        meedenker=("Yusuf", "<El>"), participants="moeder, \"vader\" & opa"),
            _transition(TransitionKind.CONTINUE, Step.REFERRAL, from_step=Step.AJH,
                        participants="zonder meedenker"),
            _transition(TransitionKind.STOP, Step.STOPPED, from_step=Step.REFERRAL,
                        reason="Het gezin redt het zelf."),
        ],
        "evaluations": [
            _evaluation(True, "Ging goed\nverder"),
            _evaluation(False, "<i>Niet</i> genoeg", at=SUMMER, step=Step.AJH,
                        by=("Noor", "d'Vries")),
        ],
    }  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("table", ["consultations", "transitions", "evaluations"])
@pytest.mark.parametrize("count", [0, 1, 6])
def test_the_rows_are_the_templates_bytes(language, table, count):
    context = {"view": {table: _view()[table][:count]}}
    expected, written = rendered_both(
        "{% load i18n %}" + LOOPS[table],
        "{% load werkproces_rows %}" + WRITTEN[table],
        context,
        language,
    )
    assert written == expected
    assert count < 2 or not any(tag in written for tag in ("<b>", "<i>", "<e>", "<twee>"))


def test_the_page_uses_the_written_rows():
    source = template_source("werkproces/steps.html")
    assert all(filter_ in source for filter_ in WRITTEN.values())
    assert "{% for t in view.transitions %}" not in source
