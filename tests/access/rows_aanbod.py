"""Authorization matrix rows of the catalogue (aanbod op maat): its public pages and API.

Everything here is public and about no person: anyone, logged in or not, may search and read a
published programme. The maintenance rows (providers and the beheerder, four eyes) come with
those screens.
"""

from __future__ import annotations

from ketenzorg.aanbod import services
from ketenzorg.aanbod.models import AccessRoute, Audience, ProgrammeStatus
from ketenzorg.network.models import Role
from tests import factories

WEB = {
    "aanbod_public:search": {"GET": "public"},
    "aanbod_public:detail": {"GET": "public"},
}

API = {
    "aanbod_programmes_search": "public",
    "aanbod_programmes_retrieve": "public",
    "aanbod_districts_list": "public",
}


def world_ids(world) -> dict:
    """A published programme, written by a beheerder through the service."""
    beheerder = factories.make_professional(Role.BEHEERDER)
    programme = services.programme_save(
        actor=beheerder.user,
        data=services.ProgrammeInput(
            provider=factories.make_organisation("Proefaanbieder Matrix"),
            name="Slaapspreekuur Matrix", description="Hulp bij slaapproblemen.",
            audience=Audience.PARENTS, min_age=0, max_age=4, access_route=AccessRoute.OPEN,
            status=ProgrammeStatus.PUBLISHED,
        ),
    )  # fmt: skip
    return {"programme_uuid": programme.uuid}
