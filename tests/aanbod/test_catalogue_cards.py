"""The catalogue's result cards written in Python (`aanbod.templatetags.catalogue_cards`) are
the bytes the template's loop wrote, for cards of every kind and in both languages."""

import uuid

import pytest

from ketenzorg.aanbod.selectors import ProgrammeCard
from tests.written_rows import rendered_both, template_source

# The search page's loop as it was written in the template.
TEMPLATE_LOOP = """{% load i18n %}  {% for programme in page.results %}
  <li class="card">
    <h2 class="card-title"><a href="{{ programme.uuid|uuid_url:'aanbod_public:detail' }}">{{ programme.name }}</a></h2>
    <p class="muted">{{ programme.provider }}</p>
    <p>{{ programme.description|truncatewords:30 }}</p>
    <dl class="facts facts-compact">
      <dt>{% translate "Leeftijd" %}</dt><dd>{% blocktranslate with min=programme.min_age max=programme.max_age %}{{ min }} tot en met {{ max }} jaar{% endblocktranslate %}</dd>
      <dt>{% translate "Voor" %}</dt><dd>{{ programme.audience }}</dd>
      <dt>{% translate "Toegang" %}</dt><dd>{{ programme.access_route }}</dd>
      <dt>{% translate "Waar" %}</dt><dd>{% for district in programme.districts %}{{ district }}{% if not forloop.last %}, {% endif %}{% empty %}{% translate "de hele stad" %}{% endfor %}</dd>
    </dl>
  </li>
  {% endfor %}"""  # noqa: E501

WRITTEN = """{% load catalogue_cards %}  {{ page.results|catalogue_cards }}"""


def _cards():
    long_text = " ".join(f"woord{n}" for n in range(45)) + " <b>einde</b> & meer"
    return [
        ProgrammeCard(uuid=uuid.uuid4(), name="Slaapspreekuur", provider="Stichting Proefhulp",
                      description="Slapen.", min_age=0, max_age=4, audience="ouders en verzorgers",
                      access_route="vrij toegankelijk", districts=("Noord", "Zuid")),
        ProgrammeCard(uuid=uuid.uuid4(), name='Sterk <thuis> & "samen"', provider="Zorg & 'co'",
                      description=long_text, min_age=12, max_age=23, audience="jongeren <12+>",
                      access_route="met verwijzing & beschikking", districts=()),
        ProgrammeCard(uuid=uuid.uuid4(), name="Praten", provider="", description="",
                      min_age=4, max_age=4, audience="", access_route="",
                      districts=("Oost <wijk>",)),
        ProgrammeCard(uuid=uuid.uuid4(), name="Kort", provider="P",
                      description="Precies " + " ".join(["dertig"] * 29), min_age=3,
                      max_age=18, audience="kinderen", access_route="vrij",
                      districts=("A & B", "C", "D")),
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("count", [0, 1, 4])
def test_the_cards_are_the_templates_bytes(language, count):
    context = {"page": {"results": _cards()[:count]}}
    expected, written = rendered_both(TEMPLATE_LOOP, WRITTEN, context, language)
    assert written == expected
    assert count < 2 or ("<thuis>" not in written and "<b>" not in written)


def test_the_search_page_uses_the_written_cards():
    source = template_source("aanbod/search.html")
    assert "{{ page.results|catalogue_cards }}" in source
    assert "{% for programme in page.results %}" not in source
