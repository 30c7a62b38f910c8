"""Authorization matrix rows of the provider's side of a referral.

The world: a family of its own (registered by the world's owner, in a gebied of a stadsdeel
with its own gebiedsknooppunt), its case taken to the step "verwijzen", and a referral sent,
matched to a programme of the owner's organisation and forwarded to it — so the cell
"aanbieder, same organisation" is the staff of the provider the referral was forwarded to.
Every other aanbieder gets the 404 of an unknown referral (logged); every other role is
refused (logged). The list is any aanbieder's (each sees only their own organisation's,
tests/verwijzing/test_provider_screens.py). The iJw export is also for the case's
professionals and the stadsdeel's AJH-verbinders; in this world none of the matrix's actors
is either (the family is not the world's family), tests/verwijzing/test_ijw_export.py shows
them fetching it.
"""

from __future__ import annotations

from ketenzorg.access.rules import Relation
from tests.verwijzing.provider_world import build_forwarded


def _provider_staff(role, relation):
    return role == "aanbieder" and relation == Relation.SAME_ORGANISATION


RULES = {
    "verwijzing_aanbieder": (
        "elke medewerker van een jeugdhulpaanbieder (ziet alleen wat aan de eigen organisatie "
        "is doorgestuurd)",
        lambda role, relation: role == "aanbieder",
    ),
    "verwijzing_doorgestuurd": (
        "alleen de medewerkers van de aanbieder aan wie de verwijzing is doorgestuurd",
        _provider_staff,
    ),
}
FAMILY_RULES = {"verwijzing_doorgestuurd"}

WEB = {
    "verwijzing:provider_list": {"GET": "verwijzing_aanbieder"},
    **{
        f"verwijzing:{name}": {"GET": "verwijzing_doorgestuurd", "POST": "verwijzing_doorgestuurd"}
        for name in (
            "referral_accept",
            "referral_decline",
            "referral_request_documents",
            "referral_first_contact",
            "referral_start_care",
            "referral_end_care",
        )
    },
    "verwijzing:ijw_message": {"GET": "verwijzing_doorgestuurd"},
}

API = {
    "verwijzingen_aanbieder_list": "verwijzing_aanbieder",
    "verwijzingen_accepteren": "verwijzing_doorgestuurd",
    "verwijzingen_afwijzen": "verwijzing_doorgestuurd",
    "verwijzingen_documenten_opvragen": "verwijzing_doorgestuurd",
    "verwijzingen_eerste_contact": "verwijzing_doorgestuurd",
    "verwijzingen_start_zorg": "verwijzing_doorgestuurd",
    "verwijzingen_einde_zorg": "verwijzing_doorgestuurd",
    "verwijzingen_ijw_retrieve": "verwijzing_doorgestuurd",
    "verwijzingen_ijw_xml_retrieve": "verwijzing_doorgestuurd",
}

# Everything here is about a child: its name, its referral, its BSN in the iJw message.
PERSONAL_DATA = set(WEB) | set(API)


def world_ids(world) -> dict:
    """A referral forwarded to the owner's organisation, built through the real services."""
    referral = build_forwarded(world["owner"], world["owner_org"])
    ids = {"referral_uuid": referral.uuid, "kind": "JW301"}
    return {"__rows__": {key: ids for key in (*WEB, *API)}}
