"""A page of the catalogue search, as prepared queries (`core.prepared`) per shape of search.

The search's SQL is the same for every search of one shape — which filters are set, how many
words and how each splits into parts, which page — but for the values. Built as a queryset on
each request, the ORM took longer to write it (the filters, an `EXISTS` per district filter, a
`CASE` per word for the rank) and the count beside it than the database took to answer both.
Here each shape is compiled once per process and a search only swaps in its values: the age,
the topic, the districts that cover the chosen one, the index's query text and the terms that
rank a word in the name.

A page's programmes are found as their ids with the total as a window over the same hits (one
statement, narrow rows); each caller then reads the columns it shows for those ids. The public
page, whose cards are narrow, reads its columns with the hits (`page_query`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When, Window
from django.db.models.functions import Collate

from ketenzorg.aanbod import rules
from ketenzorg.aanbod.models import Programme, ProgrammeStatus
from ketenzorg.aanbod.search.analyzer import QueryWord
from ketenzorg.aanbod.search.engine import match_text, text_condition_for
from ketenzorg.core.prepared import PreparedQuery

NAME_HIT, TEXT_HIT = 2, 1


@dataclass(frozen=True)
class Filters:
    """A search's filters, resolved to what its SQL takes: the child's age, the topic's id, the
    ids of the chosen district and of those above it (empty: the whole city) and the words."""

    age: int | None = None
    topic_id: int | None = None
    covering: tuple[int, ...] = ()
    words: tuple[QueryWord, ...] = ()

    @property
    def shape(self) -> tuple:
        """What the SQL depends on: which filters are set, and per word the number of terms of
        each of its alternatives (the whole stem; its parts)."""
        return (
            self.age is not None,
            self.topic_id is not None,
            bool(self.covering),
            tuple(tuple(len(a) for a in w.alternatives()) for w in self.words),
        )

    @property
    def values(self) -> tuple:
        """The values in the order the shape's builder takes them."""
        values: list = []
        if self.age is not None:
            values.append(self.age)
        if self.topic_id is not None:
            values.append(self.topic_id)
        if self.covering:
            values.append(self.covering)
        if self.words:
            values.append(match_text(list(self.words)))
            values += [f" {t} " for w in self.words for a in w.alternatives() for t in a]
        return tuple(values)


def _bytewise(expression: str):
    return Collate(expression, "C" if connection.vendor == "postgresql" else "BINARY")


def _ordered(shape: tuple, values: tuple):
    """The published programmes that pass the filters, best first (more words in the name),
    then by name, then by uuid (deterministic). A district covers itself, the districts above
    it and the programmes for the whole city (those with no district)."""
    has_age, has_topic, has_district, words = shape
    given = iter(values)
    queryset = Programme.objects.filter(status=ProgrammeStatus.PUBLISHED)
    if has_age:
        age = next(given)
        queryset = queryset.filter(min_age__lte=age, max_age__gte=age)
    if has_topic:
        topics = Programme.topics.through.objects
        queryset = queryset.filter(
            Exists(topics.filter(programme_id=OuterRef("pk"), topic_id=next(given)))
        )
    if has_district:
        districts = Programme.districts.through.objects
        queryset = queryset.filter(
            Exists(districts.filter(programme_id=OuterRef("pk"), district_id__in=next(given)))
            | ~Exists(districts.filter(programme_id=OuterRef("pk")))
        )
    if not words:
        return queryset.order_by(_bytewise("sort_name").asc(), "uuid")
    queryset = queryset.filter(text_condition_for(next(given)))
    # Per word: NAME_HIT when the name holds it (its whole stem or all its parts), else
    # TEXT_HIT (it matched somewhere, or it would not be a hit).
    rank = Value(0)
    for alternatives in words:
        in_name = Q()
        for term_count in alternatives:
            every = Q()
            for _ in range(term_count):
                every &= Q(name_terms__contains=next(given))
            in_name |= every
        rank = rank + Case(
            When(in_name, then=Value(NAME_HIT)),
            default=Value(TEXT_HIT),
            output_field=IntegerField(),
        )
    return queryset.annotate(rank=rank).order_by("-rank", _bytewise("sort_name").asc(), "uuid")


@functools.lru_cache(maxsize=512)
def _page_query(shape: tuple, start: int, size: int, columns: tuple = ("pk",)) -> PreparedQuery:
    return PreparedQuery(
        lambda *values: (
            _ordered(shape, values)
            .annotate(total=Window(Count("pk")))
            .values_list(*columns, "total")[start : start + size]
        ),
        name=f"a page of the catalogue search {shape} {columns}",
    )


def page_query(filters: Filters, *, page: int, size: int, columns: tuple) -> tuple:
    """A page of hits as rows of `columns` with the total last, as a `together` call: for a
    reader that needs nothing resolved first (the public page without a topic or area), whose
    hits then go to the server in the same round trip as its other reads."""
    start = (max(1, page) - 1) * size
    return (_page_query(filters.shape, start, size, columns), *filters.values)


def page_ids(filters: Filters, *, page: int, size: int) -> tuple[list[int], int, int]:
    """The ids of a page of hits in their order, the total and the page shown: a page past the
    end shows the last one, so a link never lands on an empty page."""
    shape, values, page = filters.shape, filters.values, max(1, page)
    rows = _page_query(shape, (page - 1) * size, size)(*values)
    if not rows and page > 1:  # past the end: how many there are, then the last page
        page = last_page(filters, size=size)
        rows = _page_query(shape, (page - 1) * size, size)(*values)
    return [pk for pk, _ in rows], (rows[0][1] if rows else 0), page


def last_page(filters: Filters, *, size: int) -> int:
    """The last page there is (1 when nothing is found)."""
    counted = _page_query(filters.shape, 0, 1)(*filters.values)
    return rules.page_count(counted[0][1] if counted else 0, size)
