"""The break-the-glass overview's rows written in Python (`ketenzorg.privacy.rows`) are the
bytes the template's loop wrote, for rows of every kind and in both languages."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model

from ketenzorg.access.models import EmergencyAccess, EmergencyAccessReview
from ketenzorg.families.models import Family, Person
from ketenzorg.network.models import Organisation, Professional
from tests.written_rows import rendered_both, template_source

# The overview's loop as it was written in the template (with its two included templates).
TEMPLATE_LOOP = """{% load i18n %}  {% for event in page.events %}
    <tr>
      <td>{{ event.granted_at|numeric_datetime }}</td>
      <td>{% if event.professional %}{{ event.professional.full_name }}{% if event.professional.organisation %}, {{ event.professional.organisation.name }}{% endif %}{% else %}{{ event.user.get_username }}{% endif %}
</td>
      <td>{{ event.family.name }}</td>
      <td>{{ event.reason }}</td>
      <td>{% if event.active %}{% blocktranslate with until=event.expires_at|numeric_datetime %}loopt nog, tot {{ until }}{% endblocktranslate %}{% else %}{% blocktranslate count hours=event.hours %}{{ hours }} uur{% plural %}{{ hours }} uur{% endblocktranslate %}{% endif %}
</td>
      <td>{% blocktranslate count counter=event.uses %}{{ counter }} keer{% plural %}{{ counter }} keer{% endblocktranslate %}</td>
      <td><ul class="action-list">{% for person in event.family.persons_shown %}<li><a href="{{ person.uuid|uuid_url:'audit:person_log' }}">{{ person.given_name }} {{ person.family_name }}</a></li>{% endfor %}</ul></td>
      <td>{% if event.reviewed %}{% with first=event.reviews_shown.0 %}{% blocktranslate with at=first.reviewed_at|numeric_date %}Beoordeeld op {{ at }}{% endblocktranslate %}{% endwith %}<br>{% endif %}<a href="{{ event.uuid|uuid_url:'audit:emergency_detail' }}">{% if event.reviewed or not event.may_review %}{% translate "Bekijken" %}{% else %}{% translate "Beoordelen" %}{% endif %}<span class="visually-hidden"> {% blocktranslate with family=event.family.name at=event.granted_at|numeric_datetime %}noodtoegang tot {{ family }} op {{ at }}{% endblocktranslate %}</span></a></td>
    </tr>
  {% empty %}
    <tr><td colspan="8">{% translate "Geen noodtoegang in deze lijst." %}</td></tr>
  {% endfor %}"""  # noqa: E501

WRITTEN = """{% load i18n emergency_rows %}  {% if page.events %}{{ page.events|emergency_rows }}{% else %}
    <tr><td colspan="8">{% translate "Geen noodtoegang in deze lijst." %}</td></tr>
  {% endif %}"""

WINTER = datetime(2026, 1, 14, 9, 5, tzinfo=UTC)
SUMMER = datetime(2026, 7, 1, 22, 30, tzinfo=UTC)  # the next day in Dutch time


def _event(*, name, reason, professional=None, organisation="", username="bg-user", at=WINTER,
           active=False, hours=1, uses=1, reviews=(), may_review=True, members=()):  # fmt: skip
    user = get_user_model()(username=username)
    event = EmergencyAccess(uuid=uuid.uuid4(), user=user, family=Family(name=name), reason=reason,
                            granted_at=at, expires_at=at + timedelta(hours=hours))  # fmt: skip
    event.professional = None
    if professional:
        event.professional = Professional(first_name=professional[0], last_name=professional[1])
        event.professional.organisation = Organisation(name=organisation)
    event.active, event.hours, event.uses = active, hours, uses
    event.reviewed, event.reviews_shown = bool(reviews), list(reviews)
    event.may_review = may_review
    event.family.persons_shown = [
        Person(uuid=uuid.uuid4(), given_name=given, family_name=family) for given, family in members
    ]
    return event


def _events():
    review = EmergencyAccessReview(reviewed_at=SUMMER)
    return [
        _event(name="Jansen", reason="Melding van de politie", professional=("Els", "Bakker"),
               organisation="JGZ <Noord> & Co", uses=3, hours=4,
               members=[("Mila", "Jansen"), ("Sam", "Jansen")]),
        _event(name="<i>de Vries</i>", reason="Zorgen om \"veiligheid\" & 'acuut'", at=SUMMER,
               active=True, uses=1, may_review=False, members=[("Noor<", "d'Vries")]),
        _event(name="El Amrani", reason="Crisis", professional=("Piet", "Smit"),
               organisation="Veilig Thuis", hours=0, uses=0,
               reviews=[review]),
        _event(name="Yılmaz", reason="Veilig Thuis", professional=("Sara", "Öz"),
               organisation="Wijkteam", hours=1234,
               uses=1234, reviews=[review, EmergencyAccessReview(reviewed_at=WINTER)]),
        _event(name="Leeg", reason="Geen leden", username="beheer&co", hours=2, uses=2),
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("count", [0, 1, 5])
def test_the_rows_are_the_templates_bytes(language, count):
    context = {"page": {"events": _events()[:count]}}
    expected, written = rendered_both(TEMPLATE_LOOP, WRITTEN, context, language)
    assert written == expected
    assert count == 0 or "<i>" not in written


def test_the_overview_uses_the_written_rows():
    source = template_source("privacy/emergency_list.html")
    assert "{{ page.events|emergency_rows }}" in source
    assert "{% for event in page.events %}" not in source
