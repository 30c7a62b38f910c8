"""Authorization matrix rows of the professional's own entry in the expertise directory.

Every professional keeps their own availability and expertise (the matrix's users all have a
professional, also beheer, privacy and management); anonymous users meet the login wall.
It is about the professional, not a family, so it is not personal data of the matrix.
"""

from __future__ import annotations

WEB = {
    "network:my_availability": {"GET": "professional", "POST": "professional"},
}

API = {
    "professionals_my_availability_retrieve": "professional",
    "professionals_my_availability_update": "professional",
}
