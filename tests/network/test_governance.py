"""The OKé-netwerkoverleg: three tiers from the seed, each with tasks and members."""

import pytest
from django.urls import reverse

from ketenzorg.audit.models import Action
from ketenzorg.network.models import GovernanceBody, GovernanceMembership
from tests import factories
from tests.network.helpers import audited

pytestmark = pytest.mark.django_db


def test_migration_created_the_three_tiers():
    bodies = {b.level: b for b in GovernanceBody.objects.all()}
    assert set(bodies) == {"kerngroep", "adviesgroep", "werkgroep"}
    assert (
        "strategie" in bodies["kerngroep"].tasks
        and "bestuurders" in bodies["kerngroep"].composition.lower()
    )
    assert "informeert de medewerkers" in bodies["adviesgroep"].tasks.lower()
    assert "adviseert de adviesgroep" in bodies["werkgroep"].tasks.lower()
    assert bodies["werkgroep"].name == "Werkgroep OKé"


def test_list_shows_tiers(admin_client):
    body = admin_client.get(reverse("network:governance_list")).content.decode()
    assert "Kerngroep Jeugd" in body and "Adviesgroep Jeugd" in body and "Werkgroep OKé" in body


def test_edit_tasks(admin_client):
    body = GovernanceBody.objects.get(level="werkgroep")
    response = admin_client.post(
        reverse("network:governance_edit", args=[body.uuid]),
        {"name": "Werkgroep OKé", "composition": "operationeel managers", "tasks": "Nieuwe taak"},
    )
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.tasks == "Nieuwe taak"
    assert audited(Action.UPDATE, "network.GovernanceBody", body.uuid)
    assert (
        admin_client.post(
            reverse("network:governance_edit", args=[body.uuid]), {"name": ""}
        ).status_code
        == 400
    )


def test_add_and_remove_member(admin_client):
    body = GovernanceBody.objects.get(level="kerngroep")
    director = factories.make_professional("manager")
    url = reverse("network:governance_member_add", args=[body.uuid])
    response = admin_client.post(
        url, {"professional": str(director.uuid), "function": "voorzitter"}
    )
    assert response.status_code == 302
    membership = GovernanceMembership.objects.get(body=body, professional=director)
    assert membership.function == "voorzitter"
    page = admin_client.get(reverse("network:governance_detail", args=[body.uuid])).content.decode()
    assert director.full_name in page and "voorzitter" in page
    again = admin_client.post(url, {"professional": str(director.uuid)})
    assert again.status_code == 400 and "is al lid van" in again.content.decode()
    response = admin_client.post(
        reverse("network:governance_member_remove", args=[body.uuid, director.uuid])
    )
    assert response.status_code == 302
    assert not GovernanceMembership.objects.filter(body=body).exists()
    assert audited(Action.UPDATE, "network.GovernanceBody", body.uuid)


def test_inactive_professional_cannot_join(admin_client):
    body = GovernanceBody.objects.get(level="adviesgroep")
    gone = factories.make_professional("manager")
    gone.is_active = False
    gone.save()
    response = admin_client.post(
        reverse("network:governance_member_add", args=[body.uuid]), {"professional": str(gone.uuid)}
    )
    assert response.status_code == 400
