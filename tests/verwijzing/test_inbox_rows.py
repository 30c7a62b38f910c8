"""The inbox's rows written in Python (`verwijzing.templatetags.inbox_rows`) are the bytes the
template's loop wrote, for rows of every kind, in every column and in both languages."""

import uuid
from datetime import UTC, datetime

import pytest

from ketenzorg.aanbod.models import IjwCategory, Programme
from ketenzorg.families.models import Person
from ketenzorg.network.models import District, Organisation
from ketenzorg.verwijzing.models import (
    Frequency,
    Referral,
    ReferralStatus,
    RequestKind,
    VolumeUnit,
    Voorziening,
)
from ketenzorg.verwijzing.selectors_inbox import InboxRow
from tests.written_rows import rendered_both, template_source

# The inbox's loop as it was written in the template.
TEMPLATE_LOOP = """{% load i18n %}  {% for row in column.rows %}{% with r=row.referral %}
  <tr>
    <td><a href="{{ r.uuid|uuid_url:'verwijzing:referral' }}">{{ r.child.full_name }}</a></td>
    <td>{% blocktranslate count counter=row.age %}{{ counter }} jaar{% plural %}{{ counter }} jaar{% endblocktranslate %}</td>
    <td>{{ r.voorziening.get_ijw_category_display }}; {{ r.voorziening.volume }} {{ r.voorziening.get_unit_display }} {{ r.voorziening.get_frequency_display }}</td>
    <td>{% if r.matched_programme %}{% blocktranslate with name=r.matched_programme.name provider=r.provider.name %}gematcht: {{ name }} ({{ provider }}){% endblocktranslate %}{% elif r.request_kind == "aanbieder" %}{% blocktranslate with name=r.requested_programme.name %}gekozen door de professional: {{ name }}{% endblocktranslate %}{% else %}{% translate "verzoek om een match" %}{% endif %}</td>
    <td>{{ r.stadsdeel.name }}</td>
    <td>{{ r.sent_at|long_date }}</td>
    <td>{% if column.key == "wacht_op_aanbieder" and row.days_since_forwarded is not None %}{% blocktranslate count counter=row.days_since_forwarded %}{{ counter }} dag sinds doorgestuurd{% plural %}{{ counter }} dagen sinds doorgestuurd{% endblocktranslate %}{% elif row.days_since_sent is not None %}{% blocktranslate count counter=row.days_since_sent %}{{ counter }} dag sinds verzonden{% plural %}{{ counter }} dagen sinds verzonden{% endblocktranslate %}{% endif %}</td>
    <td>{{ r.get_status_display }}</td>
  </tr>
  {% endwith %}{% endfor %}"""  # noqa: E501

WRITTEN = """{% load i18n inbox_rows %}  {{ column.rows|inbox_rows:column.key }}"""


def _row(*, given, family, age, status, kind=RequestKind.MATCH, matched=None, provider=None,
         requested=None, stadsdeel="Centrum", sent=None, since_sent=None, since_forwarded=None,
         category=None, volume=3, unit=None, frequency=None):  # fmt: skip
    voorziening = Voorziening(
        ijw_category=category or IjwCategory.values[0], volume=volume,
        unit=unit or VolumeUnit.values[0], frequency=frequency or Frequency.values[0],
    )  # fmt: skip
    referral = Referral(
        uuid=uuid.uuid4(), status=status, request_kind=kind, sent_at=sent,
        child=Person(given_name=given, family_name=family), voorziening=voorziening,
        stadsdeel=District(name=stadsdeel) if stadsdeel else None,
    )  # fmt: skip
    referral.matched_programme = Programme(name=matched) if matched else None
    referral.provider = Organisation(name=provider) if provider else None
    referral.requested_programme = Programme(name=requested) if requested else None
    return InboxRow(referral=referral, age=age, days_since_sent=since_sent,
                    days_since_forwarded=since_forwarded)  # fmt: skip


def _rows():
    winter = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)  # 1 February in Dutch time
    summer = datetime(2026, 8, 3, 9, 0, tzinfo=UTC)
    return [
        _row(given="Mila", family="Jansen", age=1, status=ReferralStatus.SENT, sent=winter,
             since_sent=1, category=IjwCategory.values[-1], volume=1,
             unit=VolumeUnit.values[-1], frequency=Frequency.values[-1]),
        _row(given="<b>Sam</b>", family="d'Vries & Zn", age=17, status=ReferralStatus.MATCHED,
             matched="Sterk <thuis>", provider='Zorg & "co"', sent=summer, since_sent=0,
             since_forwarded=12, volume=1234),
        _row(given="Noor", family="El Amrani", age=0, status=ReferralStatus.SENT,
             kind=RequestKind.CHOSEN, requested="Praten & doen", since_sent=None),
        _row(given="Yusuf", family="Öz", age=4, status=ReferralStatus.MATCHING,
             kind=RequestKind.CHOSEN, requested=None, stadsdeel="Noord <Oost>", sent=summer,
             since_sent=2, since_forwarded=1),
        _row(given="Lieke", family="Smit", age=9, status=ReferralStatus.MATCHED,
             matched="Zonder aanbieder", provider=None, sent=winter, since_forwarded=None,
             since_sent=30),
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("key", ["nieuw", "wacht_op_aanbieder"])
@pytest.mark.parametrize("count", [0, 1, 5])
def test_the_rows_are_the_templates_bytes(language, key, count):
    context = {"column": {"key": key, "rows": _rows()[:count]}}
    expected, written = rendered_both(TEMPLATE_LOOP, WRITTEN, context, language)
    assert written == expected
    assert count < 2 or ("<b>" not in written and "<thuis>" not in written)


def test_the_inbox_uses_the_written_rows():
    source = template_source("verwijzing/inbox.html")
    assert "{{ column.rows|inbox_rows:column.key }}" in source
    assert "{% for row in column.rows %}" not in source
