"""The family search's rows written in Python (`families.templatetags.family_rows`) are the
bytes the template's loop wrote, for families of every kind and in both languages."""

import uuid
from datetime import date

import pytest

from ketenzorg.families.models import Family, Person
from ketenzorg.network.models import District
from tests.written_rows import rendered_both, template_source

# The list's loop as it was written in the template.
TEMPLATE_LOOP = """{% load i18n %}  {% for family in families %}
    <tr>
      <td><a href="{{ family.uuid|uuid_url:'families:detail' }}">{{ family.name }}</a></td>
      <td>{% for m in family.member_list %}{{ m.given_name }} ({{ m.birthdate|numeric_date }}){% if m.bsn_last4 %} <span class="muted">{% translate "BSN" %} {{ m.bsn_masked }}</span>{% endif %}{% if not forloop.last %}, {% endif %}{% endfor %}</td>
      <td>{{ family.district.name|default:"—" }}</td>
    </tr>
  {% empty %}
    <tr><td colspan="3">{% translate "Geen gezinnen gevonden." %}</td></tr>
  {% endfor %}"""  # noqa: E501

WRITTEN = """{% load family_rows %}  {{ families|family_rows }}"""


def _family(name, members, district="Centrum"):
    family = Family(uuid=uuid.uuid4(), name=name)
    family.district = District(name=district) if district is not None else None
    family.member_list = [
        Person(given_name=given, birthdate=born, bsn_last4=last4) for given, born, last4 in members
    ]
    return family


def _families():
    return [
        _family("Gezin Proefmans", [("Mila", date(2019, 1, 31), "1234"),
                                    ("Sam", date(2024, 12, 5), "")]),
        _family("Gezin <b>d'Vries</b> & Zn", [('Noor "N"', date(2010, 7, 4), "0007")],
                district="Noord <Oost>"),
        _family("Gezin Leeg", [], district=None),
        _family("Gezin Zonder Naam", [("Yusuf", None, "")], district=""),
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("count", [0, 1, 4])
def test_the_rows_are_the_templates_bytes(language, count):
    context = {"families": _families()[:count]}
    expected, written = rendered_both(TEMPLATE_LOOP, WRITTEN, context, language)
    assert written == expected
    assert count < 2 or ("<b>" not in written and "<Oost>" not in written)


def test_the_list_uses_the_written_rows():
    source = template_source("families/list.html")
    assert "{{ families|family_rows }}" in source
    assert "{% for family in families %}" not in source
