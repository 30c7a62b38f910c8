"""The referral's chain of steps: made and completed by the professional, sent to the
gebiedsknooppunt, matched and forwarded there, accepted or declined by the provider, first
contact, care started and ended; withdrawn by the professional until the provider accepted.

One function per step, all through `_step`: the guard finds the referral and the actor's party
(a refusal is logged as the step), the rule decides (`rules.step`), then in one transaction the
event, the milestone time, the new state and the access-log entry. A step of another party is
refused and logged. What leaves the professional's organisation (sending, forwarding) needs the
family's consent for purpose "verwijzing" for that recipient at that moment.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from ketenzorg.aanbod.models import Programme, ProgrammeStatus
from ketenzorg.audit.models import Action
from ketenzorg.consent.models import Purpose
from ketenzorg.consent.selectors import consent_covering
from ketenzorg.coordination.models import Case, EventKind
from ketenzorg.coordination.services import record_event
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.families.models import MemberRole, Person
from ketenzorg.network.models import District, Role
from ketenzorg.verwijzing import guards, prefill, rules
from ketenzorg.verwijzing.models import (
    DocumentKind,
    Party,
    PerspectiefplanVersion,
    Referral,
    ReferralAction,
    ReferralEvent,
    RequestKind,
    Voorziening,
)
from ketenzorg.verwijzing.services import documents
from ketenzorg.verwijzing.services._common import (
    audit_write,
    check_version,
    fail,
    professional_of,
    refuse,
    text,
)
from ketenzorg.werkproces import rules as werkproces_rules
from ketenzorg.werkproces import selectors_gkp
from ketenzorg.werkproces.models import Werkproces

NOT_IN_REFERRAL_STEP = gettext_noop(
    "Verwijzen kan pas als het werkproces in de stap 'verwijzen naar aanvullende jeugdhulp' is: "
    "leg eerst samen met het gezin en de meedenker het besluit vast."
)
NO_CONSENT_GKP = gettext_noop(
    "Het gezin heeft (nog) geen toestemming gegeven om deze verwijzing te delen met het "
    "gebiedsknooppunt. Leg die toestemming eerst vast (doel: verwijzing; ontvanger: "
    "AJH-verbinder of het gebiedsknooppunt)."
)
NO_CONSENT_PROVIDER = gettext_noop(
    "Het gezin heeft (nog) geen toestemming gegeven om deze verwijzing te delen met deze "
    "aanbieder. Vraag de professional die toestemming vast te leggen."
)
STALE = rules.STALE
# The document of the verwijsformat: frozen when sent, so one version.
FORM_VERSION = 1
# What each step is in the access log.
AUDIT_ACTIONS = {rules.SEND: Action.UPDATE, rules.WITHDRAW: Action.UPDATE}


def _gkp_consent(referral: Referral):
    """The consent covering the share with the gebiedsknooppunt of the referral's stadsdeel."""
    found = consent_covering(
        child=referral.child,
        purpose=Purpose.REFERRAL,
        recipient=Role.AJH_VERBINDER,
        parts=rules.SHARED_PARTS,
    )
    if found is None:
        organisation = selectors_gkp.gkp_organisation(referral.stadsdeel)
        if organisation is not None:
            found = consent_covering(
                child=referral.child,
                purpose=Purpose.REFERRAL,
                recipient=organisation,
                parts=rules.SHARED_PARTS,
            )
    return found


def _provider_consent(referral: Referral, provider):
    return consent_covering(
        child=referral.child, purpose=Purpose.REFERRAL, recipient=provider, parts=rules.SHARED_PARTS
    )


def referral_create(
    *,
    actor,
    case: Case,
    child: Person | None,
    voorziening: Voorziening | None,
    request_kind: str,
    requested_programme: Programme | None = None,
    stadsdeel: District | None = None,
) -> Referral:
    """A draft referral with its verwijsformat filled from the dossier."""
    decision = guards.case_change_allowed(
        actor=actor, case=case, action=Action.CREATE, object_type="verwijzing.Referral"
    )
    professional = professional_of(actor)
    errors: dict = {}
    if (
        child is None
        or child.family_id != case.family_id
        or child.role
        not in (
            MemberRole.CHILD,
            MemberRole.YOUTH,
        )
    ):
        errors["child"] = [gettext("Kies een kind van dit gezin.")]
    if (
        voorziening is None
        or voorziening.case_id != case.pk
        or (child is not None and voorziening.child_id != child.pk)
    ):
        errors["voorziening"] = [gettext("Kies een voorziening van dit kind.")]
    if request_kind not in RequestKind.values:
        errors["request_kind"] = [
            gettext("Kies een aanbieder of vraag het gebiedsknooppunt om een match.")
        ]
    if request_kind == RequestKind.CHOSEN:
        if requested_programme is None or requested_programme.status != ProgrammeStatus.PUBLISHED:
            errors["requested_programme"] = [gettext("Kies een aanbod uit de catalogus.")]
    else:
        requested_programme = None
    allowed = selectors_gkp.stadsdelen_for_case(case, professional, stadsdeel)
    if stadsdeel is None and allowed:
        stadsdeel = allowed[0]
    if stadsdeel is None or stadsdeel.pk not in {s.pk for s in allowed}:
        errors["stadsdeel"] = [
            gettext("Kies het gebiedsknooppunt van het stadsdeel van het gezin of uw eigen.")
        ]
    fail(errors, gettext("De verwijzing is niet aangemaakt."))
    step = Werkproces.objects.filter(case=case).values_list("step", flat=True).first()
    if step != werkproces_rules.REFERRAL:
        raise Conflict(gettext(NOT_IN_REFERRAL_STEP))
    with transaction.atomic():
        referral = Referral.objects.create(
            case=case,
            child=child,
            voorziening=voorziening,
            stadsdeel=stadsdeel,
            referred_by=professional,
            request_kind=request_kind,
            requested_programme=requested_programme,
            form=prefill.prefill(case, child, voorziening, professional),
        )
        audit_write(
            actor,
            Action.CREATE,
            case,
            decision,
            object_type="verwijzing.Referral",
            object_uuid=referral.uuid,
            reason="verwijzing aangemaakt (verwijsformat uit het dossier)",
        )
    return referral


def referral_form_save(*, actor, referral_uuid, form: dict, version=None) -> Referral:
    """The professional completes the verwijsformat while it is a draft."""
    errors: dict = {}
    clean = {}
    for key in rules.EDITABLE_KEYS:
        if key in (form or {}):
            clean[key] = text(form[key], key, errors, required=False)
    unknown = set(form or {}) - set(rules.EDITABLE_KEYS)
    if unknown:
        errors["form"] = [gettext("Onbekende velden: %(f)s") % {"f": ", ".join(sorted(unknown))}]
    referral, party, decision = guards.referral_get_for_step(
        actor=actor, referral_uuid=referral_uuid, action=Action.UPDATE
    )
    guards.party_required(actor, referral, party, Party.PROFESSIONAL, Action.UPDATE)
    fail(errors, gettext("Het verwijsformat is niet opgeslagen."))
    with transaction.atomic():
        referral = guards.referral_relock(actor=actor, referral=referral, party=party)
        check_version(referral.version, version, STALE)
        if referral.status != rules.DRAFT:
            raise Conflict(gettext("Een verzonden verwijsformat verandert niet meer."))
        referral.form = {**referral.form, **clean}
        referral.version += 1
        referral.save(update_fields=["form", "version", "updated_at"])
        audit_write(
            actor,
            Action.UPDATE,
            referral.case,
            decision,
            object_type="verwijzing.Referral",
            object_uuid=referral.uuid,
            reason="verwijsformat aangevuld",
        )
    return referral


def _step(
    *,
    actor,
    referral_uuid,
    action: str,
    reason: str = "",
    version=None,
    now: datetime | None = None,
    prepare=None,
) -> Referral:
    now = now or timezone.now()
    reason = (reason or "").strip()
    if len(reason) > 5000:
        refuse(gettext_noop("Dit is te lang (hoogstens 5000 tekens)."), "reason")
    audit_action = AUDIT_ACTIONS.get(action, Action.UPDATE)
    referral, party, decision = guards.referral_get_for_step(
        actor=actor, referral_uuid=referral_uuid, action=audit_action
    )
    allowed = rules.TRANSITIONS.get((referral.status, action))
    if allowed is not None:
        guards.party_required(actor, referral, party, allowed[1], audit_action)
    with transaction.atomic():
        referral = guards.referral_relock(actor=actor, referral=referral, party=party)
        check_version(referral.version, version, STALE)
        found = rules.step(referral.status, action, party=party, reason=reason)
        if isinstance(found, str):
            refuse(found, "reason" if found == rules.NEEDS_REASON_MESSAGE else None)
        from_status = referral.status
        organisation = prepare(referral, now) if prepare is not None else None
        field = rules.milestone_field(action)
        if field and getattr(referral, field) is None:
            setattr(referral, field, now)
        referral.status = found.to
        referral.version += 1
        referral.save()
        event = ReferralEvent.objects.create(
            referral=referral,
            seq=referral.events.count() + 1,
            action=action,
            party=party,
            from_status=from_status,
            to_status=found.to,
            actor=professional_of(actor),
            organisation=organisation,
            occurred_at=now,
            reason=reason,
        )
        audit_write(
            actor,
            audit_action,
            referral.case,
            decision,
            object_type="verwijzing.Referral",
            object_uuid=referral.uuid,
            reason=f"verwijzing: {action}",
        )
        # The case's history shows the chain beside the werkproces steps (no names: the
        # referral's page says for whom).
        record_event(
            referral.case,
            EventKind.WERKPROCES,
            event.actor,
            gettext("Verwijzing naar aanvullende jeugdhulp: %(step)s")
            % {"step": ReferralAction(action).label},
            reason=reason,
        )
        from ketenzorg.verwijzing import tasks

        tasks.enqueue_notify(event)
    return referral


def referral_send(*, actor, referral_uuid, version=None, now=None) -> Referral:
    """To the gebiedsknooppunt's inbox: only complete, with a plan, and with the consent."""

    def prepare(referral: Referral, now):
        if _gkp_consent(referral) is None:
            raise ValidationFailed(gettext(NO_CONSENT_GKP))
        # The consents as the registry has them at this moment, never as typed.
        referral.form = {**referral.form, "consents": prefill.consents_text(referral.child)}
        missing = rules.missing_fields(referral.form)
        if missing:
            message = gettext(
                "Het verwijsformat is niet compleet: vul eerst de lege verplichte velden in."
            )
            raise ValidationFailed(
                message,
                field_errors={f.key: [gettext("Dit veld is verplicht.")] for f in missing},
            )
        if not PerspectiefplanVersion.objects.filter(case_id=referral.case_id).exists():
            raise Conflict(gettext("Maak eerst het perspectiefplan, samen met het gezin."))
        documents.document_for(referral, DocumentKind.FORM, FORM_VERSION, release=False, now=now)
        return None

    return _step(
        actor=actor,
        referral_uuid=referral_uuid,
        action=rules.SEND,
        version=version,
        now=now,
        prepare=prepare,
    )


def referral_take(*, actor, referral_uuid, version=None, now=None) -> Referral:
    return _step(
        actor=actor, referral_uuid=referral_uuid, action=rules.TAKE, version=version, now=now
    )


def referral_match(
    *, actor, referral_uuid, programme: Programme | None, note: str, version=None, now=None
) -> Referral:
    """The provider that can help, reported back to the professional with a note."""
    errors: dict = {}
    note = text(
        note,
        "note",
        errors,
        message=gettext("Schrijf de professional wat de aanbieder kan bieden en wanneer."),
    )
    if programme is None or programme.status != ProgrammeStatus.PUBLISHED:
        errors["programme"] = [gettext("Kies een aanbod uit de catalogus.")]
    elif not programme.provider.is_active:
        errors["programme"] = [gettext("Deze aanbieder is niet meer actief.")]
    fail(errors, gettext("De match is niet vastgelegd."))

    def prepare(referral: Referral, now):
        referral.matched_programme = programme
        referral.provider = programme.provider
        referral.match_note = note
        return programme.provider

    return _step(
        actor=actor,
        referral_uuid=referral_uuid,
        action=rules.MATCH,
        version=version,
        now=now,
        prepare=prepare,
    )


def referral_forward(*, actor, referral_uuid, version=None, now=None) -> Referral:
    """To the matched provider, with the verwijsformat released to it; needs the consent."""

    def prepare(referral: Referral, now):
        if _provider_consent(referral, referral.provider) is None:
            raise ValidationFailed(gettext(NO_CONSENT_PROVIDER))
        if not referral.assignment_number:
            referral.assignment_number = f"{timezone.localdate(now):%Y}{referral.pk:08d}"
        documents.document_for(referral, DocumentKind.FORM, FORM_VERSION, release=True, now=now)
        return referral.provider

    return _step(
        actor=actor,
        referral_uuid=referral_uuid,
        action=rules.FORWARD,
        version=version,
        now=now,
        prepare=prepare,
    )


def referral_accept(*, actor, referral_uuid, version=None, now=None) -> Referral:
    return _step(
        actor=actor, referral_uuid=referral_uuid, action=rules.ACCEPT, version=version, now=now
    )


def referral_decline(*, actor, referral_uuid, reason: str, version=None, now=None) -> Referral:
    """Back to the gebiedsknooppunt for another match; the provider's access ends with it."""

    def prepare(referral: Referral, now):
        declined_by = referral.provider
        referral.provider = None
        referral.matched_programme = None
        return declined_by

    return _step(
        actor=actor,
        referral_uuid=referral_uuid,
        action=rules.DECLINE,
        reason=reason,
        version=version,
        now=now,
        prepare=prepare,
    )


def referral_first_contact(
    *, actor, referral_uuid, contacted_at: datetime | None, note: str = "", version=None, now=None
) -> Referral:
    """The provider contacted the family: when (not in the future, not before forwarding)."""
    now = now or timezone.now()
    contacted_at = contacted_at or now

    def prepare(referral: Referral, _now):
        if contacted_at > now or (referral.forwarded_at and contacted_at < referral.forwarded_at):
            refuse(gettext_noop("Het contact ligt tussen het doorsturen en nu."), "contacted_at")
        referral.first_contact_at = contacted_at
        return None

    return _step(
        actor=actor,
        referral_uuid=referral_uuid,
        action=rules.FIRST_CONTACT,
        reason=note,
        version=version,
        now=now,
        prepare=prepare,
    )


def referral_start_care(
    *, actor, referral_uuid, on: date | None, version=None, now=None
) -> Referral:
    def prepare(referral: Referral, now):
        if on is None:
            refuse(gettext_noop("Vul de datum in waarop de hulp begon."), "on")
        referral.care_started_on = on
        return None

    return _step(
        actor=actor,
        referral_uuid=referral_uuid,
        action=rules.START_CARE,
        version=version,
        now=now,
        prepare=prepare,
    )


def referral_end_care(
    *, actor, referral_uuid, on: date | None, reason: str, version=None, now=None
) -> Referral:
    def prepare(referral: Referral, now):
        if on is None:
            refuse(gettext_noop("Vul de datum in waarop de hulp eindigde."), "on")
        if referral.care_started_on and on < referral.care_started_on:
            refuse(gettext_noop("De hulp kan niet eindigen voordat hij begon."), "on")
        referral.care_ended_on = on
        return None

    return _step(
        actor=actor,
        referral_uuid=referral_uuid,
        action=rules.END_CARE,
        reason=reason,
        version=version,
        now=now,
        prepare=prepare,
    )


def referral_withdraw(*, actor, referral_uuid, reason: str, version=None, now=None) -> Referral:
    return _step(
        actor=actor,
        referral_uuid=referral_uuid,
        action=rules.WITHDRAW,
        reason=reason,
        version=version,
        now=now,
    )
