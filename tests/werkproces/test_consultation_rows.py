"""The meedenker's list rows written in Python (`werkproces.templatetags.consultation_rows`)
are the bytes the template's loop wrote, for running and ended consultations, long and
marked-up questions, and both languages."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from ketenzorg.network.models import Professional
from ketenzorg.werkproces.models import Consultation, ConsultationKind
from tests.written_rows import rendered_both, template_source

# The list's loop as it was written in the template.
TEMPLATE_LOOP = """{% load i18n %}  {% for c in rows %}
  <tr>
    <td><a href="{{ c.uuid|uuid_url:'werkproces:consultation' }}">{{ c.question|truncatechars:80 }}</a></td>
    <td>{{ c.get_kind_display }}</td>
    <td>{{ c.asked_by.full_name }}</td>
    <td>{{ c.starts_at|long_date }} – {{ c.ends_at|long_date }}</td>
    <td>{% if c.ends_at > now %}{% translate "loopt" %}{% else %}{% blocktranslate with until=c.access_until|long_date %}afgelopen; bevindingen nog tot {{ until }}{% endblocktranslate %}{% endif %}</td>
  </tr>
  {% endfor %}"""  # noqa: E501

WRITTEN = """{% load i18n consultation_rows %}  {{ rows|consultation_rows:now }}"""

NOW = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # the night the clocks go forward


def _consultation(question, kind, asked_by, *, starts, ends, grace=timedelta(days=7)):
    c = Consultation(uuid=uuid.uuid4(), question=question, kind=kind, starts_at=starts,
                     ends_at=ends, access_until=ends + grace)  # fmt: skip
    c.asked_by = Professional(first_name=asked_by[0], last_name=asked_by[1])
    return c


def _rows():
    return [
        _consultation("Hoe gaat het op school?", ConsultationKind.MEEDENKEN, ("Els", "Bakker"),
                      starts=NOW - timedelta(days=3), ends=NOW + timedelta(days=30)),
        _consultation("<script>x</script> & een " + "heel lange vraag " * 8,
                      ConsultationKind.MEEDOEN, ("Ann<e>", "d'Arc & Zn"),
                      starts=NOW - timedelta(days=60), ends=NOW - timedelta(minutes=1)),
        _consultation("Precies tachtig tekens? " + "x" * 56, ConsultationKind.MEEDENKEN,
                      ("Piet", "Smit"), starts=NOW - timedelta(days=1), ends=NOW),
        _consultation("Zomer", ConsultationKind.MEEDOEN, ("Sara", "Öz"),
                      starts=datetime(2026, 6, 30, 22, 15, tzinfo=UTC),
                      ends=datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("count", [0, 1, 4])
def test_the_rows_are_the_templates_bytes(language, count):
    context = {"rows": _rows()[:count], "now": NOW}
    expected, written = rendered_both(TEMPLATE_LOOP, WRITTEN, context, language)
    assert written == expected
    assert count < 2 or "<script>" not in written


def test_the_list_uses_the_written_rows():
    source = template_source("werkproces/consultation_list.html")
    assert "{{ rows|consultation_rows:now }}" in source
    assert "{% for c in rows %}" not in source
