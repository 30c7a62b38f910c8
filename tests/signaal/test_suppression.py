"""Small-cell suppression: known tables, and the differencing attacks tried by brute force."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketenzorg.signaal.suppression import (
    Line,
    combine,
    determined,
    suppress,
    suppress_table,
    table_release,
)


def other_release(cells, lines, hidden, target):
    """A different table that agrees with every published value but not with `target`.

    Tries every change of -1, 0 or +1 to each hidden cell (depth-first, a line checked as soon
    as all its hidden cells have their change) and keeps the counts non-negative. Independent
    of the suppression code: it only adds and compares. Returns the changed cells or None.
    """
    order = sorted(hidden, key=str)
    complete_after = {}
    for line in lines:
        keys = [k for k in (*line.members, line.total) if k in hidden]
        if keys:
            complete_after.setdefault(max(order.index(k) for k in keys), []).append(line)
    change: dict = {}

    def holds(line):
        moved = sum(change.get(m, 0) for m in line.members) - change.get(line.total, 0)
        return moved == 0

    def search(i):
        if i == len(order):
            return dict(change) if change.get(target, 0) else None
        key = order[i]
        for step in (1, -1, 0):
            if cells[key] + step < 0:
                continue
            change[key] = step
            if all(holds(line) for line in complete_after.get(i, ())):
                found = search(i + 1)
                if found:
                    return found
        del change[key]
        return None

    return search(0)


def assert_unrecoverable(cells, lines, hidden, threshold):
    for key in hidden:
        if cells[key] == 0:
            continue
        witness = other_release(cells, lines, hidden, key)
        assert witness is not None, f"{key} = {cells[key]} follows from the published values"
        changed = {k: cells[k] + witness.get(k, 0) for k in cells}
        for line in lines:  # the witness really is a table with the same published values
            assert sum(changed[m] for m in line.members) == changed[line.total]
        assert all(changed[k] == cells[k] for k in cells if k not in hidden)
    for line in lines:
        hidden_members = [m for m in line.members if m in hidden]
        shown_total = line.total not in hidden
        assert len(hidden_members) + (not shown_total) != 1
        if hidden_members and shown_total:
            # total minus the visible cells: the hidden group itself is never a small count
            assert (
                cells[line.total] - sum(cells[m] for m in line.members if m not in hidden)
                >= threshold
            )


def test_one_small_cell_hides_a_rectangle():
    table = suppress_table([[3, 20, 15], [12, 30, 25], [40, 22, 18]])
    assert table.cells == ((None, 20, None), (None, 30, None), (40, 22, 18))
    assert table.row_totals == (38, 67, 80)
    assert table.column_totals == (55, 72, 58)
    assert table.total == 185
    assert table.hidden_count == 4


def test_two_small_cells_in_a_row_that_add_up_under_the_threshold_need_a_third():
    # 3 + 4 = 7: hiding only those two would publish "7 in these two columns".
    table = suppress_table([[3, 4, 50], [12, 30, 25], [40, 22, 18]])
    row = table.cells[0]
    assert row.count(None) == 3
    cells, lines = table_release([[3, 4, 50], [12, 30, 25], [40, 22, 18]])
    hidden = suppress(cells, lines)
    assert_unrecoverable(cells, lines, hidden, 10)


def test_zero_is_shown_and_never_hides_a_neighbour():
    table = suppress_table([[0, 5, 50], [0, 30, 25], [40, 22, 18]])
    assert table.cells[0][0] == 0 and table.cells[1][0] == 0
    assert table.cells[0][1] is None  # the 5
    assert table.cells[0][2] is None  # its partner is the 50, not the 0 beside it


def test_a_small_total_is_hidden_like_a_cell():
    table = suppress_table([[3, 4], [5, 6]])
    assert table.row_totals == (None, None) and table.column_totals == (None, None)
    assert table.total == 18


def test_a_two_by_two_with_one_small_cell_hides_all_four():
    table = suppress_table([[50, 60], [70, 2]])
    assert table.cells == ((None, None), (None, None))
    assert (table.row_totals, table.column_totals, table.total) == ((110, 72), (120, 62), 182)


def test_all_large_is_all_shown():
    table = suppress_table([[10, 11], [12, 13]], rows=["a", "b"], columns=["x", "y"])
    assert table.hidden_count == 0 and table.cell("b", "y") == 13


def test_threshold_is_a_parameter():
    assert suppress_table([[3, 20], [20, 20]], threshold=3).hidden_count == 0
    assert suppress_table([[3, 20], [20, 20]], threshold=4).hidden_count == 4


def test_a_line_that_does_not_add_up_is_refused():
    with pytest.raises(ValueError):
        suppress({"a": 1, "t": 3}, [Line(("a",), "t")])


def test_linked_lines_a_gebied_is_not_recovered_through_the_stadsdeel():
    # city = north + south; north = n1 + n2; south = s1 + s2. One small gebied, n1 = 4.
    cells = {"city": 104, "north": 50, "south": 54, "n1": 4, "n2": 46, "s1": 30, "s2": 24}
    lines = [
        Line(("north", "south"), "city"),
        Line(("n1", "n2"), "north"),
        Line(("s1", "s2"), "south"),
    ]
    hidden = suppress(cells, lines)
    assert {"n1", "n2"} <= hidden
    assert not determined(cells, lines, hidden)
    assert_unrecoverable(cells, lines, hidden, 10)


def test_determined_sees_a_cell_fixed_by_two_lines_together():
    # a + b = 20 and b = c (b - c = 0 from a second line) with c published: b follows.
    cells = {"a": 5, "b": 15, "t": 20, "c": 15, "u": 15}
    lines = [Line(("a", "b"), "t"), Line(("b",), "u")]
    assert determined(cells, lines, {"a", "b"}) == {"a", "b"}


small_counts = st.one_of(st.integers(0, 12), st.integers(13, 40))


@given(
    st.integers(2, 3).flatmap(
        lambda r: st.integers(2, 3).flatmap(
            lambda c: st.lists(
                st.lists(small_counts, min_size=c, max_size=c), min_size=r, max_size=r
            )
        )
    )
)
def test_no_suppressed_cell_is_recovered_from_the_totals(counts):
    cells, lines = table_release(counts)
    hidden = suppress(cells, lines)
    assert all(cells[k] >= 10 or cells[k] == 0 or k in hidden for k in cells)
    assert not determined(cells, lines, hidden)
    assert_unrecoverable(cells, lines, hidden, 10)


def city_release(gebieden):
    """A city of stadsdelen (s,), each the sum of its gebieden (s, g); the city is ()."""
    cells, lines = {}, []
    for s, counts in enumerate(gebieden):
        members = tuple((s, g) for g in range(len(counts)))
        for g, value in enumerate(counts):
            cells[(s, g)] = value
        cells[(s,)] = sum(counts)
        lines.append(Line(members, (s,)))
    cells[()] = sum(cells[(s,)] for s in range(len(gebieden)))
    lines.append(Line(tuple((s,) for s in range(len(gebieden))), ()))
    return cells, lines


@given(st.lists(st.lists(small_counts, min_size=2, max_size=3), min_size=2, max_size=2))
def test_a_hierarchy_of_areas_keeps_its_small_gebieden(gebieden):
    """Two stadsdelen of a city, each with 2–3 gebieden: city, stadsdelen and gebieden are
    one release, so asking for a stadsdeel and for its gebieden cannot be subtracted."""
    cells, lines = city_release(gebieden)
    hidden = suppress(cells, lines)
    assert_unrecoverable(cells, lines, hidden, 10)


def test_two_overlapping_periods_subtracted_reveal_nothing_hidden():
    # Months: each its own release; March's 3 is hidden there.
    months = {
        "jan": suppress_table([[30, 12]]),
        "feb": suppress_table([[25, 14]]),
        "mrt": suppress_table([[3, 40]]),
    }
    first = {m: t.cells[0][0] for m, t in months.items()}
    assert first["mrt"] is None
    jan_feb = combine([first["jan"], first["feb"]])
    jan_mrt = combine([first["jan"], first["feb"], first["mrt"]])
    assert jan_feb == 55
    assert jan_mrt is None  # a period is only a sum of published months
    # March's 40 is hidden as the 3's partner (the month total is shown), so no sum over
    # periods gives it either.
    assert months["mrt"].cells[0] == (None, None) and months["mrt"].row_totals == (43,)
    assert combine(t.cells[0][1] for t in months.values()) is None


@given(st.lists(st.integers(0, 30), min_size=2, max_size=8), st.data())
def test_any_two_periods_differ_by_a_sum_of_published_months(monthly, data):
    published = [v if v == 0 or v >= 10 else None for v in monthly]
    a = data.draw(st.integers(0, len(monthly) - 1))
    b = data.draw(st.integers(a, len(monthly) - 1))
    c = data.draw(st.integers(a, b))
    longer = combine(published[a : b + 1])
    shorter = combine(published[a : c + 1])
    if longer is not None and shorter is not None:
        rest = published[c + 1 : b + 1]
        assert None not in rest and longer - shorter == sum(rest)


def _rank(rows: list[list]) -> int:
    """Dense Gaussian elimination over the rationals: the test's own, independent of the code."""
    from fractions import Fraction

    matrix = [[Fraction(v) for v in row] for row in rows]
    rank = 0
    for col in range(len(matrix[0]) if matrix else 0):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][col]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for r in range(len(matrix)):
            if r != rank and matrix[r][col]:
                factor = matrix[r][col] / matrix[rank][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        rank += 1
    return rank


@given(
    st.lists(st.lists(st.integers(0, 11), min_size=2, max_size=4), min_size=1, max_size=4),
    st.data(),
)
def test_determined_is_exactly_the_cells_the_lines_fix(gebieden, data):
    """A cell is fixed when adding its unit vector to the lines (restricted to the hidden
    cells) does not raise their rank; `determined` must find exactly those, also when the
    release falls apart into several independent systems."""
    cells, lines = city_release(gebieden)
    keys = sorted(cells, key=str)
    hidden = set(data.draw(st.lists(st.sampled_from(keys), unique=True)))
    order = sorted(hidden, key=str)

    def row_of(line):
        return [sum(m == key for m in line.members) - (line.total == key) for key in order]

    rows = [row for row in map(row_of, lines) if any(row)]
    expected = {
        key
        for i, key in enumerate(order)
        if _rank(rows + [[int(j == i) for j in range(len(order))]]) == _rank(rows)
    }
    assert determined(cells, lines, hidden) == expected
