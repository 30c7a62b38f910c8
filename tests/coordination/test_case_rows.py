"""The case page's tables written in Python (`coordination.templatetags.case_rows`) are the
bytes the template's loops wrote, for rows of every kind and in both languages."""

import uuid
from datetime import UTC, date, datetime

import pytest

from ketenzorg.coordination.models import Agreement, AgreementCheckIn, Case, CaseStatus
from ketenzorg.coordination.rules import KeptRecord
from ketenzorg.coordination.selectors import PartyRecord
from ketenzorg.families.models import Involvement, Person
from ketenzorg.network.models import Organisation, Professional
from tests.written_rows import rendered_both, template_source

# The case page's loops as they were written in the template.
INVOLVEMENTS = """{% load i18n %}  {% for inv in view.involvements %}
    <tr>
      <td>{{ inv.professional.full_name }}</td><td>{{ inv.organisation.name }}</td><td>{{ inv.person.given_name|default:_("het gezin") }}</td><td>{{ inv.capacity|default:"—" }}</td><td>{{ inv.started_on|numeric_date }}</td><td>{{ inv.ended_on|numeric_date|default:"—" }}</td>
      <td>{% if case.is_open and not inv.ended_on %}
        <a href="{% url 'coordination:involvement_end' case.uuid inv.uuid %}">{% translate "Beëindigen" %}<span class="visually-hidden"> {{ inv.professional.full_name }}</span></a>{% endif %}</td>
    </tr>
  {% empty %}<tr><td colspan="7">{% translate "Niemand betrokken." %}</td></tr>
  {% endfor %}"""  # noqa: E501
AGREEMENTS = """{% load i18n agreement_status %}  {% for a in view.agreements %}
    <tr>
      <td><a href="{{ a.uuid|uuid_url:'coordination:agreement_detail' }}">{{ a.what|truncatechars:100 }}</a></td>
      <td>{% if a.responsible_professional %}{{ a.responsible_professional.full_name }}, {% endif %}{{ a.responsible_organisation.name }}</td>
      <td>{{ a.due_on|numeric_date }}</td>
      <td>{{ a.shown|agreement_status }}</td>
      <td>{% if a.last_checkin %}{{ a.last_checkin.created_at|numeric_date }}: {{ a.last_checkin.note|truncatechars:60 }}{% else %}—{% endif %}</td>
    </tr>
  {% empty %}<tr><td colspan="5">{% translate "Nog geen afspraken." %}</td></tr>
  {% endfor %}"""  # noqa: E501
KEPT = """{% load i18n %}  {% for p in view.kept %}
    <tr><td>{% if p.name %}{{ p.name }}, {% endif %}{{ p.organisation }}</td><td>{{ p.record.done_on_time }}</td><td>{{ p.record.done_late }}</td><td>{{ p.record.open }}</td><td>{% if p.record.overdue %}<strong class="error-text">{{ p.record.overdue }}</strong>{% else %}0{% endif %}</td><td>{% if p.record.kept_share is None %}—{% else %}{{ p.record.kept_share }}%{% endif %}</td></tr>
  {% endfor %}"""  # noqa: E501

WRITTEN = {
    "involvements": "{% load case_rows %}  {{ view.involvements|involvement_rows:case }}",
    "agreements": "{% load case_rows %}  {{ view.agreements|agreement_rows }}",
    "kept": "{% load case_rows %}  {{ view.kept|keeper_rows }}",
}
LOOPS = {"involvements": INVOLVEMENTS, "agreements": AGREEMENTS, "kept": KEPT}


def _professional(first, last, organisation="Proefzorg"):
    return Professional(
        first_name=first, last_name=last, organisation=Organisation(name=organisation)
    )


def _involvements():
    def inv(professional, *, person=None, capacity="", started=date(2026, 1, 31), ended=None,
            organisation="Proefzorg"):  # fmt: skip
        return Involvement(uuid=uuid.uuid4(), professional=professional, person=person,
                           organisation=Organisation(name=organisation), capacity=capacity,
                           started_on=started, ended_on=ended)  # fmt: skip

    return [
        inv(_professional("Anna", "Proef"), capacity="jeugdverpleegkundige"),
        inv(_professional("<b>Bram</b>", "d'Vries"), person=Person(given_name="Mila <i>"),
            capacity='"school" & zo', organisation="Zorg & <co>", ended=date(2026, 12, 1)),
        inv(_professional("Chris", "Test"), person=Person(given_name=""), started=date(999, 1, 1)),
    ]  # fmt: skip


def _agreements():
    def agreement(what, *, professional=None, organisation="Proefzorg", shown="open",
                  checkin=None):  # fmt: skip
        a = Agreement(uuid=uuid.uuid4(), what=what, due_on=date(2026, 3, 29),
                      responsible_professional=professional,
                      responsible_organisation=Organisation(name=organisation))  # fmt: skip
        a.shown, a.last_checkin = shown, checkin
        return a

    return [
        agreement("Huisbezoek plannen", professional=_professional("Anna", "Proef")),
        agreement("Lang " + "woord " * 30 + "<eind>", shown="te_laat", organisation="A & B",
                  checkin=AgreementCheckIn(note="Gebeld; " + "x" * 80,
                                           created_at=datetime(2026, 3, 28, 23, 30, tzinfo=UTC))),
        agreement('"Iets" & <ander>', organisation="", shown="gedaan",
                  checkin=AgreementCheckIn(note="<b>kort</b>",
                                           created_at=datetime(2026, 8, 1, 9, 0, tzinfo=UTC))),
        agreement("Afgezegd", shown="geannuleerd"),
    ]  # fmt: skip


def _kept():
    return [
        PartyRecord("Anna Proef", "Proefzorg", KeptRecord(3, 1, 2, 0)),
        PartyRecord("", "Zorg & <co>", KeptRecord(0, 0, 1, 2)),
        PartyRecord("<b>Bram</b>", "B", KeptRecord(0, 0, 0, 0)),
        PartyRecord("Veel", "C", KeptRecord(1234, 5, 1001, 2000)),
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("table", ["involvements", "agreements", "kept"])
@pytest.mark.parametrize("count", [0, 1, 4])
@pytest.mark.parametrize("status", [CaseStatus.OPEN, CaseStatus.CLOSED])
def test_the_rows_are_the_templates_bytes(language, table, count, status):
    rows = {"involvements": _involvements, "agreements": _agreements, "kept": _kept}[table]()
    view = {table: rows[:count]}
    case = Case(uuid=uuid.uuid4(), status=status)
    expected, written = rendered_both(LOOPS[table], WRITTEN[table], {"view": view, "case": case},
                                      language)  # fmt: skip
    assert written == expected
    assert count < 2 or ("<b>" not in written and "<co>" not in written)


def test_the_case_page_uses_the_written_rows():
    source = template_source("coordination/detail.html")
    for written in WRITTEN.values():
        assert written.split("  ", 1)[1] in source
    for loop in ("{% for inv in view.involvements %}", "{% for a in view.agreements %}",
                 "{% for p in view.kept %}"):  # fmt: skip
        assert loop not in source
