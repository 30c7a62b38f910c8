"""Authorization matrix rows of the catalogue in use: a programme put into a family's plan (the
case's rule: involved, with a client role) and handed to a parent from a contact moment (the
advisers). The objects come from the other modules' worlds: the case (rows_coordination), the
contact moment (rows_frontdoor), the published programme (rows_aanbod).
"""

from __future__ import annotations

WEB = {
    "coordination:programme_link": {"GET": "case", "POST": "case"},
    "frontdoor:contact_hand_programme": {"GET": "advice", "POST": "advice"},
    "frontdoor:programme_print": {"GET": "advice"},
}

API = {
    "cases_programmes_list": "case",
    "cases_programmes_create": "case",
    "frontdoor_contact_moments_programmes_list": "advice",
    "frontdoor_contact_moments_programmes_hand": "advice",
}

# A case's programmes and a contact moment's handed programmes are about a family or a parent;
# the print page shows a published programme and nothing about anyone.
PERSONAL_DATA = (set(WEB) | set(API)) - {"frontdoor:programme_print"}
