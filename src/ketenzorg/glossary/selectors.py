"""Reading the glossary. Public data, so no access check and no audit entry."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext

from ketenzorg.core.errors import NotFound
from ketenzorg.glossary import rules
from ketenzorg.glossary.models import Term


def term_search(*, query: str = "", ranked: bool = True) -> QuerySet[Term]:
    """Terms whose name, aliases or definition contain every word of the query.

    Matching runs on the stored accent-free text, so "zorgcoordinatie" finds
    "Zorgcoördinatie". Terms whose own name matches come first, because
    someone typing a word usually wants that word's entry, not every entry
    that mentions it. Pages that group by letter ask for plain A–Z order.
    """
    terms = Term.objects.all()
    tokens = rules.query_tokens(query)
    if not tokens:
        return terms
    condition = Q()
    if not ranked:
        for token in tokens:
            condition &= Q(search_text__contains=token)
        return terms.filter(condition)
    name_match = Q()
    for token in tokens:
        condition &= Q(search_text__contains=token)
        name_match &= Q(sort_key__contains=token)
    return (
        terms.filter(condition)
        .annotate(
            _rank=Case(
                When(name_match, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("_rank", "sort_key", "term")
    )


def term_get(*, slug: str) -> Term:
    try:
        return Term.objects.prefetch_related("related").get(slug=slug)
    except Term.DoesNotExist:
        raise NotFound(
            gettext("Het begrip '%(slug)s' staat niet in de begrippenlijst.") % {"slug": slug}
        ) from None
