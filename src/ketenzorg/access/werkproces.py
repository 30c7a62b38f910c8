"""Need-to-know for the OKT werkproces and its consultations.

The werkproces is part of the family's case, so working it needs what working the case
needs (`access.coordination.case_change_decision`: involved, a coordinator, or a running
emergency grant). A consultation adds one person: its meedenker, who is usually not
involved with the family. The meedenker sees the consultation only (the question and
the summary; on name also the parts the professional shared, while the family's consent
covers them), never the family's own pages, and only until `access_until` (the period
plus a short grace to finish the findings). Only the meedenker writes findings.
"""

from __future__ import annotations

from django.utils import timezone

from ketenzorg.access import coordination, policy
from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Basis
from ketenzorg.werkproces.models import Consultation

DENY_NOT_MEEDENKER = Decision(False, Basis.NONE, "niet de meedenker van deze consultatie")
DENY_ENDED = Decision(False, Basis.NONE, "consultatie afgelopen")
DENY_HAS_ACCOUNT = Decision(False, Basis.NONE, "meedenker heeft een eigen account")


def werkproces_decision(user, case) -> Decision:
    """Seeing and working the werkproces: the same need-to-know as the case."""
    return coordination.case_change_decision(user, case)


def is_meedenker(user, consultation: Consultation) -> bool:
    professional = policy.professional_of(user)
    return professional is not None and professional.pk == consultation.meedenker_id


def meedenker_decision(user, consultation: Consultation, now=None) -> Decision:
    """The meedenker, during the period and the grace after it."""
    if not is_meedenker(user, consultation):
        return DENY_NOT_MEEDENKER
    if (now or timezone.now()) >= consultation.access_until:
        return DENY_ENDED
    return Decision(True, Basis.CONSULTATION, "meedenker van de consultatie")


def consultation_view_decision(user, consultation: Consultation, now=None) -> Decision:
    """Those who work the case see every consultation of it; the meedenker sees their own."""
    if is_meedenker(user, consultation):
        as_meedenker = meedenker_decision(user, consultation, now)
        if as_meedenker:
            return as_meedenker
        # A meedenker who is also involved with the family keeps seeing it as involved.
        as_involved = coordination.case_view_decision(user, consultation.werkproces.case)
        return as_involved if as_involved else as_meedenker
    return coordination.case_view_decision(user, consultation.werkproces.case)


def findings_write_decision(user, consultation: Consultation, now=None) -> Decision:
    """Findings are the meedenker's own words: nobody else writes them."""
    return meedenker_decision(user, consultation, now)


def expectations_write_decision(user, consultation: Consultation, now=None) -> Decision:
    """What the meedenker expects back is the meedenker's own word, like the findings."""
    return meedenker_decision(user, consultation, now)


def findings_on_behalf_decision(user, consultation: Consultation, now=None) -> Decision:
    """Findings "namens" a meedenker without an account: recorded by someone who works the
    case, until `access_until`. A meedenker with an account writes their own, so nobody
    writes for them."""
    if consultation.meedenker.user_id is not None:
        return DENY_HAS_ACCOUNT
    if (now or timezone.now()) >= consultation.access_until:
        return DENY_ENDED
    return werkproces_decision(user, consultation.werkproces.case)
