"""Every write of the werkproces: guarded first, validated, in one transaction, logged.

`steps` moves the werkproces through its table (decision 0014); `consultations` asks a
meedenker, keeps the findings and the joint evaluation. Callers import from here.
"""

from ketenzorg.werkproces.services.consultations import (
    NO_CONSENT,
    consultation_ask,
    consultation_evaluate,
    finding_write,
    finding_write_on_behalf,
    meedenker_expectation_add,
)
from ketenzorg.werkproces.services.steps import step_evaluate, step_take, werkproces_start

__all__ = [
    "NO_CONSENT",
    "consultation_ask",
    "consultation_evaluate",
    "finding_write",
    "finding_write_on_behalf",
    "meedenker_expectation_add",
    "step_evaluate",
    "step_take",
    "werkproces_start",
]
