"""Authorization matrix rows of the catalogue in use: a programme put into a family's plan (the
case's rule: involved, with a client role) and handed to a parent from a contact moment (the
advisers). The objects come from the other modules' worlds: the case (rows_coordination), the
contact moment (rows_frontdoor), the published programme (rows_aanbod).
"""

from __future__ import annotations

WEB = {
    "coordination:programme_link": {"GET": "case", "POST": "case"},
}

API = {
    "cases_programmes_list": "case",
    "cases_programmes_create": "case",
}

# A case's programmes are about a family.
PERSONAL_DATA = set(WEB) | set(API)
