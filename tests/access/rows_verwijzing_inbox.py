"""Authorization matrix rows of the gebiedsknooppunt's side of a referral.

The inbox is any AJH-verbinder's (each sees the referrals of their own stadsdelen only:
tests/verwijzing/test_inbox_*.py); everyone else is refused and the refusal logged. A
referral's verbinder steps (take, the match page, match, forward) are for the AJH-verbinders
of the stadsdeel it was sent to. The world puts the owner's organisation in a stadsdeel and
sends a referral of a family of the owner there, so the cell "ajh_verbinder, same
organisation" is a verbinder of that stadsdeel; every other verbinder is refused, the case's
professionals are refused (not their step), a provider gets a 404 (it may not learn the
referral exists); all of it logged.
"""

from __future__ import annotations

from ketenzorg.access.rules import Relation
from tests import factories
from tests.verwijzing.inbox_chain import sent_referral


def _of_stadsdeel(role, relation):
    return role == "ajh_verbinder" and relation == Relation.SAME_ORGANISATION


RULES = {
    "verwijzing_verbinder": (
        "elke AJH-verbinder (ziet alleen de verwijzingen naar het eigen stadsdeel)",
        lambda role, relation: role == "ajh_verbinder",
    ),
    "verwijzing_stadsdeel": (
        "alleen een AJH-verbinder van het stadsdeel waar de verwijzing naartoe ging",
        _of_stadsdeel,
    ),
}
FAMILY_RULES = {"verwijzing_stadsdeel"}

WEB = {
    "verwijzing:inbox": {"GET": "verwijzing_verbinder"},
    "verwijzing:referral_take": {"POST": "verwijzing_stadsdeel"},
    "verwijzing:referral_match": {"GET": "verwijzing_stadsdeel", "POST": "verwijzing_stadsdeel"},
    "verwijzing:referral_forward": {"POST": "verwijzing_stadsdeel"},
}

API = {
    "verwijzingen_gebiedsknooppunt_list": "verwijzing_verbinder",
    "verwijzingen_take": "verwijzing_stadsdeel",
    "verwijzingen_candidates_list": "verwijzing_stadsdeel",
    "verwijzingen_match": "verwijzing_stadsdeel",
    "verwijzingen_forward": "verwijzing_stadsdeel",
}

# The inbox lists children by name; every step is on one child's referral.
PERSONAL_DATA = set(WEB) | set(API)


def world_ids(world) -> dict:
    """The owner's organisation in a stadsdeel; a referral of the owner's sent there."""
    owner, organisation = world["owner"], world["owner_org"]
    stadsdeel = factories.make_district("Proef-Verwijzing-stadsdeel")
    organisation.district = stadsdeel
    organisation.save(update_fields=["district"])
    referral = sent_referral(owner, stadsdeel, family_name="Gezin Matrixverwijzing")
    return {"__rows__": {key: {"referral_uuid": referral.uuid} for key in (*WEB, *API)}}
