"""`in_id_list`: a set of ids of any size as one parameter, the rows `__in` gives."""

from __future__ import annotations

import pytest

from ketenzorg.core.lookups import id_list
from ketenzorg.core.prepared import PreparedQuery
from ketenzorg.network.models import District, DistrictKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def districts():
    city = District.objects.create(name="Proefstad", kind=DistrictKind.CITY)
    return [city] + [
        District.objects.create(name=f"Deel {n}", kind=DistrictKind.STADSDEEL, parent=city)
        for n in range(250)
    ]


def test_the_same_rows_as_in_for_every_size(districts):
    ids = [d.pk for d in districts]
    for chosen in ([], ids[:1], ids[3:40:3], ids[1:], [ids[0], ids[0], ids[5]]):
        listed = District.objects.filter(pk__in_id_list=id_list(chosen))
        assert sorted(listed.values_list("pk", flat=True)) == sorted(set(chosen))
        # On a foreign key too.
        children = District.objects.filter(parent_id__in_id_list=id_list(chosen))
        expected = District.objects.filter(parent_id__in=chosen)
        assert sorted(children.values_list("pk", flat=True)) == sorted(
            expected.values_list("pk", flat=True)
        )


def test_one_compiled_query_serves_every_number_of_ids(districts):
    query = PreparedQuery(
        lambda ids: District.objects.filter(pk__in_id_list=ids).order_by("pk").values_list("pk"),
        name="districts by id list",
    )
    ids = [d.pk for d in districts]
    for chosen in (ids[:2], ids[:230], [], ids[7:8]):
        assert [pk for (pk,) in query(id_list(chosen))] == sorted(chosen)
    assert len(query._compiled) == 1


def test_anything_but_the_text_of_an_id_list_is_refused():
    with pytest.raises(TypeError, match="id_list"):
        list(District.objects.filter(pk__in_id_list=[1, 2]))
    with pytest.raises(ValueError):
        id_list(["1; DROP TABLE x"])
