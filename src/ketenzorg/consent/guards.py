"""The only ways to record, withdraw or list a family's consent; each ends in `access.door`.

Consent is recorded by a professional involved with the family (the one who asked the
family), so the rule is the family's own need-to-know: `access.policy.family_change_decision`
for a write, `family_view_decision` for a look. A refusal is logged as the attempted action.
"""

from __future__ import annotations

from django.utils.translation import gettext

from ketenzorg.access import door, policy
from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Action
from ketenzorg.consent.models import Consent
from ketenzorg.core.identifiers import parse_uuid
from ketenzorg.families.guards import family_subjects
from ketenzorg.families.models import Family

NOT_INVOLVED = "U bent niet betrokken bij dit gezin. Alleen wie betrokken is legt toestemming vast."


def consent_record_allowed(*, actor, family: Family, action=Action.CREATE) -> Decision:
    return door.require(
        actor,
        policy.family_change_decision(actor, family),
        action=action,
        object_type="consent.Consent",
        subjects=lambda: family_subjects(family),
        message=gettext(NOT_INVOLVED),
    )


def consent_get_for_withdraw(*, actor, consent_uuid) -> Consent:
    message = gettext("Deze toestemming bestaat niet.")
    consent = (
        Consent.objects.select_related("family", "child")
        .filter(uuid=parse_uuid(consent_uuid, message))
        .first()
    )
    if consent is None:
        door.not_found(
            actor, object_type="consent.Consent", requested=consent_uuid, message=message
        )
    door.require(
        actor,
        policy.family_change_decision(actor, consent.family),
        action=Action.UPDATE,
        object_type="consent.Consent",
        object_uuid=consent.uuid,
        subjects=lambda: family_subjects(consent.family),
        message=gettext(NOT_INVOLVED),
    )
    return consent


def consent_list_allowed(*, actor, family: Family) -> Decision:
    """A look at the family's consents: logged, allowed or refused."""
    return door.look(
        actor,
        policy.family_view_decision(actor, family),
        action=Action.READ,
        object_type="consent.Consent",
        subjects=lambda: family_subjects(family),
        message=gettext("U bent niet betrokken bij dit gezin."),
    )
