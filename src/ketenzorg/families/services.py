"""Every write of family and person data: validated, in one transaction, audited."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.access import door, policy, rules
from ketenzorg.access.models import EmergencyAccess
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.core import crypto
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.core.siteurl import absolute_url
from ketenzorg.families import guards
from ketenzorg.families.models import BSN_PURPOSE, Family, Involvement, MemberRole, Person
from ketenzorg.families.rules import birthdate_error, bsn_error, normalise_bsn
from ketenzorg.network.models import Professional

logger = logging.getLogger(__name__)


@dataclass
class MemberInput:
    given_name: str
    family_name: str
    birthdate: date
    role: str
    has_parental_authority: bool = False
    bsn: str = ""


def _bsn_checked(actor, known: Person | None) -> None:
    """Every duplicate check of a BSN is logged, and a hit is told to whoever is involved.

    Like the Verwijsindex: a professional who types a BSN that is already known learns only
    that a colleague will contact them; the professionals involved with that child are told
    who is looking (name, organisation, e-mail), and the look is in the access log with the
    child as subject. Probing for BSNs so leaves a trace and alerts the people involved.
    Without an active involvement the functioneel beheerders are told instead.
    """
    if actor is None:
        return
    audit_record(
        actor=actor,
        action=Action.SEARCH,
        object_type="families.Person",
        subjects=[Subject("person", known.uuid), Subject("family", known.family.uuid)]
        if known
        else [],
        basis=Basis.ROLE,
        reason="BSN-controle bij registratie: " + ("al bekend" if known else "onbekend"),
    )
    if known is None:
        return
    asker = policy.professional_of(actor)
    involved = [
        i.professional
        for i in policy.active_involvements()
        .filter(family_id=known.family_id, professional__is_active=True)
        .select_related("professional")
        if i.professional_id != getattr(asker, "pk", None)
    ]
    recipients = {p.email for p in involved if p.email} or set(
        Professional.objects.filter(
            is_active=True, role_assignments__role__in=rules.NETWORK_ADMIN_ROLES
        ).values_list("email", flat=True)
    )
    who = (
        f"{asker.full_name} ({asker.organisation.name}, {asker.email})"
        if asker
        else actor.get_username()
    )
    body = gettext(
        "%(who)s probeerde in ketenzorg een gezin te registreren met het BSN van een kind waarbij u "
        "betrokken bent (of waarvoor niemand meer betrokken is). Neem contact op en spreek af wie wat doet. "
        "Kent u deze professional niet, meld het dan aan de privacyfunctionaris."
    ) % {"who": who}
    for address in sorted(a for a in recipients if a):
        try:
            send_mail(
                gettext("ketenzorg: een collega zoekt contact over een kind"),
                body,
                settings.DEFAULT_FROM_EMAIL,
                [address],
            )
        except Exception:  # a mail server that fails must not turn a refusal into a 500
            logger.exception("BSN-match niet gemaild")


def _validate_member(
    member: MemberInput, *, actor=None, prefix: str = "", exclude_person: Person | None = None
) -> dict:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if not member.given_name.strip():
        errors.setdefault(prefix + "given_name", []).append(gettext("Vul een voornaam in."))
    if not member.family_name.strip():
        errors.setdefault(prefix + "family_name", []).append(gettext("Vul een achternaam in."))
    if member.role not in MemberRole.values:
        errors.setdefault(prefix + "role", []).append(gettext("Kies een rol in het gezin."))
    if member.birthdate is None:
        errors.setdefault(prefix + "birthdate", []).append(gettext("Vul een geboortedatum in."))
    elif message := birthdate_error(member.birthdate, today):
        errors.setdefault(prefix + "birthdate", []).append(message)
    if member.bsn:
        bsn = normalise_bsn(member.bsn)
        if message := bsn_error(bsn):
            errors.setdefault(prefix + "bsn", []).append(message)
        else:
            existing = Person.objects.filter(
                bsn_lookup=crypto.lookup_hash(bsn, purpose=BSN_PURPOSE)
            ).select_related("family")
            if exclude_person is not None:
                existing = existing.exclude(pk=exclude_person.pk)
            known = existing.first()
            _bsn_checked(actor, known)
            if known is not None:
                errors.setdefault(prefix + "bsn", []).append(
                    gettext(
                        "Dit BSN is al bekend in ketenzorg. Wie bij dit kind betrokken is, krijgt bericht "
                        "dat u contact zoekt, met uw naam en organisatie, en neemt contact met u op."
                    )
                )
    return errors


def _professional_or_refuse(actor):
    door.require(
        actor,
        policy.professional_decision(actor),
        action=Action.CREATE,
        object_type="families.Family",
        message=gettext("Alleen professionals kunnen dit doen."),
    )
    return policy.professional_of(actor)


def _build_person(family: Family, member: MemberInput) -> Person:
    person = Person(
        family=family,
        given_name=member.given_name.strip(),
        family_name=member.family_name.strip(),
        birthdate=member.birthdate,
        role=member.role,
        has_parental_authority=member.has_parental_authority,
    )
    person.set_bsn(normalise_bsn(member.bsn) if member.bsn else "")
    return person


family_register_allowed = guards.family_register_allowed


def family_register(
    *,
    actor,
    name: str,
    members: list[MemberInput],
    postcode: str = "",
    house_number: str = "",
    district=None,
) -> Family:
    """Register a family and its members; the registering professional becomes involved."""
    family_register_allowed(actor=actor)
    professional = _professional_or_refuse(actor)
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [gettext("Vul een gezinsnaam in.")]
    if not members:
        errors["members"] = [gettext("Voeg ten minste één gezinslid toe.")]
    for index, member in enumerate(members):
        errors.update(_validate_member(member, actor=actor, prefix=f"members-{index}-"))
    bsns = [normalise_bsn(m.bsn) for m in members if m.bsn]
    if len(bsns) != len(set(bsns)):
        errors.setdefault("members", []).append(gettext("Twee gezinsleden hebben hetzelfde BSN."))
    if errors:
        raise ValidationFailed(
            gettext("Het gezin is niet geregistreerd: controleer de gemarkeerde velden."),
            field_errors=errors,
        )
    try:
        with transaction.atomic():
            family = Family.objects.create(
                name=name.strip(),
                postcode=postcode.replace(" ", "").upper(),
                house_number=house_number.strip(),
                district=district,
                registered_by=professional,
            )
            persons = Person.objects.bulk_create(_build_person(family, m) for m in members)
            Involvement.objects.create(
                family=family,
                professional=professional,
                organisation=professional.organisation,
                capacity="registrerend professional",
                started_on=timezone.localdate(),
            )
            audit_record(
                actor=actor,
                action=Action.CREATE,
                object_type="families.Family",
                object_uuid=family.uuid,
                subjects=[Subject("family", family.uuid)]
                + [Subject("person", p.uuid) for p in persons],
                basis=Basis.ROLE,
            )
    except IntegrityError:
        raise Conflict(
            gettext("Het gezin kon niet worden opgeslagen: een BSN is intussen al geregistreerd.")
        ) from None
    return family


def family_update(
    *, actor, family: Family, name: str, postcode: str = "", house_number: str = "", district=None
) -> Family:
    decision = guards.family_change_allowed(
        actor=actor, family=family, object_type="families.Family", object_uuid=family.uuid
    )
    if not name.strip():
        message = gettext("Vul een gezinsnaam in.")
        raise ValidationFailed(message, field_errors={"name": [message]})
    with transaction.atomic():
        family.name = name.strip()
        family.postcode = postcode.replace(" ", "").upper()
        family.house_number = house_number.strip()
        family.district = district
        family.save()
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            object_type="families.Family",
            object_uuid=family.uuid,
            subjects=[Subject("family", family.uuid)],
            basis=decision.basis,
        )
    return family


def person_add(*, actor, family: Family, member: MemberInput) -> Person:
    decision = guards.family_change_allowed(
        actor=actor,
        family=family,
        object_type="families.Person",
        object_uuid="",
        action=Action.CREATE,
    )
    errors = _validate_member(member, actor=actor)
    if errors:
        raise ValidationFailed(
            gettext("Het gezinslid is niet toegevoegd: controleer de gemarkeerde velden."),
            field_errors=errors,
        )
    try:
        with transaction.atomic():
            person = _build_person(family, member)
            person.save()
            audit_record(
                actor=actor,
                action=Action.CREATE,
                object_type="families.Person",
                object_uuid=person.uuid,
                subjects=[Subject("person", person.uuid), Subject("family", family.uuid)],
                basis=decision.basis,
            )
    except IntegrityError:
        raise Conflict(gettext("Dit BSN is intussen al geregistreerd.")) from None
    return person


def person_update(*, actor, person: Person, member: MemberInput) -> Person:
    decision = guards.family_change_allowed(
        actor=actor, family=person.family, object_type="families.Person", object_uuid=person.uuid
    )
    errors = _validate_member(member, actor=actor, exclude_person=person)
    if errors:
        raise ValidationFailed(
            gettext("Het gezinslid is niet gewijzigd: controleer de gemarkeerde velden."),
            field_errors=errors,
        )
    try:
        with transaction.atomic():
            person.given_name = member.given_name.strip()
            person.family_name = member.family_name.strip()
            person.birthdate = member.birthdate
            person.role = member.role
            person.has_parental_authority = member.has_parental_authority
            if member.bsn != "" or not person.bsn_encrypted:
                person.set_bsn(normalise_bsn(member.bsn) if member.bsn else "")
            person.save()
            audit_record(
                actor=actor,
                action=Action.UPDATE,
                object_type="families.Person",
                object_uuid=person.uuid,
                subjects=[Subject("person", person.uuid), Subject("family", person.family.uuid)],
                basis=decision.basis,
            )
    except IntegrityError:
        raise Conflict(gettext("Dit BSN is intussen al geregistreerd.")) from None
    return person


def emergency_access_grant(*, actor, family: Family, reason: str) -> EmergencyAccess:
    """Break the glass: a short, logged grant with a written reason."""
    guards.emergency_access_allowed(actor=actor, family=family)
    reason = reason.strip()
    if len(reason) < 15:
        message = gettext("Beschrijf waarom noodtoegang nodig is (minstens 15 tekens).")
        raise ValidationFailed(message, field_errors={"reason": [message]})
    with transaction.atomic():
        grant = EmergencyAccess.objects.create(
            user=actor,
            family=family,
            reason=reason,
            expires_at=timezone.now() + timedelta(hours=rules.EMERGENCY_HOURS),
        )
        audit_record(
            actor=actor,
            action=Action.EMERGENCY,
            object_type="families.Family",
            object_uuid=family.uuid,
            subjects=[Subject("family", family.uuid)]
            + [Subject("person", u) for u in family.members.values_list("uuid", flat=True)],
            basis=Basis.BREAK_THE_GLASS,
            reason=reason,
        )
        transaction.on_commit(lambda: _tell_privacy_officers(actor, grant))
    return grant


def _tell_privacy_officers(actor, grant: EmergencyAccess) -> None:
    """Every break of the glass is reviewed: the privacy officers hear of it at once. The mail
    names who and when, never the family or the reason (those are behind the login); its link
    leads to the event on the review overview."""
    who = policy.professional_of(actor)
    name = f"{who.full_name} ({who.organisation.name})" if who else actor.get_username()
    addresses = sorted(
        a
        for a in Professional.objects.filter(
            is_active=True, role_assignments__role__in=rules.PRIVACY_ROLES
        ).values_list("email", flat=True)
        if a
    )
    if not addresses:
        return
    try:
        send_mail(
            gettext("ketenzorg: noodtoegang gebruikt"),
            gettext(
                "%(who)s heeft zojuist noodtoegang gebruikt tot een gezin. Beoordeel de reden in het "
                "overzicht noodtoegang:\n%(link)s"
            )
            % {
                "who": name,
                "link": absolute_url(reverse("audit:emergency_detail", args=[grant.uuid])),
            },
            settings.DEFAULT_FROM_EMAIL,
            addresses,
        )
    except Exception:  # the grant stands; a failing mail server is logged, not a 500
        logger.exception("noodtoegang niet gemeld aan de privacyfunctionaris")
