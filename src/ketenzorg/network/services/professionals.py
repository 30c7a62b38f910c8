"""Professionals: their roles, expertise and areas, and their accounts."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.access import policy
from ketenzorg.accounts.api_keys import api_keys_revoke_all
from ketenzorg.accounts.models import RevokedReason
from ketenzorg.audit.models import Action
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.network import guards, rules
from ketenzorg.network.models import (
    District,
    ExpertiseTag,
    Organisation,
    Professional,
    Role,
    RoleAssignment,
    Team,
)
from ketenzorg.network.services._common import (
    _PROFESSIONAL_NOT_SAVED,
    _READABLE_CHARACTERS,
    Errors,
    add_error,
    apply_values,
    changed_reason,
    fail,
    manager_write,
    record,
    require_manager,
    set_active,
    text_field,
    too_long,
)

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
    # Availability for meedenken/meedoen; None leaves what the professional keeps themselves.
    available_for_consultation: bool | None = None
    availability_note: str | None = None
    available_from: date | None = None


def _is_self(actor, professional: Professional | None) -> bool:
    own = policy.professional_of(actor)
    return professional is not None and own is not None and own.pk == professional.pk


def _roles_change(before: set, after: set) -> str:
    """For the access log: the roles before and after, as codes (the log says what changed)."""
    return f"rollen: {', '.join(sorted(before)) or '-'} -> {', '.join(sorted(after)) or '-'}"


def _mail_roles(professional: Professional, *, before: set, by) -> None:
    """Tell the person whenever their roles change, after the commit: a grant they did not
    expect is a reason to alarm the privacy officer."""
    after = set(professional.role_assignments.values_list("role", flat=True))
    if after == before or not professional.email:
        return
    labels = dict(Role.choices)
    actor = policy.professional_of(by)

    def names(codes):
        return ", ".join(str(labels[c]) for c in sorted(codes)) or "-"

    body = gettext(
        "Uw rollen in ketenzorg zijn gewijzigd door %(who)s.\n\nVoor: %(before)s\nNa: %(after)s\n\n"
        "Klopt dit niet? Neem dan direct contact op met de privacyfunctionaris."
    ) % {
        "who": actor.full_name if actor else by.get_username(),
        "before": names(before),
        "after": names(after),
    }
    transaction.on_commit(
        lambda: send_mail(
            gettext("ketenzorg: uw rollen zijn gewijzigd"),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [professional.email],
        )
    )


def _professional_errors(
    actor, data: ProfessionalInput, *, professional: Professional | None = None
) -> Errors:
    errors: Errors = {}
    text_field(errors, "first_name", data.first_name, _("Vul een voornaam in."), 100)
    text_field(errors, "last_name", data.last_name, _("Vul een achternaam in."), 150)
    email = rules.normalise_email(data.email)
    if not email:
        add_error(errors, "email", gettext("Vul een e-mailadres in."))
    elif message := rules.email_error(email):
        add_error(errors, "email", message)
    else:
        same = Professional.objects.filter(email__iexact=email)
        if professional is not None:
            same = same.exclude(pk=professional.pk)
        if same.exists():
            add_error(
                errors,
                "email",
                gettext("Er is al een professional met e-mailadres %(email)s.") % {"email": email},
            )
    add_error(errors, "phone", rules.phone_error(data.phone.strip()))
    organisation = data.organisation
    if organisation is None:
        add_error(errors, "organisation", gettext("Kies een organisatie."))
    elif not organisation.is_active and (
        professional is None or professional.organisation_id != organisation.pk
    ):
        add_error(
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
        add_error(
            errors,
            "team",
            gettext("Team %(team)s hoort niet bij %(organisation)s.")
            % {"team": data.team.name, "organisation": organisation.name},
        )
    if not data.roles:
        add_error(errors, "roles", gettext("Kies ten minste één rol."))
    elif not set(data.roles) <= set(Role.values):
        add_error(errors, "roles", gettext("Kies alleen rollen uit de lijst."))
    if any(len(" ".join(tag.split())) > 100 for tag in data.expertise):
        add_error(errors, "expertise", gettext("Een expertise heeft hoogstens 100 tekens."))
    return errors


def _username_errors(username: str) -> Errors:
    errors: Errors = {}
    if len(username) > 150:
        add_error(errors, "username", too_long(150))
        return errors
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        add_error(
            errors,
            "username",
            gettext(
                "Een gebruikersnaam bestaat uit letters, cijfers en de tekens @ . + - _ (geen spaties)."
            ),
        )
        return errors
    if get_user_model().objects.filter(username__iexact=username).exists():
        add_error(
            errors,
            "username",
            gettext("De gebruikersnaam '%(username)s' is al in gebruik.") % {"username": username},
        )
    return errors


def expertise_tags(names: list[str]) -> list[ExpertiseTag]:
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
    values = {
        "first_name": " ".join(data.first_name.split()),
        "last_name": " ".join(data.last_name.split()),
        "email": rules.normalise_email(data.email),
        "phone": data.phone.strip(),
        "organisation": data.organisation,
        "team": data.team,
    }
    if data.available_for_consultation is not None:
        values.update(
            available_for_consultation=bool(data.available_for_consultation),
            availability_note=" ".join((data.availability_note or "").split()),
            available_from=data.available_from,
        )
    return values


AVAILABILITY_NOTE_MAX = 200


def _availability_errors(errors: Errors, note: str | None) -> None:
    if note and len(" ".join(note.split())) > AVAILABILITY_NOTE_MAX:
        add_error(errors, "availability_note", too_long(AVAILABILITY_NOTE_MAX))


@dataclass
class AvailabilityInput:
    available_for_consultation: bool
    availability_note: str = ""
    available_from: date | None = None
    expertise: list[str] = field(default_factory=list)


def own_availability_update(*, actor, data: AvailabilityInput) -> Professional:
    """The professional keeps their own entry in the expertise directory: whether and when
    they take meedenken/meedoen questions, and their expertise. Nothing else of their entry
    (roles, organisation) changes here; that stays with the beheerder."""
    professional = guards.own_entry_allowed(actor=actor)
    errors: Errors = {}
    _availability_errors(errors, data.availability_note)
    if len(data.expertise) > 50:
        add_error(errors, "expertise", gettext("Kies hoogstens 50 expertises."))
    for name in data.expertise:
        if len(name.strip()) > 100:
            add_error(errors, "new_expertise", too_long(100))
    fail(errors, _("Uw beschikbaarheid is niet opgeslagen: controleer de gemarkeerde velden."))
    with transaction.atomic():
        changed = apply_values(
            professional,
            {
                "available_for_consultation": bool(data.available_for_consultation),
                "availability_note": " ".join((data.availability_note or "").split()),
                "available_from": data.available_from,
            },
        )
        professional.save()
        tags = expertise_tags(data.expertise)
        if {t.pk for t in tags} != set(professional.expertise.values_list("pk", flat=True)):
            professional.expertise.set(tags)
            changed.append("expertise")
        record(actor, Action.UPDATE, professional, "eigen gegevens; " + changed_reason(changed))
    return professional


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
    tags = expertise_tags(data.expertise)
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


def professional_create(
    *, actor, data: ProfessionalInput, username: str = ""
) -> tuple[Professional, str]:
    """Create the professional and, with a username, their account; returns the one-time password ("" if none)."""
    require_manager(actor)
    guards.role_change_allowed(actor=actor, professional=None, roles=data.roles)
    with transaction.atomic():
        professional, password = _professional_create(actor=actor, data=data, username=username)
    _mail_roles(professional, before=set(), by=actor)
    return professional, password


def _professional_create(*, actor, data: ProfessionalInput, username: str):
    username = username.strip()
    errors = _professional_errors(actor, data)
    _availability_errors(errors, data.availability_note)
    if username:
        errors.update(_username_errors(username))
    fail(errors, _PROFESSIONAL_NOT_SAVED)
    try:
        professional = Professional.objects.create(**_professional_values(data))
    except IntegrityError:
        raise Conflict(
            gettext("Intussen is een professional met dit e-mailadres aangemaakt.")
        ) from None
    _set_relations(professional, data)
    password = _account_create(professional, username) if username else ""
    record(
        actor,
        Action.CREATE,
        professional,
        ("met inlogaccount" if username else "zonder inlogaccount")
        + "; "
        + _roles_change(set(), set(data.roles)),
    )
    return professional, password


def professional_update(
    *, actor, professional: Professional, data: ProfessionalInput
) -> Professional:
    require_manager(actor)
    guards.role_change_allowed(actor=actor, professional=professional, roles=data.roles)
    before = set(professional.role_assignments.values_list("role", flat=True))
    with transaction.atomic():
        _professional_update(actor=actor, professional=professional, data=data, before=before)
    _mail_roles(professional, before=before, by=actor)
    return professional


def _professional_update(*, actor, professional: Professional, data: ProfessionalInput, before):
    errors = _professional_errors(actor, data, professional=professional)
    _availability_errors(errors, data.availability_note)
    fail(errors, _PROFESSIONAL_NOT_SAVED)
    changed = apply_values(professional, _professional_values(data))
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
    reason = changed_reason(changed)
    if set(data.roles) != before:
        reason += "; " + _roles_change(before, set(data.roles))
        if professional.user_id:
            # A key made under the old roles must not carry them (or newly granted ones) on.
            api_keys_revoke_all(
                user=professional.user, actor=actor, reason=RevokedReason.ROLES_CHANGED
            )
    record(actor, Action.UPDATE, professional, reason)


@manager_write
def professional_account_create(*, actor, professional: Professional, username: str) -> str:
    """An account for someone who has none yet (e.g. imported); returns the one-time password."""
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
    fail(errors, _("Het inlogaccount is niet opgeslagen: controleer de gemarkeerde velden."))
    password = _account_create(professional, username)
    record(actor, Action.UPDATE, professional, "inlogaccount aangemaakt")
    return password


def _set_professional_active(actor, professional: Professional, active: bool) -> None:
    if professional.user_id:
        professional.user.is_active = active
        professional.user.save(update_fields=["is_active"])
        if not active:
            api_keys_revoke_all(
                user=professional.user, actor=actor, reason=RevokedReason.DEACTIVATED
            )
    set_active(actor, professional, active)


@manager_write
def professional_deactivate(*, actor, professional: Professional) -> Professional:
    """The person leaves the directory and can no longer log in; nothing they did is lost."""
    if _is_self(actor, professional):
        raise ValidationFailed(
            gettext("U kunt uzelf niet deactiveren; vraag een andere beheerder.")
        )
    _set_professional_active(actor, professional, False)
    return professional


@manager_write
def professional_reactivate(*, actor, professional: Professional) -> Professional:
    _set_professional_active(actor, professional, True)
    return professional
