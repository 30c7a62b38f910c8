"""Authorization matrix rows of the meedenker's expectations and of findings namens the meedenker.

The expectations are the meedenker's own words: like the findings, only the one named
meedenker writes them, which no cell of the matrix is, so every cell is refused.

Findings namens the meedenker are for a meedenker *without* an account only. The matrix's
consultation (rows_werkproces_consultations.world_ids) names a colleague with an account,
so every cell is refused here too, also those involved with the family: that is the refusal
the guard must make (and log). The allowed side (someone who works the case, a meedenker
without an account) is tested in tests/werkproces/test_consultation_parts.py.
"""

from __future__ import annotations

RULES = {
    "consultation_meedenker_own_words": (
        "alleen de meedenker van de consultatie (geen rol of relatie in de matrix)",
        lambda role, relation: False,
    ),
    "findings_on_behalf_account_holder": (
        "niemand: de meedenker van de matrix heeft een account en schrijft zelf",
        lambda role, relation: False,
    ),
}
FAMILY_RULES = set(RULES)

WEB = {
    "werkproces:consultation_expectations": {"POST": "consultation_meedenker_own_words"},
    "werkproces:consultation_findings_on_behalf": {"POST": "findings_on_behalf_account_holder"},
}

API = {
    "consultations_expectations_create": "consultation_meedenker_own_words",
    "consultations_findings_on_behalf_create": "findings_on_behalf_account_holder",
}

PERSONAL_DATA = set(WEB) | set(API)
