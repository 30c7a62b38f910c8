"""Synthetic cities at benchmark size: a city, a metro, the whole country.

Everything a benchmark of need-to-know access needs is here in realistic
proportions: districts, the network's organisations and professionals (one
casework professional per ~150 youth), families of 1–4 children and 1–2
parents, and involvements following the zorgpiramide — 85 % of families have
no active involvement, the rest one or two professionals (level 2), three or
four (level 3) or more, with a coordinator or brandpuntfunctionaris where the
level calls for one. Every family with an active involvement has an open case,
its level by the counting rule, with coordinators, overleg and agreements
(`ketenzorg.synthetic.cases`; `--no-cases` leaves them out). A few families per thousand
had the glass broken on them in the past year, with reviews and logged uses (`emergency`). Each
city has a catalogue of help (`aanbod`): a few hundred searchable programmes of its providers.

Determinism: one `random.Random` seeded from (scale, seed, youth) draws every
name, date, structure choice and UUID in a fixed order, so the same seed gives
the same data. Birthdates and involvement dates count back from a reference
date (today unless `--reference-date` pins it), so ages stay right on later
days. Only ciphertexts (random nonces), timestamps and the ids of access-log entries differ
between runs.

Every run has a tag (e.g. `city-s1`) in the names of its top-level districts,
organisations and usernames: that keeps runs apart from each other and from
the demo, and lets `--replace` find exactly one run's data.

The package, one step per module: `parameters` (scales, proportions, options), `columns` (the
raw row layout), `plan` (what the network step hands on), `network`, `aanbod`, `families`,
`cases`, `werkproces` and `emergency` (the steps of one city), `runner` (the seeded run and its writing), `wipe` (finding and
removing a run). Callers use the names re-exported here.
"""

from ketenzorg.synthetic.seed.columns import COLUMNS, NETWORK_TABLES
from ketenzorg.synthetic.seed.parameters import SCALES, SeedOptions, seed_tag, tag_suffix
from ketenzorg.synthetic.seed.runner import Seeder
from ketenzorg.synthetic.seed.wipe import existing_tags, seed_exists, wipe

__all__ = [
    "COLUMNS",
    "NETWORK_TABLES",
    "SCALES",
    "SeedOptions",
    "Seeder",
    "existing_tags",
    "seed_exists",
    "seed_tag",
    "tag_suffix",
    "wipe",
]
