"""Every write of the case: validated, in one transaction, audited, with an event in the case history.

One module per part of the case; each service first asks `coordination.guards`
(which logs a refusal) before it looks at the input, so a refused user never
reads a validation message as a hint. E-mails go out after the commit
(`notify.after_commit`), never naming the family. Callers import from here.
"""

from ketenzorg.coordination.services._common import (
    MAX_TEXT,
    MIN_CRISIS_REASON,
    MIN_REASON,
    CaseAlreadyOpen,
    current_suggestion,
    involved_professionals,
    involvement_facts,
    record_event,
    refresh_suggestion,
)
from ketenzorg.coordination.services.agreements import agreement_add, agreement_check_in
from ketenzorg.coordination.services.cases import case_close, case_open
from ketenzorg.coordination.services.coordinators import coordinator_assign
from ketenzorg.coordination.services.involvements import involvement_end, involvement_register
from ketenzorg.coordination.services.levels import (
    crisis_start,
    crisis_start_allowed,
    decision_record,
    decision_record_allowed,
    level_set,
)
from ketenzorg.coordination.services.meetings import (
    attendance_record,
    meeting_plan,
    meeting_record_minutes,
)
from ketenzorg.coordination.services.plan import PLAN_TEXT_FIELDS, Goal, PlanInput, plan_save
from ketenzorg.coordination.services.programmes import programme_link
from ketenzorg.coordination.services.signals import signal_dismiss, signal_escalate
from ketenzorg.coordination.subjects import family_subjects, subjects_of_families

__all__ = [
    "record_event",
    "MAX_TEXT",
    "MIN_CRISIS_REASON",
    "MIN_REASON",
    "PLAN_TEXT_FIELDS",
    "CaseAlreadyOpen",
    "Goal",
    "PlanInput",
    "agreement_add",
    "agreement_check_in",
    "attendance_record",
    "case_close",
    "case_open",
    "coordinator_assign",
    "crisis_start",
    "crisis_start_allowed",
    "current_suggestion",
    "decision_record",
    "decision_record_allowed",
    "family_subjects",
    "involved_professionals",
    "involvement_end",
    "involvement_facts",
    "involvement_register",
    "level_set",
    "meeting_plan",
    "meeting_record_minutes",
    "plan_save",
    "programme_link",
    "refresh_suggestion",
    "signal_dismiss",
    "signal_escalate",
    "subjects_of_families",
]
