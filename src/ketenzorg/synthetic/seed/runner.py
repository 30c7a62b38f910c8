"""The run: one seeded generator, city after city, and the writing of the batches.

The steps (`network`, `aanbod`, `families`, `cases`) draw from this runner's one `random.Random` in a
fixed order, which is what makes a seed reproducible; they write through its `submit`, which
on PostgreSQL hands a batch to a writer thread while the next one is generated.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import connection
from django.utils import timezone

from ketenzorg.aanbod.models import Topic
from ketenzorg.families.models import Person
from ketenzorg.network.models import ExpertiseTag, Role
from ketenzorg.synthetic import names
from ketenzorg.synthetic.bulk import BulkWriter
from ketenzorg.synthetic.demo.city import EXPERTISE
from ketenzorg.synthetic.seed.aanbod import write_aanbod
from ketenzorg.synthetic.seed.cases import write_cases
from ketenzorg.synthetic.seed.emergency import write_emergency
from ketenzorg.synthetic.seed.families import write_families
from ketenzorg.synthetic.seed.network import write_network
from ketenzorg.synthetic.seed.parameters import (
    BSN_RANGE,
    BSN_STRIDE,
    CITY_YOUTH,
    SCALES,
    UUID_BITS,
    UUID_MASK,
    SeedOptions,
    tag_suffix,
)
from ketenzorg.synthetic.seed.werkproces import write_werkprocessen


class Seeder:
    def __init__(self, options: SeedOptions, *, progress: Callable[[int], None] | None = None):
        self.options = options
        self.tag = options.tag
        self.suffix = tag_suffix(self.tag)
        self.rng = random.Random(f"ketenzorg-seed:{self.tag}")
        self.reference = options.reference_date or timezone.localdate()
        self.progress = progress or (lambda n: None)
        self.writer = BulkWriter()
        # Role labels are lazy translations; rows need plain text, in the language of the run.
        self.capacity = {value: str(label) for value, label in Role.choices}
        now = timezone.now()
        self.now = connection.ops.adapt_datetimefield_value(now)
        self.postcode_counter = 0
        self.user_counter = 0
        self.bsn_position = self.rng.randrange(len(BSN_RANGE))
        self.taken_lookups: set[str] = set()
        self.tag_ids: list[int] = []
        self.topic_ids: dict[str, int] = {}
        self.programmes = 0
        self.bsn_skipped = 0
        self.youth_written = 0
        self.cases_by_level: dict[int, int] = {}
        self.emergency_grants = 0
        self.emergency_reviewed = 0
        self.werkproces_by_step: dict[str, int] = {}
        self.referral_by_status: dict[str, int] = {}
        self._executor: ThreadPoolExecutor | None = None
        self._pending: deque[tuple[Future, int]] = deque()

    # --- helpers for the steps -----------------------------------------------------------------

    def uuid(self) -> str:
        return f"{(self.rng.getrandbits(128) & UUID_MASK) | UUID_BITS:032x}"

    def ids(self, table: str, count: int) -> range:
        return self.writer.next_ids(table, count)

    def next_bsn(self) -> str:
        while True:
            body = BSN_RANGE.start + self.bsn_position
            self.bsn_position = (self.bsn_position + BSN_STRIDE) % len(BSN_RANGE)
            bsn = names.bsn_from_body(body)
            if bsn:
                return bsn

    def city_sizes(self) -> list[int]:
        youth = self.options.youth_total
        if youth <= SCALES["metro"]:
            return [youth]
        count = max(2, round(youth / CITY_YOUTH))
        weights = [self.rng.lognormvariate(0, 0.5) for _ in range(count)]
        total = sum(weights)
        sizes = [max(1, int(youth * w / total)) for w in weights]
        sizes[0] += youth - sum(sizes)
        return sizes

    # --- writing -------------------------------------------------------------------------------

    def submit(self, write: Callable[[], None], youth: int) -> None:
        """Write a batch; on PostgreSQL in a writer thread while the next batch is generated."""
        if self._executor is None:
            write()
            self._written(youth)
            return
        while len(self._pending) >= self.options.writers:
            self._wait_oldest()
        self._pending.append((self._executor.submit(_in_own_connection, write), youth))

    def drain(self) -> None:
        """Wait until every submitted batch is committed (before rows that point at them)."""
        while self._pending:
            self._wait_oldest()

    def _wait_oldest(self) -> None:
        future, youth = self._pending.popleft()
        future.result()
        self._written(youth)

    def _written(self, youth: int) -> None:
        self.youth_written += youth
        self.progress(youth)

    # --- the run -------------------------------------------------------------------------------

    def run(self) -> BulkWriter:
        # On PostgreSQL the server spends most of the time on COPY and index upkeep. Writer
        # threads, each with its own connection, keep that going (on more than one core)
        # while Python generates the next batch; psycopg releases the GIL while it waits.
        # Not inside an outer transaction (tests): other connections could not see its rows.
        if self.writer.is_postgres and not connection.in_atomic_block and self.options.writers > 0:
            self._executor = ThreadPoolExecutor(
                max_workers=self.options.writers, thread_name_prefix="seed-writer"
            )
        try:
            self._run()
            self.drain()
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True, cancel_futures=True)
        self.writer.finish()
        return self.writer

    def _run(self) -> None:
        self.taken_lookups = set(
            Person.objects.exclude(bsn_lookup="")
            .values_list("bsn_lookup", flat=True)
            .iterator(chunk_size=50_000)
        )
        self.tag_ids = [ExpertiseTag.objects.get_or_create(name=name)[0].pk for name in EXPERTISE]
        self.topic_ids = dict(Topic.objects.filter(is_active=True).values_list("name", "pk"))
        for index, youth in enumerate(self.city_sizes(), start=1):
            plan = write_network(self, index, youth)
            self.programmes += write_aanbod(self, plan)
            in_care = write_families(self, plan)
            if self.options.cases:
                cases = write_cases(self, plan, in_care)
                write_werkprocessen(self, plan, in_care, cases)
            write_emergency(self, plan, in_care)


def _in_own_connection(write: Callable[[], None]) -> None:
    """Run one batch in this thread's connection and close it, so no thread leaves one open."""
    try:
        write()
    finally:
        connection.close()
