"""The case page's actions read as separate links, on screen and to a screen reader."""

from __future__ import annotations

from ketenzorg.coordination import services
from tests import factories


def test_case_actions_are_a_list_of_separate_links(page, login_as):
    okt = factories.make_professional("okt")
    family = factories.register_family(okt, name="Gezin Lijstproef")
    case = services.case_open(actor=okt.user, family=family, reason="Zorgen over school")
    login_as(okt.user)
    page.goto(f"/casussen/{case.uuid}/")
    actions = page.get_by_role("navigation", name="Acties voor deze casus")
    items = actions.get_by_role("listitem")
    assert items.count() >= 6
    links = actions.get_by_role("link")
    assert links.count() == items.count()
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    for left, right in zip(boxes, boxes[1:], strict=False):
        same_line = abs(left["y"] - right["y"]) < left["height"] / 2
        if same_line:
            gap = right["x"] - (left["x"] + left["width"])
            assert gap >= 16, f"links {gap:.0f}px apart"
    marker = items.first.evaluate("li => getComputedStyle(li).listStyleType")
    assert marker == "none"  # a bullet between flex items sits on the previous link
