"""An aggregate's counts per (month, district, category), held a month at a time in arrays.

The figures suppress one month's release at a time, so the counts are wanted per month. At
nation scale the contact moments per topic are 175 000 groups a year: held as one dict of
(month, district, name) tuples they took 21 MB of a server process (its peak 35 MB above the
page before it); as three integers a group in one array per month, with every name once in a
list, they take 4 MB, and one month's dict is made only while its release is computed.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping
from datetime import date

_NO_DISTRICT = -1  # district ids are positive; a count without a district is stored as this


class MonthCounts(Mapping):
    """{(month, district id or None, category): n}, read-only once filled by `add`.

    A Mapping, so it compares equal to the plain dict of the same counts; `of_month` is what
    the figures use.
    """

    def __init__(self) -> None:
        self._months: dict[date, array] = {}
        self._index: dict[str, int] = {}
        self._names: list[str] = []

    def add(self, month: date, district: int | None, category: str, n: int) -> None:
        """One group's count; a group is added once (the rows of a GROUP BY)."""
        index = self._index.get(category)
        if index is None:
            index = self._index[category] = len(self._names)
            self._names.append(category)
        row = self._months.get(month)
        if row is None:
            row = self._months[month] = array("q")
        row.extend((_NO_DISTRICT if district is None else district, index, n))

    @property
    def categories(self) -> set[str]:
        """Every category that has a count in some month."""
        return set(self._names)

    def of_month(self, month: date) -> dict[tuple[int | None, str], int]:
        """{(district, category): n} of one month (empty when it has no counts)."""
        row = self._months.get(month)
        if row is None:
            return {}
        names = self._names
        return {
            (None if row[i] == _NO_DISTRICT else row[i], names[row[i + 1]]): row[i + 2]
            for i in range(0, len(row), 3)
        }

    def __getitem__(self, key: tuple) -> int:
        month, district, category = key
        return self.of_month(month)[(district, category)]

    def __iter__(self) -> Iterator[tuple]:
        for key, _ in self.items():
            yield key

    def items(self) -> Iterator[tuple[tuple, int]]:
        """Each month's dict once: Mapping's own `items` would look every key up again, making
        a month's dict per key (the bench's self-check compares all 175 000 at nation)."""
        for month in self._months:
            for (district, category), n in self.of_month(month).items():
                yield (month, district, category), n

    def __len__(self) -> int:
        return sum(len(row) // 3 for row in self._months.values())
