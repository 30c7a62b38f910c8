"""The provider's list written in Python (`verwijzing.templatetags.provider_rows`) is the bytes
the template's loop wrote, for rows of every kind, in every group and in both languages."""

import uuid
from datetime import UTC, datetime

import pytest

from ketenzorg.aanbod.models import IjwCategory, Programme
from ketenzorg.families.models import Person
from ketenzorg.verwijzing.models import Frequency, Referral, ReferralStatus, VolumeUnit, Voorziening
from ketenzorg.verwijzing.selectors_provider import DocumentState
from ketenzorg.verwijzing.views_provider import Row
from tests.written_rows import rendered_both, template_source

# The list's loop as it was written in the template.
TEMPLATE_LOOP = """{% load i18n %}  {% for row in rows %}{% with r=row.referral %}
  <tr>
    <td><a href="{{ r.uuid|uuid_url:'verwijzing:referral' }}">{{ r.child.full_name }}</a> <span class="muted">({% blocktranslate count age=row.age %}{{ age }} jaar{% plural %}{{ age }} jaar{% endblocktranslate %})</span></td>
    <td>{{ r.matched_programme.name|default:"—" }}</td>
    <td>{{ r.voorziening.get_ijw_category_display }}: {{ r.voorziening.volume }} {{ r.voorziening.get_unit_display }} {{ r.voorziening.get_frequency_display }}</td>
    <td>{% if r.forwarded_at %}{{ r.forwarded_at|long_datetime }}{% if group == "nieuw" %}<br><span class="muted">{% blocktranslate with waited=r.forwarded_at|timesince:now %}wacht {{ waited }}{% endblocktranslate %}</span>{% endif %}{% else %}—{% endif %}</td>
    <td>{{ r.get_status_display }}</td>
    <td>{% for kind, when in row.documents.requested.items %}{% if kind == "perspectiefplan" %}{% translate "perspectiefplan" %}{% else %}{% translate "voorziening" %}{% endif %}: {% blocktranslate with when=when|long_date %}aangevraagd op {{ when }}{% endblocktranslate %}<br>{% endfor %}{% for kind in row.documents.released %}{% if kind == "perspectiefplan" %}{% translate "perspectiefplan" %}{% else %}{% translate "voorziening" %}{% endif %}: {% translate "vrijgegeven" %}<br>{% endfor %}{% if not row.documents.requested and not row.documents.released %}<span class="muted">{% translate "niet opgevraagd" %}</span>{% endif %}</td>
  </tr>
  {% endwith %}{% endfor %}"""  # noqa: E501

WRITTEN = """{% load provider_rows %}  {% provider_rows rows group now %}"""

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)


def _row(*, given, family, age, status, forwarded=None, programme=None, requested=None,
         released=(), category=None, volume=3, unit=None, frequency=None):  # fmt: skip
    voorziening = Voorziening(
        ijw_category=category or IjwCategory.values[0], volume=volume,
        unit=unit or VolumeUnit.values[0], frequency=frequency or Frequency.values[0],
    )  # fmt: skip
    referral = Referral(
        uuid=uuid.uuid4(), status=status, forwarded_at=forwarded, voorziening=voorziening,
        child=Person(given_name=given, family_name=family),
    )  # fmt: skip
    referral.matched_programme = Programme(name=programme) if programme is not None else None
    documents = DocumentState(requested=dict(requested or {}), released=set(released))
    return Row(referral=referral, age=age, documents=documents)


def _rows():
    winter = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)  # 1 February in Dutch time
    summer = datetime(2026, 8, 3, 9, 0, tzinfo=UTC)
    return [
        _row(given="Mila", family="Jansen", age=1, status=ReferralStatus.FORWARDED,
             forwarded=winter, programme="Sterk <thuis>", category=IjwCategory.values[-1],
             volume=1, unit=VolumeUnit.values[-1], frequency=Frequency.values[-1],
             requested={"perspectiefplan": summer, "voorziening": winter}),
        _row(given="<b>Sam</b>", family="d'Vries & Zn", age=17, status=ReferralStatus.IN_CARE,
             forwarded=NOW, programme="", volume=1234, released=["voorziening"]),
        _row(given="Noor", family="El Amrani", age=0, status=ReferralStatus.ENDED,
             requested={"voorziening": summer}, released=["perspectiefplan"]),
        _row(given="Yusuf", family="Öz", age=4, status=ReferralStatus.ACCEPTED,
             forwarded=datetime(2027, 1, 1, tzinfo=UTC)),
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("group", ["nieuw", "lopend", "afgerond"])
@pytest.mark.parametrize("count", [0, 1, 4])
def test_the_rows_are_the_templates_bytes(language, group, count):
    context = {"rows": _rows()[:count], "group": group, "now": NOW}
    expected, written = rendered_both(TEMPLATE_LOOP, WRITTEN, context, language)
    assert written == expected
    assert count < 2 or ("<b>" not in written and "<thuis>" not in written)


def test_the_list_uses_the_written_rows():
    source = template_source("verwijzing/provider_list.html")
    assert "{% provider_rows rows group now %}" in source
    assert "{% for row in rows %}" not in source
