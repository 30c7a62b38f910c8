"""What an identified consultation shares of the dossier: the contents of its shared parts.

Read only by `selectors.consultation_view`, after the guard allowed the look and only while
the family's consent covers the share (checked at every look). The meedenker is not
involved with the family, so this is the only way they see its data: each read of the
contents is logged with the parts it showed and the basis of the look ("consultation" for
the meedenker), besides the look at the consultation itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
from ketenzorg.consent.models import DossierPart
from ketenzorg.consent.selectors import subjects_of
from ketenzorg.coordination.models import Agreement, PlanVersion
from ketenzorg.coordination.subjects import case_subjects
from ketenzorg.werkproces.models import Consultation

# The sections of the plan that the part "plan" shares (the plan's snapshot of members and
# professionals belongs to "personalia" and is not repeated here).
PLAN_SECTIONS = ("strengths", "worries", "network", "earlier_help", "family_words")


@dataclass
class SharedContent:
    parts: list[str]
    children: list = field(default_factory=list)
    level: str = ""
    plan: dict | None = None
    plan_number: int | None = None
    agreements: list = field(default_factory=list)
    steps: list = field(default_factory=list)


def shared_content(*, actor, consultation: Consultation, decision) -> SharedContent:
    """The contents of the parts the asking professional shared, and one log entry for it."""
    case = consultation.werkproces.case
    parts = list(consultation.shared_parts)
    content = SharedContent(parts=parts)
    if DossierPart.PERSONALIA in parts:
        content.children = sorted(subjects_of(case.family), key=lambda p: p.birthdate)
    if DossierPart.PLAN in parts:
        content.level = case.get_level_display()
        version = PlanVersion.objects.filter(case=case).order_by("-number").first()
        if version is not None:
            content.plan_number = version.number
            content.plan = {
                "sections": {k: version.content.get(k, "") for k in PLAN_SECTIONS},
                "goals": list(version.content.get("goals", [])),
            }
    if DossierPart.AGREEMENTS in parts:
        today = timezone.localdate()
        content.agreements = list(
            Agreement.objects.filter(case=case)
            .select_related("responsible_organisation", "responsible_professional")
            .order_by("due_on", "pk")
        )
        for agreement in content.agreements:
            agreement.shown = agreement.shown_status(today)
    if DossierPart.WERKPROCES in parts:
        content.steps = list(consultation.werkproces.transitions.select_related("actor"))
    audit_record(
        actor=actor,
        action=Action.READ,
        object_type="werkproces.ConsultationShare",
        object_uuid=consultation.uuid,
        subjects=case_subjects(case),
        basis=decision.basis,
        reason="gedeelde delen: " + ", ".join(parts),
    )
    return content
