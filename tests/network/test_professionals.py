"""Professionals: roles, team within the organisation, expertise, areas, the login account, deactivation."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ketenzorg.audit.models import Action
from ketenzorg.core.errors import AccessDenied
from ketenzorg.network import services
from ketenzorg.network.models import ExpertiseTag, Professional, RoleAssignment, Team
from ketenzorg.network.services import ProfessionalInput
from tests import factories
from tests.network.helpers import audited, city_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_with_team(db):
    organisation = factories.make_organisation("OKT Haven")
    return organisation, Team.objects.create(organisation=organisation, name="Team Noord")


def _form(organisation, team=None, **extra):
    data = {
        "first_name": "Sanne",
        "last_name": "de Vries",
        "email": "Sanne.deVries@okt.example",
        "phone": "06 1234 5678",
        "organisation": str(organisation.uuid),
        "roles": ["okt", "meedenker"],
        "new_expertise": "autisme, Schulden",
    }
    if team is not None:
        data["team"] = str(team.uuid)
    return {**data, **extra}


def test_create_with_account_shows_password_once(admin_client, org_with_team):
    organisation, team = org_with_team
    _, stadsdeel, gebied = city_tree()
    ExpertiseTag.objects.create(name="Schulden")
    response = admin_client.post(
        reverse("network:professional_create"),
        _form(organisation, team, username="svries", areas=[str(gebied.uuid), str(stadsdeel.uuid)]),
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["password"]
    assert password in response.content.decode() and len(password) == 19
    professional = Professional.objects.get(email="sanne.devries@okt.example")
    assert professional.role_codes() == {"okt", "meedenker"}
    assert professional.team == team
    assert {t.name for t in professional.expertise.all()} == {"autisme", "Schulden"}
    assert ExpertiseTag.objects.count() == 2  # "Schulden" was reused, not duplicated
    assert set(professional.areas.all()) == {stadsdeel, gebied}
    user = professional.user
    assert user.username == "svries" and user.check_password(password) and user.is_active
    assert audited(Action.CREATE, "network.Professional", professional.uuid)
    # the password is never shown again
    detail = admin_client.get(
        reverse("network:professional_detail", args=[professional.uuid])
    ).content.decode()
    assert password not in detail and "svries" in detail


def test_create_without_account(admin_client, org_with_team):
    organisation, _ = org_with_team
    response = admin_client.post(reverse("network:professional_create"), _form(organisation))
    assert response.status_code == 302
    assert Professional.objects.get(email="sanne.devries@okt.example").user is None


def test_team_must_belong_to_the_organisation(admin_client, org_with_team):
    _, team = org_with_team
    other = factories.make_organisation("Andere organisatie")
    response = admin_client.post(
        reverse("network:professional_create"), _form(other, team, username="svries")
    )
    assert response.status_code == 400
    assert "Team Noord hoort niet bij Andere organisatie." in response.content.decode()
    assert not Professional.objects.filter(email="sanne.devries@okt.example").exists()
    assert not get_user_model().objects.filter(username="svries").exists()


@pytest.mark.parametrize(
    "extra,message",
    [
        ({"roles": []}, "Kies ten minste één rol."),
        ({"email": "geen-adres"}, "Voer een geldig e-mailadres in."),
        ({"username": "met spatie"}, "geen spaties"),
        ({"phone": "bel me"}, "Een telefoonnummer bestaat uit cijfers"),
    ],
)
def test_invalid_input_rerenders_with_400(admin_client, org_with_team, extra, message):
    organisation, _ = org_with_team
    response = admin_client.post(
        reverse("network:professional_create"), _form(organisation, **extra)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Professional.objects.filter(first_name="Sanne").exists()


def test_duplicate_email_and_username(admin_client, org_with_team, beheerder):
    organisation, _ = org_with_team
    factories.make_professional("okt", username="bezet")
    existing = Professional.objects.exclude(pk=beheerder.pk).first()
    response = admin_client.post(
        reverse("network:professional_create"),
        _form(organisation, email=existing.email.upper(), username="BEZET"),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Er is al een professional met e-mailadres" in body
    assert "De gebruikersnaam &#x27;BEZET&#x27; is al in gebruik." in body


def test_edit_changes_roles_and_syncs_account(admin_client, org_with_team):
    organisation, team = org_with_team
    professional = factories.make_professional("okt", organisation=organisation)
    response = admin_client.post(
        reverse("network:professional_edit", args=[professional.uuid]),
        _form(organisation, team, roles=["jgz"], first_name="Anna", new_expertise=""),
    )
    assert response.status_code == 302
    professional = Professional.objects.get(pk=professional.pk)
    assert professional.role_codes() == {"jgz"}
    assert professional.team == team
    assert professional.user.first_name == "Anna"
    assert professional.user.email == "sanne.devries@okt.example"
    assert audited(Action.UPDATE, "network.Professional", professional.uuid)


def test_deactivate_blocks_login_and_directory_then_undo(admin_client, client):
    professional = factories.make_professional("okt")
    admin_client.post(reverse("network:professional_deactivate", args=[professional.uuid]))
    professional.refresh_from_db()
    professional.user.refresh_from_db()
    assert not professional.is_active and not professional.user.is_active
    admin_client.post(reverse("network:professional_reactivate", args=[professional.uuid]))
    professional.refresh_from_db()
    professional.user.refresh_from_db()
    assert professional.is_active and professional.user.is_active


def test_beheerder_cannot_lock_themselves_out(admin_client, beheerder):
    response = admin_client.post(reverse("network:professional_deactivate", args=[beheerder.uuid]))
    assert response.status_code == 400
    assert "U kunt uzelf niet deactiveren" in response.content.decode()
    with pytest.raises(AccessDenied) as excinfo:
        services.professional_update(
            actor=beheerder.user,
            professional=beheerder,
            data=ProfessionalInput(
                first_name="Proef",
                last_name="Beheer",
                email=beheerder.email,
                organisation=beheerder.organisation,
                roles=["okt"],
            ),
        )
    assert "eigen rollen" in excinfo.value.message


def test_account_for_imported_professional(admin_client):
    professional = factories.make_professional("okt", user=False)
    response = admin_client.post(
        reverse("network:professional_account", args=[professional.uuid]), {"username": "nieuw"}
    )
    assert response.status_code == 200
    professional.refresh_from_db()
    assert professional.user.check_password(response.context["password"])
    again = admin_client.get(reverse("network:professional_account", args=[professional.uuid]))
    assert again.status_code == 302


def test_list_query_count_does_not_grow_with_rows(admin_client, django_assert_max_num_queries):
    organisation = factories.make_organisation()
    _, stadsdeel, gebied = city_tree()
    tags = ExpertiseTag.objects.bulk_create(ExpertiseTag(name=f"expertise {i}") for i in range(3))

    def add(count):
        for _ in range(count):
            p = factories.make_professional(
                "okt", "meedenker", organisation=organisation, user=False
            )
            p.expertise.set(tags)
            p.areas.set([stadsdeel, gebied])

    add(3)
    with django_assert_max_num_queries(14) as few:
        assert admin_client.get(reverse("network:professional_list")).status_code == 200
    add(40)
    with django_assert_max_num_queries(14) as many:
        page = admin_client.get(
            reverse("network:professional_list"), {"rol": "meedenker"}
        ).content.decode()
    assert "OKT-professional, meedenker/meedoener" in page and "expertise 2" in page
    assert len(many.captured_queries) == len(few.captured_queries)


def test_list_search_and_filters(admin_client):
    one = factories.make_organisation("Een")
    two = factories.make_organisation("Twee")
    a = factories.make_professional("jgz", organisation=one)
    b = factories.make_professional("okt", organisation=two)
    page = admin_client.get(
        reverse("network:professional_list"), {"organisatie": str(one.uuid)}
    ).content.decode()
    assert a.last_name in page and b.last_name not in page
    page = admin_client.get(reverse("network:professional_list"), {"rol": "okt"}).content.decode()
    assert b.last_name in page and a.last_name not in page
    page = admin_client.get(
        reverse("network:professional_list"), {"q": a.last_name.lower()}
    ).content.decode()
    assert a.last_name in page and b.last_name not in page
    assert (
        admin_client.get(reverse("network:professional_list"), {"organisatie": "kapot"}).status_code
        == 400
    )


def test_roles_are_stored_once(beheerder):
    professional, _ = services.professional_create(
        actor=beheerder.user,
        data=ProfessionalInput(
            first_name="A",
            last_name="B",
            email="ab@example.org",
            organisation=beheerder.organisation,
            roles=["okt", "okt", "jgz"],
        ),
    )
    assert RoleAssignment.objects.filter(professional=professional).count() == 2
