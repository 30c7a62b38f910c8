"""Organisations: domains as checkboxes, filters, deactivate instead of delete, teams per organisation."""

import pytest
from django.urls import reverse

from ketenzorg.audit.models import Action
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.network import selectors, services
from ketenzorg.network.models import Organisation, Team
from ketenzorg.network.services import OrganisationInput, TeamInput
from tests import factories
from tests.network.helpers import audited, city_tree

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Stichting Welzijn Haven",
    "kind": "welzijn",
    "domains": ["welzijn", "zorg"],
    "email": "Info@Welzijn.example",
    "phone": "036 123 45 67",
}


def test_create_through_screen_with_domain_checkboxes(admin_client):
    _, stadsdeel, _ = city_tree()
    response = admin_client.post(
        reverse("network:organisation_create"), {**FORM, "district": str(stadsdeel.uuid)}
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Stichting Welzijn Haven")
    assert organisation.domains == ["zorg", "welzijn"]
    assert organisation.email == "info@welzijn.example"
    assert organisation.district == stadsdeel
    assert audited(Action.CREATE, "network.Organisation", organisation.uuid)


def test_at_least_one_domain_and_unique_name(admin_client):
    factories.make_organisation("Bestaat Al")
    response = admin_client.post(reverse("network:organisation_create"), {**FORM, "domains": []})
    assert response.status_code == 400
    assert "Kies ten minste één domein." in response.content.decode()
    response = admin_client.post(
        reverse("network:organisation_create"), {**FORM, "name": "bestaat al"}
    )
    assert response.status_code == 400
    assert "Er bestaat al een organisatie met de naam" in response.content.decode()
    assert not Organisation.objects.filter(name="bestaat al").exists()


def test_edit_logs_which_fields_changed(admin_client):
    organisation = factories.make_organisation("Oud")
    response = admin_client.post(
        reverse("network:organisation_edit", args=[organisation.uuid]), {**FORM, "name": "Nieuw"}
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Nieuw"
    from ketenzorg.audit.models import AuditEntry

    entry = AuditEntry.objects.get(action="update", object_uuid=str(organisation.uuid))
    assert "naam" in entry.reason and "Nieuw" not in entry.reason


def test_deactivate_and_undo(admin_client, beheerder):
    organisation = factories.make_organisation("Tijdelijk")
    response = admin_client.post(
        reverse("network:organisation_deactivate", args=[organisation.uuid]), follow=True
    )
    assert "Weer activeren" in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.is_active
    assert organisation not in selectors.organisation_list()
    assert organisation not in selectors.organisation_choices()
    admin_client.post(reverse("network:organisation_reactivate", args=[organisation.uuid]))
    organisation.refresh_from_db()
    assert organisation.is_active
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_list_filters_by_kind_domain_and_name(admin_client):
    factories.make_organisation("Basisschool De Boog", kind="school", domains=("onderwijs",))
    factories.make_organisation("Politie Haven", kind="politie", domains=("veiligheid",))
    factories.make_organisation("GGD Flevoland", kind="ggd", domains=("zorg", "veiligheid"))
    names = lambda **kw: [o.name for o in selectors.organisation_list(**kw)]  # noqa: E731
    assert names(domain="veiligheid") == ["GGD Flevoland", "Politie Haven"]
    assert names(kind="school") == ["Basisschool De Boog"]
    assert names(q="haven") == ["Politie Haven"]
    page = admin_client.get(
        reverse("network:organisation_list"), {"domein": "veiligheid", "q": "ggd"}
    ).content.decode()
    assert "GGD Flevoland" in page and "Politie Haven" not in page
    assert (
        admin_client.get(reverse("network:organisation_list"), {"domein": "onzin"}).status_code
        == 400
    )


def test_list_is_paginated_with_bounded_queries(admin_client, django_assert_max_num_queries):
    Organisation.objects.bulk_create(
        Organisation(name=f"Organisatie {i:03}", kind="overig", domains=["welzijn"])
        for i in range(120)
    )
    with django_assert_max_num_queries(12):
        page = admin_client.get(
            reverse("network:organisation_list"), {"pagina": 2}
        ).content.decode()
    assert "Organisatie 050" in page and "Organisatie 010" not in page
    assert "Pagina 2 van 3" in page


def test_teams_belong_to_their_organisation(admin_client, beheerder):
    organisation = factories.make_organisation("OKT Haven")
    response = admin_client.post(
        reverse("network:team_create", args=[organisation.uuid]), {"name": "Team Noord"}
    )
    assert response.status_code == 302
    team = Team.objects.get(name="Team Noord")
    assert team.organisation == organisation
    assert audited(Action.CREATE, "network.Team", team.uuid)
    duplicate = admin_client.post(
        reverse("network:team_create", args=[organisation.uuid]), {"name": "team noord"}
    )
    assert duplicate.status_code == 400
    other = factories.make_organisation()
    services.team_create(
        actor=beheerder.user, organisation=other, data=TeamInput(name="Team Noord")
    )
    page = admin_client.get(
        reverse("network:organisation_detail", args=[organisation.uuid])
    ).content.decode()
    assert page.count('<th scope="row">Team Noord</th>') == 1
    response = admin_client.post(
        reverse("network:team_edit", args=[team.uuid]), {"name": "Team Zuid"}
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.name == "Team Zuid"


def test_service_rejects_bad_input(beheerder):
    with pytest.raises(ValidationFailed) as excinfo:
        services.organisation_create(
            actor=beheerder.user,
            data=OrganisationInput(
                name=" ", kind="bank", domains=["geld"], email="geen-mail", phone="abc"
            ),
        )
    assert set(excinfo.value.field_errors) == {"name", "kind", "domains", "email", "phone"}
