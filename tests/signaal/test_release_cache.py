"""The hidden cells of a release are remembered per release content: a look-up must give what
suppressing gives, and a release that differs in any count (or in the threshold, or in the
tree) must be suppressed afresh, never answered from an older state."""

from __future__ import annotations

import pytest

from ketenzorg.signaal.figures import AreaTree
from ketenzorg.signaal.suppression import suppress

pytestmark = pytest.mark.usefixtures("empty_release_cache")

# A city (1) with two stadsdelen (2, 3) of two gebieden each (4–7).
DISTRICTS = {
    1: ("stad", None, "Proefstad"),
    2: ("stadsdeel", 1, "Noord"),
    3: ("stadsdeel", 1, "Zuid"),
    4: ("gebied", 2, "N1"),
    5: ("gebied", 2, "N2"),
    6: ("gebied", 3, "Z1"),
    7: ("gebied", 3, "Z2"),
}
COUNTS = {(4, "a"): 12, (5, "a"): 3, (6, "a"): 14, (7, "a"): 20, (4, "b"): 0, (5, "b"): 30,
          (6, "b"): 2, (7, "b"): 11, (None, "a"): 5}  # fmt: skip


def fresh(tree, counts, additive, limit):
    cells, lines = tree.release(counts, ["a", "b"], additive=additive)
    return cells, suppress(cells, lines, limit)


@pytest.mark.parametrize("additive", [True, False])
def test_a_remembered_release_is_what_suppressing_gives(additive):
    tree = AreaTree(DISTRICTS)
    first = tree.suppressed(COUNTS, ["a", "b"], additive=additive, limit=10)
    again = AreaTree(dict(reversed(DISTRICTS.items()))).suppressed(
        COUNTS, ["a", "b"], additive=additive, limit=10
    )
    assert first == again == fresh(tree, COUNTS, additive, 10)
    assert first[1]  # the 3 and the 2 and their partners


@pytest.mark.parametrize("additive", [True, False])
def test_a_changed_count_is_suppressed_afresh(additive):
    tree = AreaTree(DISTRICTS)
    tree.suppressed(COUNTS, ["a", "b"], additive=additive, limit=10)
    changed = {**COUNTS, (5, "a"): 13, (6, "b"): 12}  # nothing small any more
    cells, hidden = tree.suppressed(changed, ["a", "b"], additive=additive, limit=10)
    assert (cells, hidden) == fresh(tree, changed, additive, 10)
    assert (5, "a") not in hidden and cells[(5, "a")] == 13


def test_another_threshold_or_tree_is_another_release():
    tree = AreaTree(DISTRICTS)
    tree.suppressed(COUNTS, ["a", "b"], additive=True, limit=10)
    assert tree.suppressed(COUNTS, ["a", "b"], additive=True, limit=3) == fresh(
        tree, COUNTS, True, 3
    )
    moved = {**DISTRICTS, 5: ("gebied", 3, "N2")}  # a gebied moved to the other stadsdeel
    other = AreaTree(moved)
    assert other.suppressed(COUNTS, ["a", "b"], additive=True, limit=10) == fresh(
        other, COUNTS, True, 10
    )
