"""The public catalogue search's result cards, written in Python (decision 0019).

Through the template engine a card cost about 0.15 ms (a link, a shortened description, a
sentence with two values, four labels and the districts' names): ten cards were more than a
third of the page's render. Here the sentences are translated with the message ids the template
used and the values escaped as it escaped them. tests/aanbod/test_catalogue_cards.py holds the
output to the template's bytes.
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import truncatewords
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ketenzorg.core.addresses import uuid_address
from ketenzorg.core.written import esc, number

register = template.Library()

DESCRIPTION_WORDS = 30


@register.filter
def catalogue_cards(cards) -> SafeString:
    """The `<li class="card">` of each `ProgrammeCard`: its name (linked), provider, the start
    of its description, the ages, for whom, the access route and where."""
    age, audience, access, where = (
        gettext("Leeftijd"), gettext("Voor"), gettext("Toegang"), gettext("Waar")
    )  # fmt: skip
    ages_sentence, whole_city = gettext("%(min)s tot en met %(max)s jaar"), gettext("de hele stad")
    out = []
    for card in cards:
        ages = ages_sentence % {"min": esc(number(card.min_age)), "max": esc(number(card.max_age))}
        districts = ", ".join(esc(d) for d in card.districts) if card.districts else whole_city
        out.append(
            f'\n  <li class="card">\n'
            f'    <h2 class="card-title"><a href="{esc(uuid_address("aanbod_public:detail", card.uuid))}">'
            f"{esc(card.name)}</a></h2>\n"
            f'    <p class="muted">{esc(card.provider)}</p>\n'
            f"    <p>{esc(truncatewords(card.description, DESCRIPTION_WORDS))}</p>\n"
            f'    <dl class="facts facts-compact">\n'
            f"      <dt>{age}</dt><dd>{ages}</dd>\n"
            f"      <dt>{audience}</dt><dd>{esc(card.audience)}</dd>\n"
            f"      <dt>{access}</dt><dd>{esc(card.access_route)}</dd>\n"
            f"      <dt>{where}</dt><dd>{districts}</dd>\n"
            f"    </dl>\n"
            f"  </li>\n  "
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
