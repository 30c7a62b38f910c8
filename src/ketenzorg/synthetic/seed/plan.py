"""A city's plan: what the network step hands to the families and cases steps.

The families need the gebieden (with their postcodes and youth counts) and who can be
involved per role and stadsdeel; carrying that in memory saves reading the network back.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Staff:
    """A professional as the family generator needs them: ids and what to write as capacity."""

    id: int
    organisation_id: int
    capacity: str
    role: str = ""


@dataclass
class Gebied:
    id: int
    stadsdeel: int  # index within the city
    prefixes: list[str]
    youth: int


@dataclass
class CityPlan:
    index: int
    youth: int
    gebieden: list[Gebied] = field(default_factory=list)
    # role → stadsdeel index → staff; city-wide roles under key -1
    staff: dict[str, dict[int, list[Staff]]] = field(default_factory=dict)
