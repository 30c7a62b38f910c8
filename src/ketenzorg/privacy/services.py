"""The privacy officer's one write: the review of a break of the glass."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.access.models import EmergencyAccess, EmergencyAccessReview
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.families import guards

NOTE_MAX_LENGTH = 2000


def emergency_review_allowed(*, actor, grant_uuid) -> EmergencyAccess:
    """The privacy role, not one's own grant; a refusal is logged as the attempted review."""
    return guards.emergency_grant_get_for_privacy_officer(
        actor=actor, grant_uuid=grant_uuid, review=True
    )


def emergency_review(*, actor, grant_uuid, note: str) -> EmergencyAccessReview:
    """Mark a break of the glass reviewed, with the reviewer's note.

    A grant that was already reviewed gets the new note beside the earlier ones (a follow-up,
    a colleague's remark): nothing written before is lost or overwritten, and the grant stays
    reviewed. The access log records that a review was written, never the note itself.
    """
    grant = emergency_review_allowed(actor=actor, grant_uuid=grant_uuid)
    note = (note or "").strip()
    if not note:
        message = gettext("Schrijf bij de beoordeling een toelichting.")
        raise ValidationFailed(message, field_errors={"note": [message]})
    if len(note) > NOTE_MAX_LENGTH:
        message = gettext("Een toelichting is hoogstens %(max)d tekens.") % {"max": NOTE_MAX_LENGTH}
        raise ValidationFailed(message, field_errors={"note": [message]})
    with transaction.atomic():
        # Reviews of one grant one at a time, so "beoordeeld" and "aangevuld" are logged right.
        EmergencyAccess.objects.select_for_update().filter(pk=grant.pk).first()
        first = not EmergencyAccessReview.objects.filter(grant=grant).exists()
        review = EmergencyAccessReview.objects.create(
            grant=grant, reviewed_by=actor, reviewed_at=timezone.now(), note=note
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type=guards.EMERGENCY_GRANT_TYPE,
            object_uuid=grant.uuid,
            subjects=[Subject("family", grant.family.uuid)],
            basis=Basis.ROLE,
            reason="noodtoegang beoordeeld" if first else "beoordeling van noodtoegang aangevuld",
        )
    return review
