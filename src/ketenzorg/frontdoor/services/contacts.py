"""Contact moments of walk-in hours, calls and online questions; anonymous allowed."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.access import frontdoor as access
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import audit_record
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.frontdoor import guards, rules
from ketenzorg.frontdoor.models import (
    AgeGroup,
    Channel,
    ContactMoment,
    ContactOutcome,
    Location,
    LocationKind,
    Topic,
)
from ketenzorg.frontdoor.subjects import contact_subjects
from ketenzorg.network.models import Professional

logger = logging.getLogger(__name__)


# --- contact moments -------------------------------------------------------------------------


@dataclass
class ContactInput:
    channel: str
    topics: list[Topic]
    age_group: str = AgeGroup.UNKNOWN
    outcome: str = ContactOutcome.ADVICE
    advice: str = ""
    location: Location | None = None
    adviser: Professional | None = None  # defaults to the actor
    occurred_at: datetime | None = None
    visitor_name: str = ""


def contact_register(*, actor, data: ContactInput) -> ContactMoment:
    """Register a walk-in visit, call or online contact; a name is optional (anonymous advice)."""
    me = guards.adviser_required(actor, action=Action.CREATE, object_type="frontdoor.ContactMoment")
    errors: dict[str, list[str]] = {}
    if data.channel not in Channel.values:
        errors["channel"] = [gettext("Kies het kanaal.")]
    if data.channel == Channel.WALK_IN and (
        data.location is None or data.location.kind != LocationKind.WALK_IN
    ):
        errors["location"] = [gettext("Kies het inloopspreekuur waar het contact was.")]
    if data.location is not None and not data.location.is_active:
        errors["location"] = [gettext("Deze locatie is niet meer actief.")]
    if not data.topics:
        errors["topics"] = [gettext("Kies ten minste één onderwerp.")]
    if data.age_group not in AgeGroup.values:
        errors["age_group"] = [gettext("Kies een leeftijdsgroep.")]
    if data.outcome not in ContactOutcome.values:
        errors["outcome"] = [gettext("Kies een uitkomst.")]
    elif data.outcome == ContactOutcome.MORE_HELP:
        errors["outcome"] = [
            gettext(
                "Kies eerst 'alleen advies' of 'vervolgafspraak'; daarna regelt u meer hulp vanuit het contactmoment."
            )
        ]
    if len(data.advice or "") > rules.ADVICE_MAX_LENGTH:
        errors["advice"] = [gettext("Het advies is hooguit 5000 tekens.")]
    if len(data.visitor_name or "") > rules.VISITOR_NAME_MAX_LENGTH:
        errors["visitor_name"] = [gettext("Een naam is hooguit 150 tekens.")]
    adviser = data.adviser or me
    if not access.can_be_assigned(adviser):
        errors["adviser"] = [gettext("Kies een opvoedadviseur.")]
    now = timezone.now()
    occurred_at = data.occurred_at or now
    if occurred_at > now + timedelta(minutes=5):
        errors["occurred_at"] = [gettext("Een contactmoment ligt niet in de toekomst.")]
    elif occurred_at < now - timedelta(days=60):
        errors["occurred_at"] = [gettext("Registreer contactmomenten binnen 60 dagen.")]
    if errors:
        raise ValidationFailed(
            gettext("Het contactmoment is niet opgeslagen: controleer de gemarkeerde velden."),
            field_errors=errors,
        )
    with transaction.atomic():
        moment = ContactMoment.objects.create(
            channel=data.channel,
            location=data.location,
            adviser=adviser,
            occurred_at=occurred_at,
            age_group=data.age_group,
            advice=(data.advice or "").strip(),
            outcome=data.outcome,
            visitor_name=(data.visitor_name or "").strip(),
        )
        moment.topics.set(data.topics)
        audit_record(
            actor=actor,
            action=Action.CREATE,
            object_type="frontdoor.ContactMoment",
            object_uuid=moment.uuid,
            subjects=contact_subjects(moment),
            basis=Basis.ROLE,
        )
    return moment
