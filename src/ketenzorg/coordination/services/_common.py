"""What every write of the case shares: limits, the history event, input checks, the counting rule."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from ketenzorg.access import coordination as access
from ketenzorg.access import policy
from ketenzorg.access.policy import Decision
from ketenzorg.audit.services import audit_record
from ketenzorg.coordination import guards, rules
from ketenzorg.coordination.models import (
    Case,
    CaseEvent,
    EventKind,
)
from ketenzorg.coordination.subjects import case_subjects
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.core.inserts import insert_one
from ketenzorg.families.models import Involvement
from ketenzorg.network.models import Professional

MIN_REASON = 10
MIN_CRISIS_REASON = 15
MAX_TEXT = 5000


class CaseAlreadyOpen(Conflict):
    """Eén gezin, één plan: the family already has an open case (`.case`)."""

    def __init__(self, case: Case):
        path = reverse("coordination:detail", kwargs={"case_uuid": case.uuid})
        super().__init__(
            gettext(
                "Dit gezin heeft al een open casus (geopend op %(date)s). Eén gezin, één plan: werk verder in "
                "die casus: %(path)s"
            )
            % {"date": date_format(case.opened_on, "d-m-Y"), "path": path}
        )
        self.case = case


def audit_write(
    actor,
    action,
    case: Case,
    decision: Decision,
    *,
    object_type: str,
    object_uuid,
    reason: str = "",
):
    """The access-log entry of a write on a case, in the write's transaction."""
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_uuid=object_uuid,
        subjects=case_subjects(case),
        basis=decision.basis,
        reason=reason,
    )


client_professional = guards.client_professional


def require_open(case: Case) -> None:
    if not case.is_open:
        raise Conflict(gettext("Deze casus is gesloten."))


def record_event(
    case: Case, kind: str, actor: Professional | None, summary: str, **extra
) -> CaseEvent:
    return insert_one(
        CaseEvent(
            case=case,
            kind=kind,
            actor=actor,
            occurred_at=timezone.now(),
            summary=summary[:300],
            **extra,
        )
    )


def text_field(value: str, name: str, errors: dict, *, minimum: int = 1, message: str = "") -> str:
    value = (value or "").strip()
    if len(value) < minimum:
        errors.setdefault(name, []).append(message or gettext("Vul dit veld in."))
    elif len(value) > MAX_TEXT:
        errors.setdefault(name, []).append(
            gettext("Dit is te lang (hoogstens %(n)s tekens).") % {"n": MAX_TEXT}
        )
    return value


def fail(errors: dict, message: str) -> None:
    if errors:
        raise ValidationFailed(message, field_errors=errors)


def involved_professionals(case: Case) -> list[Professional]:
    """Everyone with an active involvement plus the active coordinators, each once."""
    involved = (
        policy.active_involvements().filter(family_id=case.family_id).values("professional_id")
    )
    coordinating = access.active_coordinators().filter(case=case).values("professional_id")
    return list(
        Professional.objects.filter(
            Q(pk__in=involved) | Q(pk__in=coordinating), is_active=True
        ).order_by("last_name", "pk")
    )


# --- the counting rule ------------------------------------------------------------------------


def involvement_facts(family_id: int) -> list[rules.InvolvementFact]:
    return [
        rules.InvolvementFact(professional_id=p, person_id=person, ended_on=ended)
        for p, person, ended in Involvement.objects.filter(family_id=family_id).values_list(
            "professional_id", "person_id", "ended_on"
        )
    ]


def current_suggestion(case: Case, today: date | None = None) -> rules.Suggestion:
    today = today or timezone.localdate()
    return rules.suggest_level(
        rules.active_professional_count(involvement_facts(case.family_id), today)
    )


def refresh_suggestion(
    case: Case, *, actor: Professional | None, today: date | None = None
) -> rules.Suggestion:
    """Store what the rule suggests now; a new suggestion is an event and asks for confirmation."""
    suggestion = current_suggestion(case, today)
    if suggestion.level != case.suggested_level or suggestion.explanation != case.suggested_rule:
        changed_level = suggestion.level != case.suggested_level
        case.suggested_level = suggestion.level
        case.suggested_rule = suggestion.explanation
        fields = ["suggested_level", "suggested_rule", "updated_at"]
        if changed_level and case.level < 4:
            case.suggestion_handled = suggestion.level == case.level
            fields.append("suggestion_handled")
            if suggestion.level != case.level:
                record_event(
                    case,
                    EventKind.LEVEL_SUGGESTED,
                    actor,
                    gettext("Voorstel: niveau %(level)s") % {"level": suggestion.level},
                    level_from=case.level,
                    level_to=suggestion.level,
                    rule=suggestion.explanation,
                )
        case.save(update_fields=fields)
    return suggestion
