"""Authorization matrix rows of the catalogue's maintenance: providers (the aanbieder role, own
organisation only), the beheerder (all, and the approval queue: four eyes), the professionals'
view and the public open-data export.

The "same_organisation" column is the provider of the world's programme: an aanbieder there may
keep it, an aanbieder of any other organisation is refused. The catalogue holds no personal
data, but every refusal here is logged all the same (`REFUSALS_LOGGED`).
"""

from __future__ import annotations

from datetime import date

from ketenzorg.aanbod import services
from ketenzorg.aanbod.models import AccessRoute, Audience, ProgrammeStatus
from ketenzorg.access.rules import Relation
from ketenzorg.network.models import Role
from tests import factories

RULES = {
    "aanbod_maintainers": (
        "aanbieders (eigen organisatie) en de functioneel beheerder",
        lambda role, relation: role in {"aanbieder", "beheerder"},
    ),
    "aanbod_own": (
        "de functioneel beheerder, en een aanbieder van de organisatie van het aanbod",
        lambda role, relation: (
            role == "beheerder" or (role == "aanbieder" and relation == Relation.SAME_ORGANISATION)
        ),
    ),
}
# Rules whose outcome depends on the actor's organisation: their cells run in every column.
FAMILY_RULES = {"aanbod_own"}

WEB = {
    "aanbod_public:open_data": {"GET": "public"},
    "aanbod:professional_detail": {"GET": "client_roles"},
    "aanbod_beheer:list": {"GET": "aanbod_maintainers"},
    "aanbod_beheer:create": {"GET": "aanbod_maintainers", "POST": "aanbod_maintainers"},
    "aanbod_beheer:import": {"GET": "aanbod_maintainers", "POST": "aanbod_maintainers"},
    "aanbod_beheer:export": {"GET": "aanbod_maintainers"},
    "aanbod_beheer:detail": {"GET": "aanbod_own"},
    "aanbod_beheer:edit": {"GET": "aanbod_own", "POST": "aanbod_own"},
    "aanbod_beheer:waiting_time_confirm": {"POST": "aanbod_own"},
    "aanbod_beheer:queue": {"GET": "network_admin"},
    "aanbod_beheer:revision": {"GET": "network_admin"},
    "aanbod_beheer:approve": {"POST": "network_admin"},
    "aanbod_beheer:reject": {"POST": "network_admin"},
}

API = {
    "aanbod_open_data": "public",
    "aanbod_programmes_professional_retrieve": "client_roles",
    "aanbod_maintenance_list": "aanbod_maintainers",
    "aanbod_maintenance_create": "aanbod_maintainers",
    "aanbod_maintenance_retrieve": "aanbod_own",
    "aanbod_maintenance_update": "aanbod_own",
    "aanbod_maintenance_waiting_time_confirm": "aanbod_own",
    "aanbod_maintenance_history": "aanbod_own",
    "aanbod_revisions_list": "network_admin",
    "aanbod_revisions_retrieve": "network_admin",
    "aanbod_revisions_approve": "network_admin",
    "aanbod_revisions_reject": "network_admin",
}

REFUSALS_LOGGED = {name for name, spec in WEB.items() if "public" not in spec.values()} | {
    op for op, rule in API.items() if rule != "public"
}


def world_ids(world) -> dict:
    """A published programme of the world's organisation (it replaces rows_aanbod's, which
    any published programme serves) with a proposal of its aanbieder waiting for approval."""
    beheerder = factories.make_professional(Role.BEHEERDER)
    aanbieder = factories.make_professional(Role.AANBIEDER, organisation=world["owner_org"])
    programme = services.programme_save(
        actor=beheerder.user,
        data=services.ProgrammeInput(
            provider=world["owner_org"], name="Slaapcursus Matrix", description="Beter slapen.",
            audience=Audience.PARENTS, min_age=0, max_age=4, access_route=AccessRoute.OPEN,
            status=ProgrammeStatus.PUBLISHED, waiting_weeks=2,
            waiting_confirmed_on=date(2026, 11, 1),
        ),
    )  # fmt: skip
    data = services.ProgrammeInput(
        provider=world["owner_org"], name="Slaapcursus Matrix", description="Nog beter slapen.",
        audience=Audience.PARENTS, min_age=0, max_age=4, access_route=AccessRoute.OPEN,
        status=ProgrammeStatus.PUBLISHED, waiting_weeks=2, waiting_confirmed_on=date(2026, 11, 1),
    )  # fmt: skip
    revision = services.programme_change(actor=aanbieder.user, programme=programme, data=data)
    return {"programme_uuid": programme.uuid, "revision_uuid": revision.revision.uuid}
