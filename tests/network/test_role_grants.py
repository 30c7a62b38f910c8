"""Separation of duties for roles (issue: a beheerder gave themselves client and privacy roles).

Nobody changes their own roles; the roles that open client data or the access log (or that
grant those) are given and taken only by a beheerder who is also autorisatiebeheerder; every
change is logged with the roles before and after, and the person is mailed.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from ketenzorg.audit.models import AuditEntry
from ketenzorg.core.errors import AccessDenied
from ketenzorg.network import services
from ketenzorg.network.models import RoleAssignment
from ketenzorg.network.services import ProfessionalInput
from tests import factories


def _input(professional, roles):
    return ProfessionalInput(
        first_name=professional.first_name,
        last_name=professional.last_name,
        email=professional.email,
        organisation=professional.organisation,
        roles=roles,
    )


def _roles(professional):
    return set(
        RoleAssignment.objects.filter(professional=professional).values_list("role", flat=True)
    )


@pytest.fixture
def plain_beheerder(db):
    return factories.make_professional("beheerder")


@pytest.fixture
def granting_beheerder(db):
    return factories.make_professional("beheerder", "autorisatiebeheerder")


@pytest.mark.parametrize(
    "roles",
    [["beheerder", "okt"], ["beheerder", "privacy"], ["beheerder", "brandpuntfunctionaris"]],
)
def test_a_beheerder_cannot_give_themselves_client_or_privacy_roles(granting_beheerder, roles):
    """The attack: even a beheerder who may grant roles cannot grant them to themselves."""
    with pytest.raises(AccessDenied):
        services.professional_update(
            actor=granting_beheerder.user,
            professional=granting_beheerder,
            data=_input(granting_beheerder, roles + ["autorisatiebeheerder"]),
        )
    assert _roles(granting_beheerder) == {"beheerder", "autorisatiebeheerder"}
    entry = AuditEntry.objects.filter(outcome="denied").get()
    assert (entry.action, entry.reason) == ("update", "eigen rollen wijzigen")


def test_a_plain_beheerder_cannot_grant_protected_roles_to_anyone(plain_beheerder):
    colleague = factories.make_professional("manager")
    for roles in (["okt"], ["privacy"], ["autorisatiebeheerder"]):
        with pytest.raises(AccessDenied):
            services.professional_update(
                actor=plain_beheerder.user, professional=colleague, data=_input(colleague, roles)
            )
    assert _roles(colleague) == {"manager"}
    assert (
        AuditEntry.objects.filter(outcome="denied", reason__startswith="beschermde rol").count()
        == 3
    )
    # Roles that open no client data stay the beheerder's own work.
    services.professional_update(
        actor=plain_beheerder.user,
        professional=colleague,
        data=_input(colleague, ["manager", "beheerder"]),
    )
    assert _roles(colleague) == {"manager", "beheerder"}


def test_a_plain_beheerder_cannot_create_or_import_a_professional_with_a_client_role(
    plain_beheerder,
):
    template = factories.make_professional("manager")
    with pytest.raises(AccessDenied):
        services.professional_create(
            actor=plain_beheerder.user,
            data=ProfessionalInput(
                first_name="Nieuw", last_name="Proef", email="nieuw@voorbeeld.invalid",
                organisation=template.organisation, roles=["okt"],
            ),
        )  # fmt: skip
    content = (
        "voornaam;achternaam;email;telefoon;organisatie;team;rollen;expertise;gebieden\n"
        f"Nieuw;Proef;nieuw2@voorbeeld.invalid;;{template.organisation.name};;okt;;\n"
    ).encode()
    with pytest.raises(AccessDenied):
        services.professional_import(actor=plain_beheerder.user, content=content)
    assert AuditEntry.objects.filter(outcome="denied", action="create").count() == 2


def test_the_autorisatiebeheerder_grants_and_the_change_is_logged_and_mailed(
    granting_beheerder, django_capture_on_commit_callbacks
):
    colleague = factories.make_professional("jgz")
    with django_capture_on_commit_callbacks(execute=True):
        services.professional_update(
            actor=granting_beheerder.user,
            professional=colleague,
            data=_input(colleague, ["jgz", "zorgcoordinator"]),
        )
    assert _roles(colleague) == {"jgz", "zorgcoordinator"}
    entry = AuditEntry.objects.filter(object_uuid=str(colleague.uuid)).last()
    assert "rollen: jgz -> jgz, zorgcoordinator" in entry.reason
    assert [m.to for m in mail.outbox] == [[colleague.email]]
    assert (
        "Voor: JGZ-professional" in mail.outbox[0].body and "zorgcoördinator" in mail.outbox[0].body
    )


def test_the_screen_shows_the_refusal_on_the_form(client, plain_beheerder):
    colleague = factories.make_professional("manager")
    factories.verified_login(client, plain_beheerder.user)
    page = client.get(reverse("network:professional_edit", args=[colleague.uuid]))
    assert page.status_code == 200
    response = client.post(
        reverse("network:professional_edit", args=[colleague.uuid]),
        {
            "first_name": colleague.first_name, "last_name": colleague.last_name, "email": colleague.email,
            "organisation": colleague.organisation.pk, "roles": ["manager", "okt"],
        },
    )  # fmt: skip
    assert response.status_code in (400, 403)
    assert "autorisatiebeheerder" in response.content.decode()
    assert _roles(colleague) == {"manager"}
