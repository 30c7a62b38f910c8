"""A city's plan: what the network step hands to the families, cases and catalogue steps.

The families need the gebieden (with their postcodes and youth counts) and who can be
involved per role and stadsdeel; carrying that in memory saves reading the network back. The catalogue needs the districts
and organisations by name.
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
    name: str = ""


@dataclass
class CityPlan:
    index: int
    youth: int
    city_id: int = 0
    city_name: str = ""
    stadsdelen: list[tuple[int, str]] = field(default_factory=list)  # (id, name) in order
    gebieden: list[Gebied] = field(default_factory=list)
    # organisation key ("jgz", "aanbieder:0", ...) → (id, name): the catalogue's providers
    organisations: dict[str, tuple[int, str]] = field(default_factory=dict)
    # role → stadsdeel index → staff; city-wide roles under key -1
    staff: dict[str, dict[int, list[Staff]]] = field(default_factory=dict)
