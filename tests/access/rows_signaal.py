"""Authorization matrix rows of the signal function (dashboard screens and API).

The figures are aggregates after small-cell suppression, no personal data; who may see them is
the role (`access.signaal.signal_decision`): the manager/beleid role, and a member of a
governance tier whatever their role (tests/signaal/test_screens.py and test_api.py cover the
members, whom the matrix's plain professionals are not). Every refusal is logged all the same
(`REFUSALS_LOGGED`): the door logs it, and which figures someone tried to see is part of the log.
"""

from __future__ import annotations

RULES = {
    "signaal": (
        "de rol manager/beleid (en leden van het netwerkoverleg)",
        lambda role, relation: role == "manager",
    ),
}

WEB = {
    "signaal:overview": {"GET": "signaal"},
    "signaal:figure": {"GET": "signaal"},
    "signaal:figure_csv": {"GET": "signaal"},
}

API = {
    "signaal_figuren_list": "signaal",
    "signaal_figuren_retrieve": "signaal",
}

REFUSALS_LOGGED = set(WEB) | set(API)


def world_ids(world) -> dict:
    return {"figure_key": "zorgniveaus"}
