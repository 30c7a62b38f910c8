"""Organisations of the network and their teams."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.audit.models import Action
from ketenzorg.core.errors import Conflict
from ketenzorg.network import rules
from ketenzorg.network.models import (
    District,
    Domain,
    Organisation,
    OrganisationKind,
    Team,
)
from ketenzorg.network.services._common import (
    Errors,
    add_error,
    apply_values,
    changed_reason,
    fail,
    manager_write,
    record,
    set_active,
    text_field,
)

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
    name = text_field(errors, "name", data.name, _("Vul een naam in."), 200)
    if name:
        same = Organisation.objects.filter(name__iexact=name)
        if organisation is not None:
            same = same.exclude(pk=organisation.pk)
        if same.exists():
            add_error(
                errors,
                "name",
                gettext("Er bestaat al een organisatie met de naam '%(name)s'.") % {"name": name},
            )
    if data.kind not in OrganisationKind.values:
        add_error(errors, "kind", gettext("Kies een soort organisatie."))
    if not data.domains or not set(data.domains) <= set(Domain.values):
        add_error(
            errors,
            "domains",
            gettext("Kies ten minste één domein: zorg, onderwijs, veiligheid of welzijn."),
        )
    if data.email:
        add_error(errors, "email", rules.email_error(rules.normalise_email(data.email)))
    add_error(errors, "phone", rules.phone_error(data.phone.strip()))
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


@manager_write
def organisation_create(*, actor, data: OrganisationInput) -> Organisation:
    fail(
        _organisation_errors(data),
        _("De organisatie is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    try:
        organisation = Organisation.objects.create(**_organisation_values(data))
    except IntegrityError:
        raise Conflict(gettext("Intussen is een organisatie met deze naam aangemaakt.")) from None
    record(actor, Action.CREATE, organisation)
    return organisation


@manager_write
def organisation_update(
    *, actor, organisation: Organisation, data: OrganisationInput
) -> Organisation:
    fail(
        _organisation_errors(data, organisation=organisation),
        _("De organisatie is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    changed = apply_values(organisation, _organisation_values(data))
    organisation.save()
    record(actor, Action.UPDATE, organisation, changed_reason(changed))
    return organisation


@manager_write
def organisation_deactivate(*, actor, organisation: Organisation) -> Organisation:
    """Deactivate instead of delete: history keeps pointing at it and it can come back."""
    set_active(actor, organisation, False)
    return organisation


@manager_write
def organisation_reactivate(*, actor, organisation: Organisation) -> Organisation:
    set_active(actor, organisation, True)
    return organisation


@dataclass
class TeamInput:
    name: str
    district: District | None = None


def _team_errors(
    data: TeamInput, organisation: Organisation, *, team: Team | None = None
) -> Errors:
    errors: Errors = {}
    name = text_field(errors, "name", data.name, _("Vul een naam in."), 200)
    same = Team.objects.filter(organisation=organisation, name__iexact=name)
    if team is not None:
        same = same.exclude(pk=team.pk)
    if name and same.exists():
        add_error(
            errors,
            "name",
            gettext("%(organisation)s heeft al een team '%(name)s'.")
            % {"organisation": organisation.name, "name": name},
        )
    return errors


@manager_write
def team_create(*, actor, organisation: Organisation, data: TeamInput) -> Team:
    fail(
        _team_errors(data, organisation),
        _("Het team is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    team = Team.objects.create(
        organisation=organisation, name=" ".join(data.name.split()), district=data.district
    )
    record(actor, Action.CREATE, team)
    return team


@manager_write
def team_update(*, actor, team: Team, data: TeamInput) -> Team:
    fail(
        _team_errors(data, team.organisation, team=team),
        _("Het team is niet opgeslagen: controleer de gemarkeerde velden."),
    )
    changed = apply_values(team, {"name": " ".join(data.name.split()), "district": data.district})
    team.save()
    record(actor, Action.UPDATE, team, changed_reason(changed))
    return team
