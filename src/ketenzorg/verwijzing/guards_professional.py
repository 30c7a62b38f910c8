"""The professional side's own ways in: a voorziening by its uuid, and the "may this user open
this document" check that makes a download link.

The link check logs nothing when it allows: the open itself (`services.documents.document_open`,
behind the link) logs the look and records the delivery, so one open is one look in the access
log, not two. A refusal is logged here all the same, through the door, as the read it was.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

from ketenzorg.access import door
from ketenzorg.access import verwijzing as access
from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Action, Basis
from ketenzorg.coordination.subjects import case_subjects
from ketenzorg.core.identifiers import parse_uuid
from ketenzorg.verwijzing import guards
from ketenzorg.verwijzing.models import Party, ReferralDocument, Voorziening

NO_VOORZIENING = gettext_noop("Deze voorziening bestaat niet.")
NO_DOCUMENT = gettext_noop("Dit document bestaat niet.")


def voorziening_get(*, actor, voorziening_uuid, for_change: bool = False) -> Voorziening:
    """The voorziening for its page (a logged look) or for a write (refused and logged before
    the input is read; the service logs the write itself)."""
    message = gettext(NO_VOORZIENING)
    row = (
        Voorziening.objects.select_related("case__family", "child", "created_by")
        .filter(uuid=parse_uuid(voorziening_uuid, message))
        .first()
    )
    if row is None:
        door.not_found(
            actor,
            object_type="verwijzing.Voorziening",
            requested=voorziening_uuid,
            message=message,
        )
    if for_change:
        guards.case_change_allowed(
            actor=actor,
            case=row.case,
            action=Action.UPDATE,
            object_type="verwijzing.Voorziening",
            object_uuid=row.uuid,
        )
    else:
        guards.case_view_allowed(actor=actor, case=row.case, object_type="verwijzing.Voorziening")
    return row


def document_may_open(*, actor, document_uuid) -> ReferralDocument:
    """The same rule as `guards.document_get_for_open` (the referral's parties; for the provider
    only a released document while the family's consent holds), without the look: nothing is
    read yet, the link is only made."""
    message = gettext(NO_DOCUMENT)
    document = (
        ReferralDocument.objects.select_related(
            "referral__case__family", "referral__child", "referral__provider"
        )
        .filter(uuid=parse_uuid(document_uuid, message))
        .first()
    )
    if document is None:
        door.not_found(
            actor,
            object_type="verwijzing.ReferralDocument",
            requested=document_uuid,
            message=message,
        )
    referral = document.referral
    party, decision = access.party_decision(actor, referral)
    kwargs = {
        "action": Action.READ,
        "object_type": "verwijzing.ReferralDocument",
        "object_uuid": document.uuid,
        "subjects": lambda: case_subjects(referral.case),
    }
    if party is None:
        if access.hidden_from(actor):
            door.hide(actor, decision, message=gettext(guards.NOT_FOUND), **kwargs)
        door.refuse(actor, decision, message=gettext(guards.NOT_YOURS), **kwargs)
    if party == Party.PROVIDER:
        if not document.released_to_provider:
            hidden = Decision(False, Basis.NONE, "document niet vrijgegeven aan de aanbieder")
            door.hide(actor, hidden, message=message, **kwargs)
        door.require(
            actor,
            guards.provider_documents_decision(referral),
            message=gettext(guards.NO_CONSENT_PROVIDER),
            **kwargs,
        )
    return document
