"""The only ways to a referral, its documents and the steps on them.

Each asks `access.verwijzing` and ends in `access.door`: a look is logged, a refused step is
logged as the step that was attempted, and a provider asking for a referral that is not theirs
gets the same 404 as for an unknown id (logged with the real reason). Whether a provider may
still open the referral's documents is asked of the family's consent at every look.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

from ketenzorg.access import door
from ketenzorg.access import verwijzing as access
from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Action, Basis
from ketenzorg.consent.models import Purpose
from ketenzorg.consent.selectors import consent_covers
from ketenzorg.coordination.models import Case
from ketenzorg.coordination.subjects import case_subjects
from ketenzorg.core.errors import Conflict
from ketenzorg.core.identifiers import parse_uuid
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import Party, Referral, ReferralDocument

NOT_INVOLVED = gettext_noop("U bent niet betrokken bij dit gezin en coördineert deze casus niet.")
NOT_FOUND = gettext_noop("Deze verwijzing bestaat niet.")
NOT_YOURS = gettext_noop(
    "Alleen wie bij het gezin betrokken is, de AJH-verbinders van het stadsdeel waar de "
    "verwijzing naartoe ging en de aanbieder aan wie zij is doorgestuurd zien deze verwijzing."
)
ONLY_VERBINDERS = gettext_noop(
    "Alleen AJH-verbinders werken met de verwijzingen van een stadsdeel."
)
ONLY_PROVIDERS = gettext_noop("Alleen medewerkers van een jeugdhulpaanbieder zien deze lijst.")
NO_CONSENT_PROVIDER = gettext_noop(
    "Het gezin heeft zijn toestemming voor het delen met uw organisatie ingetrokken: de "
    "documenten van deze verwijzing zijn niet meer voor u in te zien."
)
DENY_CONSENT = Decision(False, Basis.NONE, "geen toestemming van het gezin (meer)")


def case_change_allowed(*, actor, case: Case, action, object_type: str, object_uuid=None):
    """A perspectiefplan, a voorziening or a referral written on the case."""
    return door.require(
        actor,
        access.case_decision(actor, case),
        action=action,
        object_type=object_type,
        object_uuid=object_uuid or case.uuid,
        subjects=lambda: case_subjects(case),
        message=gettext(NOT_INVOLVED),
    )


def case_view_allowed(*, actor, case: Case, object_type: str) -> Decision:
    return door.look(
        actor,
        access.case_decision(actor, case),
        object_type=object_type,
        object_uuid=case.uuid,
        subjects=lambda: case_subjects(case),
        message=gettext(NOT_INVOLVED),
    )


def inbox_allowed(*, actor) -> Decision:
    return door.require(
        actor,
        access.inbox_decision(actor),
        action=Action.READ,
        object_type="verwijzing.Referral",
        message=gettext(ONLY_VERBINDERS),
    )


def provider_list_allowed(*, actor) -> Decision:
    return door.require(
        actor,
        access.provider_list_decision(actor),
        action=Action.READ,
        object_type="verwijzing.Referral",
        message=gettext(ONLY_PROVIDERS),
    )


def _referral(actor, referral_uuid) -> Referral:
    message = gettext(NOT_FOUND)
    rows = Referral.objects.select_related(
        "case__family", "child", "stadsdeel", "provider", "referred_by__organisation"
    )
    referral = rows.filter(uuid=parse_uuid(referral_uuid, message)).first()
    if referral is None:
        door.not_found(
            actor, object_type="verwijzing.Referral", requested=referral_uuid, message=message
        )
    return referral


def _refuse(actor, referral: Referral, decision: Decision, action) -> None:
    kwargs = {
        "action": action,
        "object_type": "verwijzing.Referral",
        "object_uuid": referral.uuid,
        "subjects": lambda: case_subjects(referral.case),
    }
    if access.hidden_from(actor):
        door.hide(actor, decision, message=gettext(NOT_FOUND), **kwargs)
    door.refuse(actor, decision, message=gettext(NOT_YOURS), **kwargs)


def referral_get_for_view(*, actor, referral_uuid) -> tuple[Referral, str, Decision]:
    """The referral, the party the actor is for it, and the decision (the look is logged)."""
    referral = _referral(actor, referral_uuid)
    party, decision = access.party_decision(actor, referral)
    if party is None:
        _refuse(actor, referral, decision, Action.READ)
    door.look(
        actor,
        decision,
        object_type="verwijzing.Referral",
        object_uuid=referral.uuid,
        subjects=lambda: case_subjects(referral.case),
        message=gettext(NOT_YOURS),
    )
    return referral, party, decision


def referral_get_for_step(*, actor, referral_uuid, action) -> tuple[Referral, str, Decision]:
    """The referral for a step by the actor; a refusal is logged as the step. Called before the
    service's transaction, so the refusal's log entry is not rolled back with it."""
    referral = _referral(actor, referral_uuid)
    party, decision = access.party_decision(actor, referral)
    if party is None:
        _refuse(actor, referral, decision, action)
    return referral, party, decision


def referral_relock(*, actor, referral: Referral, party: str) -> Referral:
    """The referral again, locked for the write, inside the service's transaction. When the
    actor's part in it changed in between (a decline, a withdrawal), the step is stale (409)."""
    locked = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("case__family", "child", "stadsdeel", "provider", "voorziening")
        .get(pk=referral.pk)
    )
    if access.party_decision(actor, locked)[0] != party:
        raise Conflict(gettext(rules.STALE))
    return locked


def provider_documents_decision(referral: Referral) -> Decision:
    """The provider opens the referral's documents only while the family's consent for purpose
    "verwijzing" covers sharing with it: a withdrawal stops it at once."""
    covered = consent_covers(
        family=referral.case.family,
        purpose=Purpose.REFERRAL,
        recipient=referral.provider,
        parts=rules.SHARED_PARTS,
        child=referral.child,
    )
    return access.ALLOW_PROVIDER if covered else DENY_CONSENT


def document_get_for_open(*, actor, document_uuid) -> tuple[ReferralDocument, str, Decision]:
    """A document to open or download: who may see the referral, and for the provider only a
    released document while the consent holds. Each open is logged as its own look."""
    message = gettext("Dit document bestaat niet.")
    document = (
        ReferralDocument.objects.select_related(
            "referral__case__family", "referral__child", "referral__provider", "sealed"
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
    if party is None:
        _refuse(actor, referral, decision, Action.READ)
    if party == Party.PROVIDER:
        if not document.released_to_provider:
            decision = Decision(False, Basis.NONE, "document niet vrijgegeven aan de aanbieder")
            door.hide(
                actor,
                decision,
                action=Action.READ,
                object_type="verwijzing.ReferralDocument",
                object_uuid=document.uuid,
                subjects=lambda: case_subjects(referral.case),
                message=message,
            )
        decision = provider_documents_decision(referral)
    door.look(
        actor,
        decision,
        object_type="verwijzing.ReferralDocument",
        object_uuid=document.uuid,
        subjects=lambda: case_subjects(referral.case),
        message=gettext(NO_CONSENT_PROVIDER),
        reason=f"{document.kind} geopend",
    )
    return document, party, decision


def provider_documents_allowed(*, actor, referral: Referral) -> Decision:
    """Asking for documents: refused (and logged) once the family withdrew its consent."""
    return door.require(
        actor,
        provider_documents_decision(referral),
        action=Action.CREATE,
        object_type="verwijzing.DocumentRequest",
        object_uuid=referral.uuid,
        subjects=lambda: case_subjects(referral.case),
        message=gettext(NO_CONSENT_PROVIDER),
    )


def party_required(actor, referral: Referral, party: str, allowed: str, action) -> None:
    """A step belongs to one party of the chain: anyone else is refused, and that is logged."""
    if party != allowed:
        door.refuse(
            actor,
            Decision(False, Basis.NONE, f"stap van een andere partij ({allowed})"),
            action=action,
            object_type="verwijzing.Referral",
            object_uuid=referral.uuid,
            subjects=lambda: case_subjects(referral.case),
            message=gettext(rules.WRONG_PARTY),
        )
