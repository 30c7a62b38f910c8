"""`{% begrip "zorgcoördinatie" %}`: link a word of the care network to its meaning.

Any spelling the glossary knows works (name, slug or alias; accents and case
ignored), so templates can keep the word as it reads in the sentence.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from ketenzorg.glossary import lookup

register = template.Library()


@register.simple_tag
def begrip(text, label=None):
    """Render `label` (default: `text`) as a link to the term `text` names.

    An unknown term renders as plain text for users, but is an error while
    developing and testing (see `lookup.strict`) so it gets added, not forgotten.
    """
    text = str(text)
    shown = text if label is None else str(label)
    slug = lookup.resolve(text)
    if slug is None:
        lookup.report_unknown(text)
        return shown  # simple_tag escapes it
    return format_html(
        '<a class="term-link" href="{}">{}</a>', reverse("glossary:detail", args=[slug]), shown
    )
