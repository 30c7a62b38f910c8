"""The dashboard's case rows written in Python (`coordination.templatetags.dashboard_rows`) are
the bytes the template's loop wrote, for rows of every kind and in both languages."""

import uuid
from datetime import date

import pytest

from ketenzorg.coordination.models import CareLevel, Case, CaseCoordinator, CoordinatorRole
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


def test_the_dashboard_template_uses_the_written_rows():
    source = template_source("coordination/dashboard.html")
    assert "{{ board.cases|dashboard_case_rows }}" in source
    assert "{% for case in board.cases %}" not in source
