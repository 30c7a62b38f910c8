"""The case page's tables written in Python (`coordination.templatetags.case_rows`) are the
bytes the template's loops wrote, for rows of every kind and in both languages."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from ketenzorg.coordination.models import (
    Agreement,
    AgreementCheckIn,
    Case,
    CaseEvent,
    CaseStatus,
    Meeting,
)
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

MEMBERS = """{% load ages %}  <tbody>{% for person, age in view.members %}<tr><td>{{ person.full_name }}</td><td>{{ person.birthdate|leeftijd }}</td><td>{{ person.get_role_display }}</td></tr>{% endfor %}</tbody>"""  # noqa: E501
MEETINGS = """{% load i18n %}  {% for m in view.meetings %}
    <tr>
      <td>{{ m.get_kind_display }}</td>
      <td>{{ m.get_status_display }}{% if m.status == "te_plannen" or m.status == "gepland" %}{% if m.deadline and m.deadline < view.today %} <strong class="error-text">{% translate "termijn verstreken" %}</strong>{% endif %}{% endif %}</td>
      <td>{{ m.deadline|numeric_date|default:"—" }}</td>
      <td>{% if m.starts_at %}{{ m.starts_at|numeric_datetime }}, {{ m.location }}{% else %}—{% endif %}{% if m.held_on %}<br>{% translate "gehouden" %} {{ m.held_on|numeric_date }}{% endif %}</td>
      <td>{{ m.invited }}</td>
      <td>{% if m.status == "te_plannen" or m.status == "gepland" %}<a href="{{ m.uuid|uuid_url:'coordination:meeting_plan' }}">{% if m.status == "te_plannen" %}{% translate "Plannen" %}{% else %}{% translate "Verzetten" %}{% endif %}<span class="visually-hidden"> {{ m.get_kind_display }}</span></a> · <a href="{{ m.uuid|uuid_url:'coordination:meeting_minutes' }}">{% translate "Verslag" %}<span class="visually-hidden"> {{ m.get_kind_display }}</span></a>{% elif m.minutes %}<details><summary>{% translate "Verslag" %}</summary>{{ m.minutes|linebreaksbr }}</details>{% endif %}</td>
    </tr>
  {% empty %}<tr><td colspan="6">{% translate "Nog geen overleg." %}</td></tr>
  {% endfor %}"""  # noqa: E501
EVENTS = """{% load i18n %}  {% for e in view.events %}
  <li><span class="muted">{{ e.occurred_at|numeric_datetime }}</span> {{ e.summary }}{% if e.actor %} <span class="muted">— {{ e.actor.full_name }}</span>{% endif %}
    {% if e.rule %}<br><span class="muted">{% translate "Regel:" %} {{ e.rule }}</span>{% endif %}
    {% if e.reason %}<br>{% translate "Reden:" %} {{ e.reason|linebreaksbr }}{% endif %}</li>
{% endfor %}"""  # noqa: E501

WRITTEN = {
    "members": "{% load case_rows %}  <tbody>{{ view.members|member_rows }}</tbody>",
    "meetings": "{% load case_rows %}  {{ view.meetings|meeting_rows:view.today }}",
    "events": "{% load case_rows %}  {{ view.events|event_items }}",
    "involvements": "{% load case_rows %}  {{ view.involvements|involvement_rows:case }}",
    "agreements": "{% load case_rows %}  {{ view.agreements|agreement_rows }}",
    "kept": "{% load case_rows %}  {{ view.kept|keeper_rows }}",
}
LOOPS = {"members": MEMBERS, "meetings": MEETINGS, "events": EVENTS,
         "involvements": INVOLVEMENTS, "agreements": AGREEMENTS, "kept": KEPT}  # fmt: skip
TODAY = date(2026, 3, 29)


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


def _members():
    def person(given, family, born, role):
        return (Person(given_name=given, family_name=family, birthdate=born, role=role), None)

    # Ages as people say them, counted from the day the test runs: a baby, a toddler, a child
    # and a parent; a member without a known birthdate; a name with markup.
    today = timezone.localdate()
    return [
        person("Anna", "Proef", today - timedelta(days=200), "kind"),
        person("<b>Bram</b>", "d'Vries", date(today.year - 2, today.month, 1), "kind"),
        person("Chris", "Test & Zo", None, "ouder"),
        person("Dana", "Proef", date(1990, 2, 28), "onbekende_rol"),
        person("Eef", "Proef", date(2016, 12, 31), "voogd"),
    ]


def _meetings():
    def meeting(kind, status, *, deadline=None, starts=None, location="", held=None,
                minutes="", invited=0):  # fmt: skip
        m = Meeting(uuid=uuid.uuid4(), kind=kind, status=status, deadline=deadline,
                    starts_at=starts, location=location, held_on=held, minutes=minutes)  # fmt: skip
        m.invited = invited
        return m

    return [
        meeting("zorgoverleg", "te_plannen", deadline=date(2026, 3, 28), invited=3),
        meeting("procesoverleg", "gepland", deadline=date(2026, 3, 29), location="<Wijk> & co",
                starts=datetime(2026, 3, 31, 22, 30, tzinfo=UTC), invited=12345),
        meeting("motorkapoverleg", "gehouden", deadline=date(2026, 1, 2),
                starts=datetime(2026, 1, 2, 9, 0, tzinfo=UTC), location="Stadhuis",
                held=date(2026, 1, 2), minutes="Regel één\n\nRegel <twee> & drie"),
        meeting("crisisoverleg", "geannuleerd"),
        meeting("crisisoverleg", "gepland", deadline=date(2025, 1, 1), held=date(2025, 1, 3)),
        meeting("onbekend", "gehouden", minutes=""),
    ]  # fmt: skip


def _events():
    def event(
        summary, *, actor=None, rule="", reason="", at=datetime(2026, 3, 28, 23, 5, tzinfo=UTC)
    ):
        return CaseEvent(uuid=uuid.uuid4(), summary=summary, actor=actor, rule=rule, reason=reason,
                         occurred_at=at)  # fmt: skip

    return [
        event(
            "Niveau 2 → 3",
            actor=_professional("Anna", "Proef"),
            rule="Twee of meer <domeinen>",
            reason="Zorgen\nover school & thuis",
        ),  # fmt: skip
        event("<b>Casus</b> geopend"),
        event(
            "Afspraak",
            actor=_professional("Bram", "d'Vries"),
            reason="Kort",
            at=datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
        ),
        event("Regel alleen", rule="Regel 4"),
    ]


def _kept():
    return [
        PartyRecord("Anna Proef", "Proefzorg", KeptRecord(3, 1, 2, 0)),
        PartyRecord("", "Zorg & <co>", KeptRecord(0, 0, 1, 2)),
        PartyRecord("<b>Bram</b>", "B", KeptRecord(0, 0, 0, 0)),
        PartyRecord("Veel", "C", KeptRecord(1234, 5, 1001, 2000)),
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    "table", ["members", "meetings", "events", "involvements", "agreements", "kept"]
)
@pytest.mark.parametrize("count", [0, 1, 6])
@pytest.mark.parametrize("status", [CaseStatus.OPEN, CaseStatus.CLOSED])
def test_the_rows_are_the_templates_bytes(language, table, count, status):
    rows = {"members": _members, "meetings": _meetings, "events": _events,
            "involvements": _involvements, "agreements": _agreements, "kept": _kept}[table]()  # fmt: skip
    view = {table: rows[:count], "today": TODAY}
    case = Case(uuid=uuid.uuid4(), status=status)
    expected, written = rendered_both(LOOPS[table], WRITTEN[table], {"view": view, "case": case},
                                      language)  # fmt: skip
    assert written == expected
    markup = ("<b>", "<co>", "<Wijk>", "<twee>", "<domeinen>")
    assert count < 2 or not any(tag in written for tag in markup)


def test_the_case_page_uses_the_written_rows():
    source = template_source("coordination/detail.html")
    for written in WRITTEN.values():
        assert written.split("  ", 1)[1] in source
    for loop in ("{% for inv in view.involvements %}", "{% for a in view.agreements %}",
                 "{% for p in view.kept %}", "{% for person, age in view.members %}",
                 "{% for m in view.meetings %}", "{% for e in view.events %}"):  # fmt: skip
        assert loop not in source
