"""The dashboard's case rows written in Python (`coordination.templatetags.dashboard_rows`) are
the bytes the template's loop wrote, for rows of every kind and in both languages."""

import uuid
from datetime import UTC, date, datetime

import pytest

from ketenzorg.coordination.models import (
    Agreement,
    CareLevel,
    Case,
    CaseCoordinator,
    CaseEvent,
    CoordinatorRole,
)
from ketenzorg.families.models import Family
from ketenzorg.network.models import Professional
from tests.written_rows import rendered_both, template_source

# The dashboard's loop as it was written in the template.
TEMPLATE_LOOP = """{% load i18n %}  {% for case in board.cases %}
    <tr>
      <td><a href="{{ case.uuid|uuid_url:'coordination:detail' }}">{{ case.family.name }}</a>{% if case.open_signals %} <strong class="error-text">{% translate "stagnatie" %}</strong>{% endif %}</td>
      <td>{{ case.get_level_display }}{% if case.level == 5 %} <strong class="error-text">{% translate "CRISIS" %}</strong>{% endif %}</td>
      <td>{% for c in case.active_coordinators %}{{ c.professional.full_name }} <span class="muted">({{ c.get_role_display }})</span>{% if not forloop.last %}, {% endif %}{% empty %}—{% endfor %}</td>
      <td>{{ case.next_deadline|numeric_date|default:"—" }}</td>
      <td>{% if case.overdue_agreements %}<strong class="error-text">{{ case.overdue_agreements }}</strong>{% else %}0{% endif %}</td>
    </tr>
  {% empty %}
    <tr><td colspan="5">{% translate "U heeft geen open casussen." %}</td></tr>
  {% endfor %}"""  # noqa: E501

WRITTEN = """{% load i18n dashboard_rows %}  {% if board.cases %}{{ board.cases|dashboard_case_rows }}{% else %}
    <tr><td colspan="5">{% translate "U heeft geen open casussen." %}</td></tr>
  {% endif %}"""


def _coordinator(first, last, role):
    return CaseCoordinator(role=role, professional=Professional(first_name=first, last_name=last))


def _case(level, name, *, signals=0, coordinators=(), deadline=None, overdue=0):
    case = Case(uuid=uuid.uuid4(), level=level, family=Family(name=name))
    case.open_signals = signals
    case.active_coordinators = list(coordinators)
    case.next_deadline = deadline
    case.overdue_agreements = overdue
    return case


def _cases():
    escaped = _coordinator("Ann<e>", 'd\'Arc & "Zn"', CoordinatorRole.PROCESCOORDINATOR)
    return [
        _case(CareLevel.MOTORKAP, "Jansen"),
        _case(CareLevel.ZORGCOORDINATIE, "<b>de Vries</b> & Zn", signals=2,
              coordinators=[_coordinator("Els", "Bakker", CoordinatorRole.ZORGCOORDINATOR)],
              deadline=date(2026, 3, 9), overdue=1),
        _case(CareLevel.PROCESCOORDINATIE, "O'Neill \"Oost\"", coordinators=[escaped],
              deadline=date(2027, 12, 31)),
        _case(CareLevel.BRANDPUNT, "Yılmaz", signals=1, overdue=1234, coordinators=[
            _coordinator("Piet", "Smit", CoordinatorRole.PROCESCOORDINATOR),
            _coordinator("Sara", "El Amrani", CoordinatorRole.BRANDPUNT),
        ]),
        _case(CareLevel.CRISIS, "Crisis-gezin", signals=1, deadline=date(2026, 1, 1), overdue=7),
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("count", [0, 1, 5])
def test_the_rows_are_the_templates_bytes(language, count):
    context = {"board": {"cases": _cases()[:count] if count < 5 else _cases()}}
    expected, written = rendered_both(TEMPLATE_LOOP, WRITTEN, context, language)
    assert written == expected
    assert count == 0 or "<b>" not in written


AGREEMENTS_LOOP = """{% load i18n %}{% for a in board.my_agreements %}
  <li><a href="{{ a.uuid|uuid_url:'coordination:agreement_detail' }}">{{ a.what|truncatechars:80 }}</a> — {{ a.case.family.name }}, {% translate "uiterlijk" %} {{ a.due_on|numeric_date }} ({% if a.shown == "te_laat" %}<strong class="error-text">{% translate "te laat" %}</strong>{% elif a.shown == "gedaan" %}{% translate "gedaan" %}{% elif a.shown == "geannuleerd" %}{% translate "geannuleerd" %}{% else %}{% translate "open" %}{% endif %})</li>
{% endfor %}"""  # noqa: E501
EVENTS_LOOP = """{% load i18n %}{% for e in board.events %}
  <li><span class="muted">{{ e.occurred_at|numeric_datetime }}</span> <a href="{{ e.case.uuid|uuid_url:'coordination:detail' }}">{{ e.case.family.name }}</a>: {{ e.summary }}{% if e.actor %} <span class="muted">({{ e.actor.full_name }})</span>{% endif %}</li>
{% endfor %}"""  # noqa: E501


def _agreement(what, name, due, shown):
    agreement = Agreement(
        uuid=uuid.uuid4(), what=what, due_on=due, case=Case(family=Family(name=name))
    )
    agreement.shown = shown
    return agreement


def _event(at, name, summary, actor=None):
    event = CaseEvent(
        occurred_at=at, summary=summary, case=Case(uuid=uuid.uuid4(), family=Family(name=name))
    )
    event.actor = Professional(first_name=actor[0], last_name=actor[1]) if actor else None
    return event


@pytest.mark.parametrize("language", ["nl", "en"])
def test_my_agreements_and_the_newest_events_are_the_templates_bytes(language):
    agreements = [
        _agreement("Kort", "Jansen", date(2026, 3, 9), "open"),
        _agreement("<b>Lang</b> & " + "nog langer " * 10, "d'Vries", date(2026, 1, 1), "te_laat"),
        _agreement("Gedaan", "Öz", date(2027, 12, 31), "gedaan"),
        _agreement("Geannuleerd", "El <Amrani>", date(2026, 6, 30), "geannuleerd"),
    ]
    events = [
        _event(
            datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
            "Jansen",
            "Afspraak <gemaakt>",
            ("Els", "Bakker"),
        ),
        _event(datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "d'Vries & Zn", 'Niveau 3 "gekozen"'),
    ]
    context = {"board": {"my_agreements": agreements, "events": events}}
    for loop, written in (
        (AGREEMENTS_LOOP, "{% load dashboard_rows %}{{ board.my_agreements|my_agreement_items }}"),
        (EVENTS_LOOP, "{% load dashboard_rows %}{{ board.events|event_items }}"),
    ):
        expected, got = rendered_both(loop, written, context, language)
        assert got == expected
        assert "<b>" not in got and "<gemaakt>" not in got


def test_the_dashboard_template_uses_the_written_rows():
    source = template_source("coordination/dashboard.html")
    assert "{{ board.cases|dashboard_case_rows }}" in source
    assert "{% for case in board.cases %}" not in source
    assert "{{ board.events|event_items }}" in source
    assert "{{ board.my_agreements|my_agreement_items }}" in template_source(
        "coordination/_due.html"
    )
