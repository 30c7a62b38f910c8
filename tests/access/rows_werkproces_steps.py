"""Authorization matrix rows of the werkproces steps of a case (page and API).

The werkproces is worked by whoever may work the case (`access.werkproces`), so every
row follows the case's rule from rows_coordination.py and needs its `case_uuid`. No
werkproces is started for the world: a refused request is refused before that matters,
and an allowed empty POST is answered by the form or the serializer (400), or by the
state (a werkproces not started yet: 400 on the page, 409 in the API).
"""

from __future__ import annotations

WEB = {
    "werkproces:case": {"GET": "case"},
    "werkproces:start": {"POST": "case"},
    "werkproces:evaluate": {"POST": "case"},
    "werkproces:continue": {"POST": "case"},
    "werkproces:stop": {"POST": "case"},
    "werkproces:back": {"POST": "case"},
    "werkproces:resume": {"POST": "case"},
}

API = {
    "cases_werkproces_retrieve": "case",
    "cases_werkproces_evaluations_create": "case",
    "cases_werkproces_transitions_create": "case",
}

# Every row reads or changes a family's case.
PERSONAL_DATA = set(WEB) | set(API)
