"""Who is involved with the family: registering and ending involvements, and the matches they make."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from ketenzorg.access import policy
from ketenzorg.audit.models import Action
from ketenzorg.coordination import guards, notify
from ketenzorg.coordination.models import (
    Case,
    EventKind,
    InvolvementHistory,
    InvolvementMatch,
)
from ketenzorg.coordination.services._common import (
    audit_write,
    client_professional,
    fail,
    record_event,
    refresh_suggestion,
    require_open,
)
from ketenzorg.core.errors import Conflict, NotFound, ValidationFailed
from ketenzorg.families.models import Involvement, Person
from ketenzorg.network.models import Organisation, Professional, Role


def _match_mail(professional: Professional, case: Case) -> notify.Mail:
    return notify.Mail(
        to=[professional.email],
        subject=gettext("ketenzorg: match — een collega is ook betrokken"),
        body=gettext(
            "Een andere professional heeft een betrokkenheid geregistreerd bij een kind waarbij u ook betrokken "
            "bent. Neem contact met elkaar op en spreek af wie coördineert. Wie het is, ziet u na het inloggen "
            "op uw werkplek: %(link)s"
        )
        % {"link": notify.case_link(case)},
    )


def involvement_register(
    *,
    actor,
    case: Case,
    professional: Professional | None,
    person: Person | None = None,
    person_uuid=None,
    organisation: Organisation | None = None,
    capacity: str = "",
    started_on: date | None = None,
) -> Involvement:
    """Register that `professional` is involved with the family (or one member of it).

    A second professional involved with the same child makes a match: both are told
    who the other is, nothing of the other's work.
    """
    decision = guards.case_change_allowed(
        actor=actor,
        case=case,
        action=Action.CREATE,
        object_type="families.Involvement",
        object_uuid="",
    )
    actor_professional = client_professional(actor)
    require_open(case)
    today = timezone.localdate()
    started_on = started_on or today
    if person_uuid:
        # From the API: the person is looked up inside the case's family only, so a uuid of
        # another family's child reads as unknown and reveals nothing.
        person = Person.objects.filter(uuid=person_uuid, family_id=case.family_id).first()
        if person is None:
            message = gettext("Deze persoon hoort niet bij dit gezin.")
            raise ValidationFailed(message, field_errors={"person": [message]})
    errors: dict = {}
    if professional is None or not professional.is_active:
        errors["professional"] = [gettext("Kies een actieve professional.")]
    elif not (professional.role_codes() - {Role.MANAGER, Role.BEHEERDER, Role.PRIVACY}):
        errors["professional"] = [
            gettext(
                "Deze professional werkt niet met gezinnen (alleen beheer, management of privacy)."
            )
        ]
    if person is not None and person.family_id != case.family_id:
        errors["person"] = [gettext("Deze persoon hoort niet bij dit gezin.")]
    if started_on > today:
        errors["started_on"] = [gettext("De startdatum ligt in de toekomst.")]
    capacity = (capacity or "").strip()
    if len(capacity) > 200:
        errors["capacity"] = [gettext("De hoedanigheid is te lang (hoogstens 200 tekens).")]
    if not errors:
        duplicate = policy.active_involvements().filter(
            family_id=case.family_id, professional=professional, person=person
        )
        if duplicate.exists():
            errors["professional"] = [gettext("Deze professional is hier al betrokken.")]
    fail(errors, gettext("De betrokkenheid is niet geregistreerd."))
    organisation = organisation or professional.organisation
    with transaction.atomic():
        involvement = Involvement.objects.create(
            family_id=case.family_id,
            person=person,
            professional=professional,
            organisation=organisation,
            capacity=capacity,
            started_on=started_on,
        )
        now = timezone.now()
        InvolvementHistory.objects.create(
            involvement=involvement,
            case=case,
            action="registered",
            actor=actor_professional,
            occurred_at=now,
        )
        who = f"{professional.full_name} ({organisation.name})"
        record_event(
            case,
            EventKind.INVOLVEMENT_ADDED,
            actor_professional,
            gettext("Betrokken: %(who)s") % {"who": who},
        )
        mails = []
        if person is not None:
            others = (
                policy.active_involvements()
                .filter(person=person)
                .exclude(professional=professional)
                .exclude(pk=involvement.pk)
                .select_related("professional")
            )
            for other in others:
                InvolvementMatch.objects.create(
                    person=person, new_involvement=involvement, existing_involvement=other
                )
                mails += [_match_mail(professional, case), _match_mail(other.professional, case)]
            if mails:
                record_event(
                    case,
                    EventKind.MATCH,
                    actor_professional,
                    gettext(
                        "Match: meerdere professionals betrokken bij hetzelfde kind; zij zijn geïnformeerd"
                    ),
                )
        refresh_suggestion(case, actor=actor_professional)
        audit_write(
            actor,
            Action.CREATE,
            case,
            decision,
            object_type="families.Involvement",
            object_uuid=involvement.uuid,
        )
    notify.after_commit([m for m in mails if m.to and m.to[0]])
    return involvement


def involvement_end(
    *, actor, case: Case, involvement: Involvement, ended_on: date | None = None, note: str = ""
) -> Involvement:
    """End an involvement: the row stays, with its last day; history records who ended it."""
    decision = guards.case_change_allowed(
        actor=actor, case=case, object_type="families.Involvement", object_uuid=involvement.uuid
    )
    actor_professional = client_professional(actor)
    if involvement.family_id != case.family_id:
        raise NotFound(gettext("Deze betrokkenheid hoort niet bij deze casus."))
    today = timezone.localdate()
    ended_on = ended_on or today
    errors: dict = {}
    if involvement.ended_on is not None and involvement.ended_on < today:
        raise Conflict(gettext("Deze betrokkenheid is al beëindigd."))
    if ended_on < involvement.started_on:
        errors["ended_on"] = [gettext("De einddatum ligt voor de startdatum.")]
    if ended_on > today + timedelta(days=366):
        errors["ended_on"] = [gettext("Kies een einddatum binnen een jaar.")]
    note = (note or "").strip()[:300]
    fail(errors, gettext("De betrokkenheid is niet beëindigd."))
    with transaction.atomic():
        involvement.ended_on = ended_on
        involvement.save(update_fields=["ended_on", "updated_at"])
        InvolvementHistory.objects.create(
            involvement=involvement,
            case=case,
            action="ended",
            actor=actor_professional,
            occurred_at=timezone.now(),
            note=note,
        )
        record_event(
            case,
            EventKind.INVOLVEMENT_ENDED,
            actor_professional,
            gettext("Betrokkenheid van %(who)s beëindigd per %(date)s")
            % {"who": involvement.professional.full_name, "date": date_format(ended_on, "d-m-Y")},
            reason=note,
        )
        refresh_suggestion(case, actor=actor_professional)
        audit_write(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="families.Involvement",
            object_uuid=involvement.uuid,
        )
    return involvement
