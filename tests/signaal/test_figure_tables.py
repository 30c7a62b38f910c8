"""A figure's table written in Python (`signaal.templatetags.figure_tables`) is the bytes the
template's loop wrote, with hidden cells, markup in labels and in both languages."""

import pytest
from django.utils import translation

from ketenzorg.signaal.display import Table
from ketenzorg.signaal.forms import FilterForm
from tests.written_rows import rendered_both, template_source

# The table's loop as it was written in the template.
TEMPLATE_LOOP = """{% load i18n %}<tbody>
      {% for label, cells in table.lines %}
      <tr><th scope="row">{{ label }}</th>{% for column, value in cells %}<td class="number" data-row="{{ label }}" data-column="{{ column }}">{% if value == shown.hidden %}<abbr title="{% translate 'verborgen' %}">{{ value }}</abbr>{% else %}{{ value }}{% endif %}</td>{% endfor %}</tr>
      {% endfor %}
    </tbody>"""  # noqa: E501
WRITTEN = """{% load figure_tables %}<tbody>
      {{ table|table_rows:shown.hidden }}
    </tbody>"""

TABLE = Table(
    caption="Wachttijd",
    corner="Maand",
    columns=("match", "<b>aanbieder</b>", 'zeg "ja" & doe'),
    rows=(
        ("2026-01", ("3", "<10", "12,5")),
        ("Noord & <Zuid>", ("<10", "<10", "0")),
        ("2026-03", ("", "7", "<10")),
    ),
)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("count", [0, 1, 3])
@pytest.mark.parametrize("hidden", ["<10", "<5"])
def test_the_rows_are_the_templates_bytes(language, count, hidden):
    table = Table(TABLE.caption, TABLE.corner, TABLE.columns, TABLE.rows[:count])
    context = {"table": table, "shown": {"hidden": hidden}}
    expected, written = rendered_both(TEMPLATE_LOOP, WRITTEN, context, language)
    assert written == expected
    assert "<b>" not in written and "<Zuid>" not in written


def test_the_figure_page_uses_the_written_rows():
    source = template_source("signaal/figure.html")
    assert "{{ table|table_rows:shown.hidden }}" in source
    assert "{% for label, cells in table.lines %}" not in source


HEAD_LOOP = """<thead><tr><th scope="col">{{ table.corner }}</th>{% for column in table.columns %}<th scope="col">{{ column }}</th>{% endfor %}</tr></thead>"""  # noqa: E501
HEAD_WRITTEN = """{% load figure_tables %}{{ table|table_head }}"""
FIELDS_LOOP = """{% for field in form %}
    <div class="field">
      <label for="{{ field.id_for_label }}">{{ field.label }}</label>
      {% if field.help_text %}<span class="hint" id="{{ field.auto_id }}_helptext">{{ field.help_text }}</span>{% endif %}
      {{ field }}
    </div>
    {% endfor %}"""  # noqa: E501
FIELDS_WRITTEN = """{% load figure_tables %}{{ form|filter_fields }}"""


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_head_is_the_templates_bytes(language, count):
    table = Table("Wachttijd", "Maand & <jaar>", TABLE.columns[:count], ())
    expected, written = rendered_both(HEAD_LOOP, HEAD_WRITTEN, {"table": table}, language)
    assert written == expected
    assert "<jaar>" not in written


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("period", [True, False])
@pytest.mark.parametrize("area", [True, False])
@pytest.mark.parametrize("data", [None, {"van": "2026-13", "tot": '<"x">', "gebied": "onbekend"}])
def test_the_filters_are_the_templates_bytes(language, period, area, data):
    with translation.override(language):
        form = FilterForm(data, period=period, area=area)
        form.is_valid()
    expected, written = rendered_both(FIELDS_LOOP, FIELDS_WRITTEN, {"form": form}, language)
    assert written == expected
    assert written.count('<div class="field">') == 2 * period + area


def test_the_figure_page_uses_the_written_head_and_filters():
    source = template_source("signaal/figure.html")
    assert "{{ table|table_head }}" in source and "{{ form|filter_fields }}" in source
    assert "{% for column in table.columns %}" not in source
    assert '<div class="field">' not in source
