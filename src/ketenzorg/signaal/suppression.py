"""Small-cell suppression: the signal function publishes counts that never single out a child.

A *release* is a set of counts (cells) and the sums that hold between them (lines: the members
of a line add up to its total). Everything a figure shows comes from one release, and this
module decides which of its cells are hidden. The proof sketch is in docs/signaal.md,
"Privacy by construction"; in short:

1. **Primary**: every count from 1 to threshold-1 is hidden, totals included (a gebied with 7
   open cases is 7 cases, whether it is drawn as a cell or as a margin).
2. **Zeros are shown** and are never hidden to protect another cell: a 0 says "nobody", which
   points at nobody, and hiding a 0 adds nothing to the hidden sum of its line.
3. **Complementary**, per line: a line never has exactly one hidden cell (it would be its total
   minus the visible ones), and when the line's total is shown, the hidden members add up to at
   least the threshold (else the line reveals that a small group exists, and how small). The
   next cell hidden is the smallest non-zero visible member, or the total when none is left.
4. **No linear combination recovers a hidden cell**: the lines of a release are linked (a
   stadsdeel is a member of the city's line and the total of its gebieden' line), so after the
   per-line rules a hidden cell could still follow from several lines together. An exact check
   (Gaussian elimination over the rationals on the lines restricted to the hidden cells) finds
   every hidden cell the published values determine, and one more cell of one of its lines is
   hidden. Steps 3 and 4 repeat until nothing changes; the hidden set only grows, so it ends.

Filters cannot undo this because they never make a new count (docs/signaal.md): a period is
whole months, each month is its own release, and a sum over months is published only as the
sum of published cells (`combine`); an area is a node of the fixed district tree, and all nodes
of one month are in the same release, linked by their lines.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from math import gcd

DEFAULT_THRESHOLD = 10

Key = Hashable


@dataclass(frozen=True)
class Line:
    """The members add up to the total: `sum(members) == total`."""

    members: tuple[Key, ...]
    total: Key


def primary(cells: Mapping[Key, int], threshold: int) -> set[Key]:
    """The counts that are small in themselves: 1 to threshold-1 (0 is shown)."""
    return {key for key, value in cells.items() if 0 < value < threshold}


def _line_needs_more(line: Line, cells, hidden, threshold) -> bool:
    hidden_members = [m for m in line.members if m in hidden]
    count = len(hidden_members) + (line.total in hidden)
    if count == 0:
        return False
    if count == 1:
        return True
    if line.total not in hidden:
        return sum(cells[m] for m in hidden_members) < threshold
    return False


def _hide_one_more(line: Line, cells, hidden, lines_of) -> Key | None:
    """The visible member to hide next, else the line's total; None if nothing is left.

    Zeros are never chosen (hiding a 0 protects nothing). Among the others, a member whose
    other lines already hide a cell comes first, because hiding it there closes a cycle instead
    of opening a new line that needs a partner of its own; then the smallest count, so the
    least information is lost.
    """

    def fresh_lines(key) -> int:
        return sum(
            1
            for other in lines_of[key]
            if other is not line
            and other.total not in hidden
            and not any(m in hidden for m in other.members)
        )

    candidates = [m for m in line.members if m not in hidden and cells[m] > 0]
    if candidates:
        return min(candidates, key=lambda m: (fresh_lines(m), cells[m], str(m)))
    if line.total not in hidden:
        return line.total
    return None


def _systems(lines: Sequence[Line], hidden: set[Key]) -> list[tuple[list[Key], list[dict]]]:
    """The lines restricted to the hidden cells, split into independent systems.

    Two hidden cells are in one system when a chain of lines links them; a system shares no
    unknown with another, so each is solved on its own (a nation's month is hundreds of small
    systems, not one of 20 000 unknowns). Returns per system its cells (sorted) and its rows
    as {cell index: coefficient}.
    """
    order = sorted(hidden, key=str)
    column = {key: i for i, key in enumerate(order)}
    parent = list(range(len(order)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rows: list[dict[int, int]] = []
    for line in lines:
        row: dict[int, int] = {}
        for member in line.members:
            if member in column:
                row[column[member]] = row.get(column[member], 0) + 1
        if line.total in column:
            row[column[line.total]] = row.get(column[line.total], 0) - 1
        row = {c: v for c, v in row.items() if v}
        if row:
            rows.append(row)
            first, *others = row
            for other in others:
                a, b = root(first), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, tuple[list[Key], list[dict]]] = {}
    for i, key in enumerate(order):
        groups.setdefault(root(i), ([], []))[0].append(key)
    for row in rows:
        groups[root(next(iter(row)))][1].append(row)
    return [
        (keys, [{order[c]: v for c, v in row.items()} for row in system_rows])
        for keys, system_rows in groups.values()
    ]


def _combine(row: dict, pivot_row: dict, column) -> dict:
    """`row` without `column`: a * row - b * pivot_row over the integers, divided by the gcd.

    Integer rows (not fractions) keep the elimination exact and fast; the multiplier of `row`
    is never 0, so the row space over the rationals stays the same.
    """
    a, b = pivot_row[column], row[column]
    out = {c: a * v for c, v in row.items()}
    for c, v in pivot_row.items():
        value = out.get(c, 0) - b * v
        if value:
            out[c] = value
        else:
            out.pop(c, None)
    divisor = 0
    for v in out.values():
        divisor = gcd(divisor, v)
        if divisor == 1:
            return out
    return {c: v // divisor for c, v in out.items()} if divisor > 1 else out


def _fixed(keys: list[Key], rows: list[dict]) -> list[Key]:
    """The cells of one system fixed to one value, in `keys` order.

    A cell is fixed exactly when its unit vector lies in the row space, which in reduced row
    echelon form means: a row whose only non-zero entry is that cell. The basis is kept fully
    reduced through an index of the rows each column appears in, so a new pivot touches only
    the rows that hold its column (not every earlier row).
    """
    rank = {key: i for i, key in enumerate(keys)}
    pivots: dict[Key, dict[Key, int]] = {}
    holders: dict[Key, set[Key]] = {}
    for line_row in rows:
        row = dict(line_row)
        # The basis is fully reduced: combining with one pivot row leaves the others' columns.
        for key in [k for k in row if k in pivots]:
            row = _combine(row, pivots[key], key)
        if not row:
            continue
        pivot = min(row, key=rank.__getitem__)
        for other in list(holders.get(pivot, ())):
            before = pivots[other]
            after = _combine(before, row, pivot)
            for c in before.keys() - after.keys():
                holders[c].discard(other)
            for c in after.keys() - before.keys():
                holders.setdefault(c, set()).add(other)
            pivots[other] = after
        pivots[pivot] = row
        for c in row:
            holders.setdefault(c, set()).add(pivot)
    return sorted(
        (next(iter(row)) for row in pivots.values() if len(row) == 1), key=rank.__getitem__
    )


def determined(cells: Mapping[Key, int], lines: Sequence[Line], hidden: set[Key]) -> set[Key]:
    """The hidden cells that the published cells and the lines fix to one value.

    The lines restricted to the hidden cells form a linear system (the published cells move to
    the right-hand side); `_fixed` solves each independent part of it exactly, over the
    rationals.
    """
    return {key for keys, rows in _systems(lines, hidden) for key in _fixed(keys, rows)}


def suppress(
    cells: Mapping[Key, int], lines: Iterable[Line], threshold: int = DEFAULT_THRESHOLD
) -> set[Key]:
    """The cells of the release to hide, so that none under the threshold can be recovered."""
    lines = [line for line in lines if line.members]
    for line in lines:
        for key in (*line.members, line.total):
            if key not in cells:
                raise KeyError(f"line refers to an unknown cell: {key!r}")
        if sum(cells[m] for m in line.members) != cells[line.total]:
            raise ValueError(f"line does not add up: {line!r}")
    lines_of: dict = {key: [] for key in cells}
    for line in lines:
        for key in {*line.members, line.total}:
            lines_of[key].append(line)
    hidden = primary(cells, threshold)
    while True:
        changed = True
        while changed:
            changed = False
            for line in lines:
                while _line_needs_more(line, cells, hidden, threshold):
                    extra = _hide_one_more(line, cells, hidden, lines_of)
                    if extra is None:
                        break
                    hidden.add(extra)
                    changed = True
        fixed_per_system = [
            fixed for keys, rows in _systems(lines, hidden) if (fixed := _fixed(keys, rows))
        ]
        if not fixed_per_system:
            return hidden
        # One more hidden cell in every system that still fixes a cell: the systems share no
        # unknown, so what is hidden in one cannot free a cell of another.
        grew = False
        for fixed in fixed_per_system:
            for key in sorted(fixed, key=str):
                extra = next(
                    (
                        extra
                        for line in lines_of[key]
                        if (extra := _hide_one_more(line, cells, hidden, lines_of)) is not None
                    ),
                    None,
                )
                if extra is not None:
                    hidden.add(extra)
                    grew = True
                    break
        if not grew:
            # Every line of a fixed cell is wholly hidden already: only the cell's value is
            # left to give away, so the release hides everything it still shows in those lines.
            return hidden | set(cells)


@dataclass(frozen=True)
class Table:
    """A table of counts after suppression: None is a hidden cell ("<threshold" on screen).

    `row_totals[i]` is the sum of row i, `column_totals[j]` of column j, `total` of all.
    """

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    total: int | None
    threshold: int

    def cell(self, row: str, column: str) -> int | None:
        return self.cells[self.rows.index(row)][self.columns.index(column)]

    @property
    def hidden_count(self) -> int:
        inner = sum(value is None for row in self.cells for value in row)
        margins = sum(v is None for v in (*self.row_totals, *self.column_totals, self.total))
        return inner + margins


def table_release(counts: Sequence[Sequence[int]]) -> tuple[dict, list[Line]]:
    """The cells and lines of a rows × columns table with its row, column and grand totals.

    Keys: ("c", i, j) for a cell, ("r", i) for row i's total, ("k", j) for column j's, ("t",).
    """
    n_rows = len(counts)
    n_columns = len(counts[0]) if n_rows else 0
    cells: dict = {}
    for i, row in enumerate(counts):
        if len(row) != n_columns:
            raise ValueError("every row needs the same number of columns")
        for j, value in enumerate(row):
            if value < 0:
                raise ValueError("counts are never negative")
            cells[("c", i, j)] = int(value)
        cells[("r", i)] = sum(row)
    for j in range(n_columns):
        cells[("k", j)] = sum(counts[i][j] for i in range(n_rows))
    cells[("t",)] = sum(cells[("r", i)] for i in range(n_rows))
    lines = [Line(tuple(("c", i, j) for j in range(n_columns)), ("r", i)) for i in range(n_rows)]
    lines += [Line(tuple(("c", i, j) for i in range(n_rows)), ("k", j)) for j in range(n_columns)]
    lines.append(Line(tuple(("r", i) for i in range(n_rows)), ("t",)))
    lines.append(Line(tuple(("k", j) for j in range(n_columns)), ("t",)))
    return cells, lines


def suppress_table(
    counts: Sequence[Sequence[int]],
    *,
    rows: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> Table:
    """A rows × columns table with its totals, suppressed as one release."""
    cells, lines = table_release(counts)
    hidden = suppress(cells, lines, threshold)

    def shown(key):
        return None if key in hidden else cells[key]

    n_rows = len(counts)
    n_columns = len(counts[0]) if n_rows else 0
    return Table(
        rows=tuple(rows if rows is not None else (str(i) for i in range(n_rows))),
        columns=tuple(columns if columns is not None else (str(j) for j in range(n_columns))),
        cells=tuple(tuple(shown(("c", i, j)) for j in range(n_columns)) for i in range(n_rows)),
        row_totals=tuple(shown(("r", i)) for i in range(n_rows)),
        column_totals=tuple(shown(("k", j)) for j in range(n_columns)),
        total=shown(("t",)),
        threshold=threshold,
    )


def combine(published: Iterable[int | None]) -> int | None:
    """A sum over published figures (months of a period): shown only when every part is shown.

    This is the only way the query layer makes a figure for a period longer than a month. It is
    a function of published values alone, so any difference of two such sums (two overlapping
    periods) is again a sum of published cells and reveals nothing that was hidden.
    """
    total = 0
    for value in published:
        if value is None:
            return None
        total += value
    return total
