"""Recording and withdrawing the family's consent: guarded, validated, in one transaction, logged.

The givers are checked against the age rules (`consent.rules`) on the day the consent
was given, so the registry never holds a consent the law would not accept (a parent
without authority, a child under 12 consenting alone, parents deciding for a youth of
16). A withdrawal is a write of its own, effective at once and in the access log.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.access import policy
from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
from ketenzorg.consent import guards, rules
from ketenzorg.consent.models import Consent, DossierPart, Method, Purpose
from ketenzorg.consent.selectors import CHILD_ROLES, parents_of
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.families.guards import family_subjects
from ketenzorg.families.models import Family, Person
from ketenzorg.network.models import Organisation, Role

MAX_NOTE = 2000


def _fail(errors: dict, message: str) -> None:
    if errors:
        raise ValidationFailed(message, field_errors=errors)


def consent_record(
    *,
    actor,
    family: Family,
    child: Person,
    purpose: str,
    parts: Iterable[str],
    child_consented: bool,
    parents: Iterable[Person],
    method: str,
    given_at: datetime | None = None,
    recipient_organisation: Organisation | None = None,
    recipient_role: str = "",
) -> Consent:
    decision = guards.consent_record_allowed(actor=actor, family=family)
    professional = policy.client_professional_of(actor)
    now = timezone.now()
    given_at = given_at or now
    parts = sorted(set(parts))
    parents = list(parents)
    errors: dict = {}
    if child.family_id != family.pk or child.role not in CHILD_ROLES:
        errors["child"] = [gettext("Kies een kind uit dit gezin.")]
    if purpose not in Purpose.values:
        errors["purpose"] = [gettext("Kies waarvoor de toestemming is.")]
    if bool(recipient_organisation) == bool(recipient_role):
        errors["recipient"] = [gettext("Kies één ontvanger: een organisatie of een rol.")]
    elif recipient_role and recipient_role not in Role.values:
        errors["recipient"] = [gettext("Kies een bestaande rol.")]
    if not parts or not set(parts) <= set(DossierPart.values):
        errors["parts"] = [gettext("Kies welke delen van het dossier gedeeld mogen worden.")]
    if method not in Method.values:
        errors["method"] = [
            gettext("Kies hoe de toestemming is gegeven: mondeling of ondertekend.")
        ]
    if given_at > now:
        errors["given_at"] = [gettext("Toestemming kan niet in de toekomst gegeven zijn.")]
    if any(p.family_id != family.pk or p.role in CHILD_ROLES for p in parents):
        errors["parents"] = [
            gettext("Alleen ouders of verzorgers uit dit gezin geven toestemming.")
        ]
    if not errors:
        problem = rules.givers_problem(
            rules.who_must_consent(
                child.birthdate, parents_of(family), timezone.localdate(given_at)
            ),
            child_consented=child_consented,
            parent_ids=[p.pk for p in parents],
            parents_without_authority=[p.pk for p in parents if not p.has_parental_authority],
        )
        if problem:
            errors["parents"] = [gettext(problem)]
    _fail(errors, gettext("De toestemming is niet vastgelegd."))
    with transaction.atomic():
        consent = Consent.objects.create(
            family=family,
            child=child,
            purpose=purpose,
            recipient_organisation=recipient_organisation,
            recipient_role=recipient_role,
            parts=parts,
            child_consented=child_consented,
            given_at=given_at,
            method=method,
            recorded_by=professional,
        )
        consent.given_by.set(parents)
        audit_record(
            actor=actor,
            action=Action.CREATE,
            object_type="consent.Consent",
            object_uuid=consent.uuid,
            subjects=family_subjects(family),
            basis=decision.basis,
            reason=f"toestemming vastgelegd: {purpose}",
        )
    return consent


def consent_withdraw(
    *, actor, consent_uuid, withdrawn_by: Person | None, note: str = ""
) -> Consent:
    """Withdraw a consent now. Shares from this moment are refused; earlier shares stay."""
    consent = guards.consent_get_for_withdraw(actor=actor, consent_uuid=consent_uuid)
    professional = policy.client_professional_of(actor)
    errors: dict = {}
    if withdrawn_by is None or withdrawn_by.family_id != consent.family_id:
        errors["withdrawn_by"] = [gettext("Kies wie in het gezin de toestemming intrekt.")]
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        errors["note"] = [gettext("De toelichting is te lang.")]
    _fail(errors, gettext("De toestemming is niet ingetrokken."))
    with transaction.atomic():
        locked = Consent.objects.select_for_update().get(pk=consent.pk)
        if locked.is_withdrawn:
            raise Conflict(gettext("Deze toestemming is al ingetrokken."))
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = withdrawn_by
        locked.withdrawal_recorded_by = professional
        locked.withdrawal_note = note
        locked.save(
            update_fields=[
                "withdrawn_at",
                "withdrawn_by",
                "withdrawal_recorded_by",
                "withdrawal_note",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="consent.Consent",
            object_uuid=locked.uuid,
            subjects=family_subjects(consent.family),
            basis=policy.family_change_decision(actor, consent.family).basis,
            reason="toestemming ingetrokken",
        )
    return locked


def consent_record_for_children(
    *,
    actor,
    family: Family,
    children: Iterable[Person],
    givers: Iterable[Person],
    purpose: str,
    parts: Iterable[str],
    method: str,
    given_at: datetime | None = None,
    recipient_organisation: Organisation | None = None,
    recipient_role: str = "",
) -> list[Consent]:
    """One consent per child, as the family gave it at one moment: all recorded, or none.

    The screen and the API ask "for which children" and "given by whom" (the family's
    members, a child among them when it consented itself); the registry holds one row per
    child because the age rules are per child. A child that consented counts only for
    itself. Every child's problem is reported, named, before anything is kept.
    """
    guards.consent_record_allowed(actor=actor, family=family)
    children = list(children)
    givers = list(givers)
    if not children:
        raise ValidationFailed(
            gettext("De toestemming is niet vastgelegd."),
            field_errors={"children": [gettext("Kies voor welk kind of welke kinderen.")]},
        )
    child_ids = {c.pk for c in children}
    if any(g.role in CHILD_ROLES and g.pk not in child_ids for g in givers):
        raise ValidationFailed(
            gettext("De toestemming is niet vastgelegd."),
            field_errors={
                "givers": [
                    gettext(
                        "Een kind geeft alleen toestemming voor zichzelf: kies het ook bij "
                        "'voor welk kind'."
                    )
                ]
            },
        )
    parents = [g for g in givers if g.role not in CHILD_ROLES]
    giving_children = {g.pk for g in givers if g.role in CHILD_ROLES}
    errors: dict[str, list[str]] = {}
    recorded = []
    with transaction.atomic():
        for child in children:
            try:
                recorded.append(
                    consent_record(
                        actor=actor,
                        family=family,
                        child=child,
                        purpose=purpose,
                        parts=parts,
                        child_consented=child.pk in giving_children,
                        parents=parents,
                        method=method,
                        given_at=given_at,
                        recipient_organisation=recipient_organisation,
                        recipient_role=recipient_role,
                    )
                )
            except ValidationFailed as exc:
                for field, messages in exc.field_errors.items():
                    # The age rules differ per child: say which child a giver problem is about.
                    named = field in ("parents", "child") and len(children) > 1
                    for message in messages:
                        text = f"{child.given_name}: {message}" if named else message
                        if text not in errors.setdefault(field, []):
                            errors[field].append(text)
        # Raised inside the block, so the consents of the children that passed are undone too.
        _fail(errors, gettext("De toestemming is niet vastgelegd."))
    return recorded
