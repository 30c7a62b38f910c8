"""Loading Demostad: the city first, then what each capability adds on top of it.

`make run` loads the demo after every `migrate`, so every part is idempotent: the city district
"Demostad" marks that the city is there, and a second run only prints the accounts again. Each
part is written in one transaction, so an interrupted load leaves nothing half-done behind that
would block the next try, and each is logged once as an import.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from ketenzorg.audit.models import Action
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.network.models import District, DistrictKind
from ketenzorg.synthetic.demo import (
    aanbod,
    aanbod_use,
    cases,
    emergency,
    frontdoor,
    gkp,
    signaal,
    signaal_verwijzing,
    verwijzing,
    werkproces,
)
from ketenzorg.synthetic.demo.city import CITY_NAME
from ketenzorg.synthetic.demo.families import build_families
from ketenzorg.synthetic.demo.network import build_network


@dataclass
class DemoResult:
    created: bool
    families: int = 0
    persons: int = 0
    involvements: int = 0


def demo_exists() -> bool:
    return District.objects.filter(
        name=CITY_NAME, kind=DistrictKind.CITY, parent__isnull=True
    ).exists()


def load_city() -> DemoResult:
    """The network and its families; nothing when the city is already there."""
    if demo_exists():
        return DemoResult(created=False)
    with transaction.atomic():
        written = build_families(build_network())
        # The families as subjects: the privacy officer finds, for every demo person, the entry
        # that created them.
        audit_record(
            actor=None,
            action=Action.IMPORT,
            object_type="families.Family",
            subjects=[Subject("family", u) for u in written.family_uuids],
            reason="demostad geladen",
        )
    return DemoResult(
        created=True,
        families=written.families,
        persons=written.persons,
        involvements=written.involvements,
    )


def extensions():
    """The capabilities' loaders, in the order they build on each other (each takes `stdout`)."""
    return [
        frontdoor.load_demo,
        signaal.load_demo,
        aanbod.load_demo,
        aanbod.load_maintenance_demo,
        cases.load_demo,
        aanbod_use.load_demo,
        emergency.load_demo,
        werkproces.load_demo,
        gkp.load_demo,
        verwijzing.load_demo,
        signaal_verwijzing.load_demo,
    ]
