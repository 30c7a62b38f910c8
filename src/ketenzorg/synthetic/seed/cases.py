"""The open cases of one seeded city, placed by `ketenzorg.synthetic.cases`.

This step only wires that module to a seed run: its own generator (so the families stay the
same with or without cases), the city's staff as coordinator pools, and the runner's writer.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from django.db import connection, transaction

from ketenzorg.synthetic.cases import SeededFamily, case_rows
from ketenzorg.synthetic.seed.columns import COLUMNS
from ketenzorg.synthetic.seed.parameters import UUID_BITS, UUID_MASK
from ketenzorg.synthetic.seed.plan import CityPlan

if TYPE_CHECKING:
    from ketenzorg.synthetic.seed.runner import Seeder


def write_cases(
    seeder: Seeder, plan: CityPlan, in_care: list[SeededFamily]
) -> list[tuple[int, int, str]]:
    """One open case per family in care, written after the city's families are (FK order).

    Returns `(case id, family id, opened_on)` per case: the werkproces step builds on them."""
    # Its own generator, so adding cases changed none of the families, persons and involvements.
    rng = random.Random(f"ketenzorg-seed-cases:{seeder.tag}:{plan.index}")

    def uuid() -> str:
        return f"{(rng.getrandbits(128) & UUID_MASK) | UUID_BITS:032x}"

    pools = {
        role: {area: [s.id for s in staff] for area, staff in by_area.items()}
        for role, by_area in plan.staff.items()
    }
    placed = case_rows(
        in_care,
        rng=rng,
        reference=seeder.reference,
        pools=pools,
        ids=seeder.ids,
        uuid=uuid,
        now=seeder.now,
        adapt_datetime=connection.ops.adapt_datetimefield_value,
    )
    for level, count in placed.by_level.items():
        seeder.cases_by_level[level] = seeder.cases_by_level.get(level, 0) + count
    writer = seeder.writer

    def write():
        with transaction.atomic():
            for table, rows in placed.rows.items():
                writer.insert(table, COLUMNS[table], rows)

    seeder.drain()  # the families must be committed before their cases point at them
    seeder.submit(write, 0)
    return [(row[0], row[4], row[13]) for row in placed.rows["coordination_case"]]
