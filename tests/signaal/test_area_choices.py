"""The signal function's area choice, read as rows and written once per language, lists what
the walk over the district tree listed, and a new district shows at once."""

import pytest
from django.utils.translation import gettext, override

from ketenzorg.network import selectors as network_selectors
from ketenzorg.network.models import DistrictKind
from ketenzorg.signaal.forms import FilterForm, area_choices
from tests import factories

pytestmark = pytest.mark.django_db


def _walked() -> list[tuple[str, str]]:
    """The choice as it was built before: a walk over `district_tree`'s instances."""
    choices = [("", gettext("Alles (hele gemeente, ook zonder gebied)"))]

    def walk(nodes, depth):
        for node in nodes:
            choices.append((str(node.district.uuid), "— " * depth + node.district.name))
            walk(node.children, depth + 1)

    walk(network_selectors.district_tree(), 0)
    return choices


def _tree():
    city = factories.make_district("Proefstad", DistrictKind.CITY)
    west = factories.make_district("West & <Zee>", parent=city)
    oost = factories.make_district("Oost", parent=city)
    factories.make_district("Westhaven", DistrictKind.GEBIED, west)
    factories.make_district("Aa-wijk", DistrictKind.GEBIED, west)
    factories.make_district("Oosterpark", DistrictKind.GEBIED, oost)
    factories.make_district("Losse wijk")  # no parent: a root of its own
    return city


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_choice_is_the_trees_walk(language):
    _tree()
    with override(language):
        assert list(area_choices()) == _walked()
        form = FilterForm({"gebied": ""})
        assert form.is_valid(), form.errors
        html = str(form["gebied"])
    assert "West &amp; &lt;Zee&gt;" in html and "— — Aa-wijk" in html


def test_a_new_district_is_offered_at_once():
    city = _tree()
    before = list(area_choices())
    new = factories.make_district("Nieuwbouw", parent=city)
    after = list(area_choices())
    assert (str(new.uuid), "— Nieuwbouw") in after and len(after) == len(before) + 1
    assert FilterForm({"gebied": str(new.uuid)}).is_valid()
