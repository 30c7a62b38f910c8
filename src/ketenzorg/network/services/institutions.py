"""Institutions (schools, daycare) with the JGZ's contact person, and the governance bodies."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.audit.models import Action
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.network import rules
from ketenzorg.network.models import (
    District,
    GovernanceBody,
    GovernanceMembership,
    Institution,
    InstitutionKind,
    Professional,
)
from ketenzorg.network.services._common import (
    Errors,
    add_error,
    apply_values,
    changed_reason,
    fail,
    manager_write,
    record,
    text_field,
)

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
    name = text_field(errors, "name", data.name, _("Vul een naam in."), 200)
    text_field(errors, "address", data.address, _("Vul een adres in."), 200, required=False)
    if data.kind not in InstitutionKind.values:
        add_error(errors, "kind", gettext("Kies school, kinderdagverblijf of peuterspeelzaal."))
    elif name:
        same = Institution.objects.filter(name__iexact=name, kind=data.kind)
        if institution is not None:
            same = same.exclude(pk=institution.pk)
        if same.exists():
            add_error(
                errors,
                "name",
                gettext("Er is al een %(kind)s met de naam '%(name)s'.")
                % {"kind": InstitutionKind(data.kind).label, "name": name},
            )
    contact = data.jgz_contact
    if contact is not None and not rules.is_jgz_contact_eligible(contact):
        add_error(
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


@manager_write
def institution_create(*, actor, data: InstitutionInput) -> Institution:
    fail(
        _institution_errors(data),
        _("De instelling is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    institution = Institution.objects.create(**_institution_values(data))
    record(actor, Action.CREATE, institution)
    return institution


@manager_write
def institution_update(*, actor, institution: Institution, data: InstitutionInput) -> Institution:
    fail(
        _institution_errors(data, institution=institution),
        _("De instelling is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    changed = apply_values(institution, _institution_values(data))
    institution.save()
    record(actor, Action.UPDATE, institution, changed_reason(changed))
    return institution


@manager_write
def governance_body_update(
    *, actor, body: GovernanceBody, name: str, composition: str, tasks: str
) -> GovernanceBody:
    errors: Errors = {}
    values = {
        "name": text_field(errors, "name", name, _("Vul een naam in."), 200),
        "composition": text_field(
            errors,
            "composition",
            composition,
            _("Vul de samenstelling in."),
            200,
            required=False,
        ),
        "tasks": (tasks or "").strip(),
    }
    fail(errors, _("Het overleg is niet opgeslagen: controleer de gemarkeerde velden."))
    changed = apply_values(body, values)
    body.save()
    record(actor, Action.UPDATE, body, changed_reason(changed))
    return body


@manager_write
def governance_member_add(
    *, actor, body: GovernanceBody, professional: Professional, function: str = ""
) -> GovernanceMembership:
    errors: Errors = {}
    function = text_field(
        errors, "function", function, _("Vul een functie in."), 100, required=False
    )
    if not professional.is_active:
        add_error(
            errors,
            "professional",
            gettext("%(name)s is gedeactiveerd.") % {"name": professional.full_name},
        )
    elif body.memberships.filter(professional=professional).exists():
        add_error(
            errors,
            "professional",
            gettext("%(name)s is al lid van %(body)s.")
            % {"name": professional.full_name, "body": body.name},
        )
    fail(errors, _("Het lid is niet opgeslagen: controleer de gemarkeerde velden."))
    membership = GovernanceMembership.objects.create(
        body=body, professional=professional, function=function
    )
    record(actor, Action.UPDATE, body, f"lid toegevoegd: {professional.uuid}")
    return membership


@manager_write
def governance_member_remove(*, actor, body: GovernanceBody, professional: Professional) -> None:
    deleted, _rows = body.memberships.filter(professional=professional).delete()
    if not deleted:
        raise ValidationFailed(
            gettext("%(name)s is geen lid van %(body)s.")
            % {"name": professional.full_name, "body": body.name}
        )
    record(actor, Action.UPDATE, body, f"lid verwijderd: {professional.uuid}")
