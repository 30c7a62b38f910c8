"""Every write to the network: checked, in one transaction, recorded in the access log.

Only the functioneel beheerder changes the network. Views and the API check that
first; these functions check it again so that no other door can skip it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.access import policy
from ketenzorg.audit.models import Action, Basis, Outcome
from ketenzorg.audit.services import audit_record
from ketenzorg.core.errors import AccessDenied, Conflict, ValidationFailed
from ketenzorg.network import imports, rules, selectors
from ketenzorg.network.models import (
    District,
    DistrictKind,
    Domain,
    ExpertiseTag,
    GovernanceBody,
    GovernanceMembership,
    Institution,
    InstitutionKind,
    Organisation,
    OrganisationKind,
    Professional,
    Role,
    RoleAssignment,
    Team,
)

NOT_A_MANAGER = _("Alleen de functioneel beheerder beheert het netwerk.")
# Readable when read aloud or typed over: no 0/O, 1/l/I.
_READABLE_CHARACTERS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

Errors = dict[str, list[str]]
_PROFESSIONAL_NOT_SAVED = _("De professional is niet opgeslagen: controleer de gemarkeerde velden.")


def _require_manager(actor) -> None:
    if not policy.can_manage_network(actor):
        raise AccessDenied(NOT_A_MANAGER)


def _fail(errors: Errors, message: str) -> None:
    """`message` is a lazy translation, read in the user's language only when raised."""
    if errors:
        raise ValidationFailed(message, field_errors=errors)


def _add(errors: Errors, name: str, message: str) -> None:
    if message:
        errors.setdefault(name, []).append(message)


def _too_long(max_length: int) -> str:
    return gettext("Gebruik hoogstens %(max)s tekens.") % {"max": max_length}


def _text(
    errors: Errors, name: str, value: str, missing: str, max_length: int, *, required: bool = True
) -> str:
    """`missing` is the (lazy) message for an empty required value."""
    value = " ".join((value or "").split())
    if required and not value:
        _add(errors, name, str(missing))
    elif len(value) > max_length:
        _add(errors, name, _too_long(max_length))
    return value


def _record(actor, action: Action, instance, reason: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type=f"network.{type(instance).__name__}",
        object_uuid=instance.uuid,
        basis=Basis.ROLE,
        reason=reason,
    )


def _apply(instance, values: dict) -> list[str]:
    """Set the values and name what changed, for the log (which says that, not what, changed)."""
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            # The log is kept in Dutch, whatever language the beheerder reads.
            with translation.override(settings.LANGUAGE_CODE):
                changed.append(str(instance._meta.get_field(name).verbose_name))
    return changed


def _changed_reason(changed: list[str]) -> str:
    return "gewijzigd: " + ", ".join(changed) if changed else "opgeslagen zonder wijzigingen"


def access_refusal_record(*, actor, action: Action, object_type: str, reason: str) -> None:
    """Log a refused attempt at the network: every authorization decision is kept (ASVS V8).

    `reason` may be a lazy translation; the log keeps it in Dutch.
    """
    with translation.override(settings.LANGUAGE_CODE):
        reason = str(reason)
    audit_record(
        actor=actor, action=action, outcome=Outcome.DENIED, object_type=object_type, reason=reason
    )


# --- districts ---------------------------------------------------------------


@dataclass
class DistrictInput:
    name: str
    kind: str
    parent: District | None = None
    postcode_prefixes: str = ""


def _district_errors(data: DistrictInput, *, district: District | None = None) -> Errors:
    errors: Errors = {}
    name = _text(errors, "name", data.name, _("Vul een naam in."), 120)
    if data.kind not in DistrictKind.values:
        _add(errors, "kind", gettext("Kies een soort: stad, stadsdeel of gebied."))
    else:
        parent_kind = data.parent.kind if data.parent else None
        _add(errors, "parent", rules.district_parent_error(data.kind, parent_kind))
        if district is not None:
            child_kinds = set(district.children.values_list("kind", flat=True))
            _add(errors, "kind", rules.district_children_error(data.kind, child_kinds))
    if district is not None and data.parent is not None:
        if rules.creates_cycle(district.pk, data.parent.pk, selectors.district_parents()):
            _add(
                errors,
                "parent",
                gettext(
                    "Een gebied kan niet onder zichzelf of onder een eigen onderliggend gebied vallen."
                ),
            )
    _add(errors, "postcode_prefixes", rules.postcode_prefixes_error(data.postcode_prefixes))
    if name:
        siblings = District.objects.filter(parent=data.parent, name__iexact=name)
        if district is not None:
            siblings = siblings.exclude(pk=district.pk)
        if siblings.exists():
            if data.parent:
                message = gettext("Er is al een gebied '%(name)s' onder %(parent)s.") % {
                    "name": name,
                    "parent": data.parent.name,
                }
            else:
                message = gettext("Er is al een gebied '%(name)s' zonder bovenliggend gebied.") % {
                    "name": name
                }
            _add(errors, "name", message)
    return errors


def _district_values(data: DistrictInput) -> dict:
    return {
        "name": " ".join(data.name.split()),
        "kind": data.kind,
        "parent": data.parent,
        "postcode_prefixes": rules.normalise_postcode_prefixes(data.postcode_prefixes),
    }


@transaction.atomic
def district_create(*, actor, data: DistrictInput) -> District:
    _require_manager(actor)
    _fail(
        _district_errors(data),
        _("Het gebied is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    district = District.objects.create(**_district_values(data))
    _record(actor, Action.CREATE, district)
    return district


@transaction.atomic
def district_update(*, actor, district: District, data: DistrictInput) -> District:
    _require_manager(actor)
    _fail(
        _district_errors(data, district=district),
        _("Het gebied is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    changed = _apply(district, _district_values(data))
    district.save()
    _record(actor, Action.UPDATE, district, _changed_reason(changed))
    return district


# --- organisations and teams ---------------------------------------------------


@dataclass
class OrganisationInput:
    name: str
    kind: str
    domains: list[str]
    district: District | None = None
    email: str = ""
    phone: str = ""


def _organisation_errors(
    data: OrganisationInput, *, organisation: Organisation | None = None
) -> Errors:
    errors: Errors = {}
    name = _text(errors, "name", data.name, _("Vul een naam in."), 200)
    if name:
        same = Organisation.objects.filter(name__iexact=name)
        if organisation is not None:
            same = same.exclude(pk=organisation.pk)
        if same.exists():
            _add(
                errors,
                "name",
                gettext("Er bestaat al een organisatie met de naam '%(name)s'.") % {"name": name},
            )
    if data.kind not in OrganisationKind.values:
        _add(errors, "kind", gettext("Kies een soort organisatie."))
    if not data.domains or not set(data.domains) <= set(Domain.values):
        _add(
            errors,
            "domains",
            gettext("Kies ten minste één domein: zorg, onderwijs, veiligheid of welzijn."),
        )
    if data.email:
        _add(errors, "email", rules.email_error(rules.normalise_email(data.email)))
    _add(errors, "phone", rules.phone_error(data.phone.strip()))
    return errors


def _organisation_values(data: OrganisationInput) -> dict:
    return {
        "name": " ".join(data.name.split()),
        "kind": data.kind,
        "domains": rules.ordered_domains(data.domains),
        "district": data.district,
        "email": rules.normalise_email(data.email),
        "phone": data.phone.strip(),
    }


@transaction.atomic
def organisation_create(*, actor, data: OrganisationInput) -> Organisation:
    _require_manager(actor)
    _fail(
        _organisation_errors(data),
        _("De organisatie is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    try:
        organisation = Organisation.objects.create(**_organisation_values(data))
    except IntegrityError:
        raise Conflict(gettext("Intussen is een organisatie met deze naam aangemaakt.")) from None
    _record(actor, Action.CREATE, organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, actor, organisation: Organisation, data: OrganisationInput
) -> Organisation:
    _require_manager(actor)
    _fail(
        _organisation_errors(data, organisation=organisation),
        _("De organisatie is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    changed = _apply(organisation, _organisation_values(data))
    organisation.save()
    _record(actor, Action.UPDATE, organisation, _changed_reason(changed))
    return organisation


def _set_active(actor, instance, active: bool) -> None:
    instance.is_active = active
    instance.save(update_fields=["is_active", "updated_at"])
    _record(actor, Action.UPDATE, instance, "geactiveerd" if active else "gedeactiveerd")


@transaction.atomic
def organisation_deactivate(*, actor, organisation: Organisation) -> Organisation:
    """Deactivate instead of delete: history keeps pointing at it and it can come back."""
    _require_manager(actor)
    _set_active(actor, organisation, False)
    return organisation


@transaction.atomic
def organisation_reactivate(*, actor, organisation: Organisation) -> Organisation:
    _require_manager(actor)
    _set_active(actor, organisation, True)
    return organisation


@dataclass
class TeamInput:
    name: str
    district: District | None = None


def _team_errors(
    data: TeamInput, organisation: Organisation, *, team: Team | None = None
) -> Errors:
    errors: Errors = {}
    name = _text(errors, "name", data.name, _("Vul een naam in."), 200)
    same = Team.objects.filter(organisation=organisation, name__iexact=name)
    if team is not None:
        same = same.exclude(pk=team.pk)
    if name and same.exists():
        _add(
            errors,
            "name",
            gettext("%(organisation)s heeft al een team '%(name)s'.")
            % {"organisation": organisation.name, "name": name},
        )
    return errors


@transaction.atomic
def team_create(*, actor, organisation: Organisation, data: TeamInput) -> Team:
    _require_manager(actor)
    _fail(
        _team_errors(data, organisation),
        _("Het team is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    team = Team.objects.create(
        organisation=organisation, name=" ".join(data.name.split()), district=data.district
    )
    _record(actor, Action.CREATE, team)
    return team


@transaction.atomic
def team_update(*, actor, team: Team, data: TeamInput) -> Team:
    _require_manager(actor)
    _fail(
        _team_errors(data, team.organisation, team=team),
        _("Het team is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    changed = _apply(team, {"name": " ".join(data.name.split()), "district": data.district})
    team.save()
    _record(actor, Action.UPDATE, team, _changed_reason(changed))
    return team


# --- professionals ---------------------------------------------------------------


@dataclass
class ProfessionalInput:
    first_name: str
    last_name: str
    email: str
    organisation: Organisation | None
    roles: list[str]
    phone: str = ""
    team: Team | None = None
    expertise: list[str] = field(default_factory=list)
    areas: list[District] = field(default_factory=list)


def _is_self(actor, professional: Professional | None) -> bool:
    own = policy.professional_of(actor)
    return professional is not None and own is not None and own.pk == professional.pk


def _professional_errors(
    actor, data: ProfessionalInput, *, professional: Professional | None = None
) -> Errors:
    errors: Errors = {}
    _text(errors, "first_name", data.first_name, _("Vul een voornaam in."), 100)
    _text(errors, "last_name", data.last_name, _("Vul een achternaam in."), 150)
    email = rules.normalise_email(data.email)
    if not email:
        _add(errors, "email", gettext("Vul een e-mailadres in."))
    elif message := rules.email_error(email):
        _add(errors, "email", message)
    else:
        same = Professional.objects.filter(email__iexact=email)
        if professional is not None:
            same = same.exclude(pk=professional.pk)
        if same.exists():
            _add(
                errors,
                "email",
                gettext("Er is al een professional met e-mailadres %(email)s.") % {"email": email},
            )
    _add(errors, "phone", rules.phone_error(data.phone.strip()))
    organisation = data.organisation
    if organisation is None:
        _add(errors, "organisation", gettext("Kies een organisatie."))
    elif not organisation.is_active and (
        professional is None or professional.organisation_id != organisation.pk
    ):
        _add(
            errors,
            "organisation",
            gettext("%(organisation)s is gedeactiveerd; kies een actieve organisatie.")
            % {"organisation": organisation.name},
        )
    if (
        data.team is not None
        and organisation is not None
        and data.team.organisation_id != organisation.pk
    ):
        _add(
            errors,
            "team",
            gettext("Team %(team)s hoort niet bij %(organisation)s.")
            % {"team": data.team.name, "organisation": organisation.name},
        )
    if not data.roles:
        _add(errors, "roles", gettext("Kies ten minste één rol."))
    elif not set(data.roles) <= set(Role.values):
        _add(errors, "roles", gettext("Kies alleen rollen uit de lijst."))
    elif _is_self(actor, professional) and Role.BEHEERDER not in data.roles:
        _add(
            errors,
            "roles",
            gettext(
                "U kunt uw eigen rol als functioneel beheerder niet intrekken; vraag een andere beheerder."
            ),
        )
    if any(len(" ".join(tag.split())) > 100 for tag in data.expertise):
        _add(errors, "expertise", gettext("Een expertise heeft hoogstens 100 tekens."))
    return errors


def _username_errors(username: str) -> Errors:
    errors: Errors = {}
    if len(username) > 150:
        _add(errors, "username", _too_long(150))
        return errors
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        _add(
            errors,
            "username",
            gettext(
                "Een gebruikersnaam bestaat uit letters, cijfers en de tekens @ . + - _ (geen spaties)."
            ),
        )
        return errors
    if get_user_model().objects.filter(username__iexact=username).exists():
        _add(
            errors,
            "username",
            gettext("De gebruikersnaam '%(username)s' is al in gebruik.") % {"username": username},
        )
    return errors


def _expertise_tags(names: list[str]) -> list[ExpertiseTag]:
    """Find tags case-insensitively (in Python: SQLite folds only ASCII) and create the new ones."""
    known = {tag.name.casefold(): tag for tag in ExpertiseTag.objects.all()}
    tags, new = [], []
    for name in rules.split_list("|".join(names)):
        tag = known.get(name.casefold())
        if tag is None:
            tag = known[name.casefold()] = ExpertiseTag(name=name)
            new.append(tag)
        tags.append(tag)
    ExpertiseTag.objects.bulk_create(new)
    return tags


def _professional_values(data: ProfessionalInput) -> dict:
    return {
        "first_name": " ".join(data.first_name.split()),
        "last_name": " ".join(data.last_name.split()),
        "email": rules.normalise_email(data.email),
        "phone": data.phone.strip(),
        "organisation": data.organisation,
        "team": data.team,
    }


def _set_relations(professional: Professional, data: ProfessionalInput) -> list[str]:
    changed = []
    roles = set(data.roles)
    current = set(professional.role_assignments.values_list("role", flat=True))
    if roles != current:
        professional.role_assignments.exclude(role__in=roles).delete()
        RoleAssignment.objects.bulk_create(
            RoleAssignment(professional=professional, role=r) for r in roles - current
        )
        changed.append("rollen")
    tags = _expertise_tags(data.expertise)
    if {t.pk for t in tags} != set(professional.expertise.values_list("pk", flat=True)):
        professional.expertise.set(tags)
        changed.append("expertise")
    if {a.pk for a in data.areas} != set(professional.areas.values_list("pk", flat=True)):
        professional.areas.set(data.areas)
        changed.append("werkgebieden")
    return changed


def _initial_password() -> str:
    return "-".join(
        "".join(secrets.choice(_READABLE_CHARACTERS) for _char in range(4)) for _group in range(4)
    )


def _account_create(professional: Professional, username: str) -> str:
    password = _initial_password()
    professional.user = get_user_model().objects.create_user(
        username,
        professional.email,
        password,
        first_name=professional.first_name,
        last_name=professional.last_name,
        must_change_password=True,
    )
    professional.save(update_fields=["user", "updated_at"])
    return password


@transaction.atomic
def professional_create(
    *, actor, data: ProfessionalInput, username: str = ""
) -> tuple[Professional, str]:
    """Create the professional and, with a username, their account; returns the one-time password ("" if none)."""
    _require_manager(actor)
    username = username.strip()
    errors = _professional_errors(actor, data)
    if username:
        errors.update(_username_errors(username))
    _fail(errors, _PROFESSIONAL_NOT_SAVED)
    try:
        professional = Professional.objects.create(**_professional_values(data))
    except IntegrityError:
        raise Conflict(
            gettext("Intussen is een professional met dit e-mailadres aangemaakt.")
        ) from None
    _set_relations(professional, data)
    password = _account_create(professional, username) if username else ""
    _record(
        actor,
        Action.CREATE,
        professional,
        "met inlogaccount" if username else "zonder inlogaccount",
    )
    return professional, password


@transaction.atomic
def professional_update(
    *, actor, professional: Professional, data: ProfessionalInput
) -> Professional:
    _require_manager(actor)
    _fail(_professional_errors(actor, data, professional=professional), _PROFESSIONAL_NOT_SAVED)
    changed = _apply(professional, _professional_values(data))
    professional.save()
    changed += _set_relations(professional, data)
    if professional.user_id:
        user = professional.user
        user.email, user.first_name, user.last_name = (
            professional.email,
            professional.first_name,
            professional.last_name,
        )
        user.save(update_fields=["email", "first_name", "last_name"])
    _record(actor, Action.UPDATE, professional, _changed_reason(changed))
    return professional


@transaction.atomic
def professional_account_create(*, actor, professional: Professional, username: str) -> str:
    """An account for someone who has none yet (e.g. imported); returns the one-time password."""
    _require_manager(actor)
    if professional.user_id:
        raise Conflict(
            gettext("%(name)s heeft al een inlogaccount.") % {"name": professional.full_name}
        )
    if not professional.is_active:
        raise ValidationFailed(
            gettext("%(name)s is gedeactiveerd; activeer eerst opnieuw.")
            % {"name": professional.full_name}
        )
    username = username.strip()
    errors = (
        _username_errors(username)
        if username
        else {"username": [gettext("Vul een gebruikersnaam in.")]}
    )
    _fail(errors, _("Het inlogaccount is niet opgeslagen: controleer de gemarkeerde velden."))
    password = _account_create(professional, username)
    _record(actor, Action.UPDATE, professional, "inlogaccount aangemaakt")
    return password


def _set_professional_active(actor, professional: Professional, active: bool) -> None:
    if professional.user_id:
        professional.user.is_active = active
        professional.user.save(update_fields=["is_active"])
    _set_active(actor, professional, active)


@transaction.atomic
def professional_deactivate(*, actor, professional: Professional) -> Professional:
    """The person leaves the directory and can no longer log in; nothing they did is lost."""
    _require_manager(actor)
    if _is_self(actor, professional):
        raise ValidationFailed(
            gettext("U kunt uzelf niet deactiveren; vraag een andere beheerder.")
        )
    _set_professional_active(actor, professional, False)
    return professional


@transaction.atomic
def professional_reactivate(*, actor, professional: Professional) -> Professional:
    _require_manager(actor)
    _set_professional_active(actor, professional, True)
    return professional


# --- institutions and governance ---------------------------------------------------


@dataclass
class InstitutionInput:
    name: str
    kind: str
    district: District | None = None
    address: str = ""
    jgz_contact: Professional | None = None


def _institution_errors(
    data: InstitutionInput, *, institution: Institution | None = None
) -> Errors:
    errors: Errors = {}
    name = _text(errors, "name", data.name, _("Vul een naam in."), 200)
    _text(errors, "address", data.address, _("Vul een adres in."), 200, required=False)
    if data.kind not in InstitutionKind.values:
        _add(errors, "kind", gettext("Kies school, kinderdagverblijf of peuterspeelzaal."))
    elif name:
        same = Institution.objects.filter(name__iexact=name, kind=data.kind)
        if institution is not None:
            same = same.exclude(pk=institution.pk)
        if same.exists():
            _add(
                errors,
                "name",
                gettext("Er is al een %(kind)s met de naam '%(name)s'.")
                % {"kind": InstitutionKind(data.kind).label, "name": name},
            )
    contact = data.jgz_contact
    if contact is not None and not rules.is_jgz_contact_eligible(contact):
        _add(
            errors,
            "jgz_contact",
            gettext(
                "%(name)s is niet actief of werkt niet bij de JGZ; de vaste contactpersoon is een "
                "actieve JGZ-professional of zorgcoördinator."
            )
            % {"name": contact.full_name},
        )
    return errors


def _institution_values(data: InstitutionInput) -> dict:
    return {
        "name": " ".join(data.name.split()),
        "kind": data.kind,
        "district": data.district,
        "address": " ".join(data.address.split()),
        "jgz_contact": data.jgz_contact,
    }


@transaction.atomic
def institution_create(*, actor, data: InstitutionInput) -> Institution:
    _require_manager(actor)
    _fail(
        _institution_errors(data),
        _("De instelling is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    institution = Institution.objects.create(**_institution_values(data))
    _record(actor, Action.CREATE, institution)
    return institution


@transaction.atomic
def institution_update(*, actor, institution: Institution, data: InstitutionInput) -> Institution:
    _require_manager(actor)
    _fail(
        _institution_errors(data, institution=institution),
        _("De instelling is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    changed = _apply(institution, _institution_values(data))
    institution.save()
    _record(actor, Action.UPDATE, institution, _changed_reason(changed))
    return institution


@transaction.atomic
def governance_body_update(
    *, actor, body: GovernanceBody, name: str, composition: str, tasks: str
) -> GovernanceBody:
    _require_manager(actor)
    errors: Errors = {}
    values = {
        "name": _text(errors, "name", name, _("Vul een naam in."), 200),
        "composition": _text(
            errors,
            "composition",
            composition,
            _("Vul de samenstelling in."),
            200,
            required=False,
        ),
        "tasks": (tasks or "").strip(),
    }
    _fail(errors, _("Het overleg is niet opgeslagen: controleer de gemarkeerde velden."))
    changed = _apply(body, values)
    body.save()
    _record(actor, Action.UPDATE, body, _changed_reason(changed))
    return body


@transaction.atomic
def governance_member_add(
    *, actor, body: GovernanceBody, professional: Professional, function: str = ""
) -> GovernanceMembership:
    _require_manager(actor)
    errors: Errors = {}
    function = _text(errors, "function", function, _("Vul een functie in."), 100, required=False)
    if not professional.is_active:
        _add(
            errors,
            "professional",
            gettext("%(name)s is gedeactiveerd.") % {"name": professional.full_name},
        )
    elif body.memberships.filter(professional=professional).exists():
        _add(
            errors,
            "professional",
            gettext("%(name)s is al lid van %(body)s.")
            % {"name": professional.full_name, "body": body.name},
        )
    _fail(errors, _("Het lid is niet opgeslagen: controleer de gemarkeerde velden."))
    membership = GovernanceMembership.objects.create(
        body=body, professional=professional, function=function
    )
    _record(actor, Action.UPDATE, body, f"lid toegevoegd: {professional.uuid}")
    return membership


@transaction.atomic
def governance_member_remove(*, actor, body: GovernanceBody, professional: Professional) -> None:
    _require_manager(actor)
    deleted, _rows = body.memberships.filter(professional=professional).delete()
    if not deleted:
        raise ValidationFailed(
            gettext("%(name)s is geen lid van %(body)s.")
            % {"name": professional.full_name, "body": body.name}
        )
    _record(actor, Action.UPDATE, body, f"lid verwijderd: {professional.uuid}")


# --- CSV import -----------------------------------------------------------------------


def _import_record(actor, object_type: str, count: int, what: str) -> None:
    audit_record(
        actor=actor,
        action=Action.IMPORT,
        object_type=object_type,
        basis=Basis.ROLE,
        reason=f"CSV-import: {count} {what}",
    )


@transaction.atomic
def organisation_import(*, actor, content: bytes) -> int:
    """All rows or none: raises ImportFileError or ImportRejected before anything is written."""
    _require_manager(actor)
    table = imports.read_table(content, columns=imports.ORGANISATION_COLUMNS)
    rows = imports.validate_organisations(table, selectors.organisation_import_reference())
    try:
        Organisation.objects.bulk_create(
            [
                Organisation(
                    name=r.name,
                    kind=r.kind,
                    domains=r.domains,
                    district_id=r.district_id,
                    email=r.email,
                    phone=r.phone,
                )
                for r in rows
            ],
            batch_size=500,
        )
    except IntegrityError:
        raise Conflict(
            gettext(
                "Tijdens het importeren is een van deze organisaties al aangemaakt; upload opnieuw."
            )
        ) from None
    _import_record(actor, "network.Organisation", len(rows), "organisaties")
    return len(rows)


@transaction.atomic
def professional_import(*, actor, content: bytes) -> int:
    """All rows or none: raises ImportFileError or ImportRejected before anything is written."""
    _require_manager(actor)
    table = imports.read_table(content, columns=imports.PROFESSIONAL_COLUMNS)
    emails = {rules.normalise_email(row.values["email"]) for row in table.rows}
    rows = imports.validate_professionals(
        table, selectors.professional_import_reference(emails=emails)
    )
    tags = {
        t.name.casefold(): t for t in _expertise_tags([name for r in rows for name in r.expertise])
    }
    professionals = [
        Professional(
            first_name=r.first_name,
            last_name=r.last_name,
            email=r.email,
            phone=r.phone,
            organisation_id=r.organisation_id,
            team_id=r.team_id,
        )
        for r in rows
    ]
    try:
        Professional.objects.bulk_create(professionals, batch_size=500)
    except IntegrityError:
        raise Conflict(
            gettext(
                "Tijdens het importeren is een van deze professionals al aangemaakt; upload opnieuw."
            )
        ) from None
    pairs = list(zip(professionals, rows, strict=True))
    RoleAssignment.objects.bulk_create(
        (RoleAssignment(professional=p, role=role) for p, r in pairs for role in r.roles),
        batch_size=1000,
    )
    Professional.expertise.through.objects.bulk_create(
        (
            Professional.expertise.through(
                professional_id=p.pk, expertisetag_id=tags[name.casefold()].pk
            )
            for p, r in pairs
            for name in r.expertise
        ),
        batch_size=1000,
    )
    Professional.areas.through.objects.bulk_create(
        (
            Professional.areas.through(professional_id=p.pk, district_id=d)
            for p, r in pairs
            for d in r.area_ids
        ),
        batch_size=1000,
    )
    _import_record(actor, "network.Professional", len(rows), "professionals")
    return len(rows)
