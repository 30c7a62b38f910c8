"""Schools and daycare each have a vast contactpersoon from JGZ: active, with a JGZ role or from a JGZ organisation."""

import pytest
from django.urls import reverse

from ketenzorg.audit.models import Action
from ketenzorg.network import selectors
from ketenzorg.network.models import Institution
from tests import factories
from tests.network.helpers import audited

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidates(db):
    jgz_org = factories.make_organisation("GGD JGZ", kind="jgz")
    return {
        "jgz": factories.make_professional("jgz"),
        "coordinator": factories.make_professional("zorgcoordinator"),
        "at_jgz_org": factories.make_professional("opvoedadviseur", organisation=jgz_org),
        "okt": factories.make_professional("okt"),
    }


def test_only_jgz_people_can_be_chosen(candidates):
    allowed = set(selectors.jgz_contact_candidates())
    assert allowed == {candidates["jgz"], candidates["coordinator"], candidates["at_jgz_org"]}
    candidates["jgz"].is_active = False
    candidates["jgz"].save()
    assert candidates["jgz"] not in selectors.jgz_contact_candidates()


def test_create_and_edit_with_contact(admin_client, candidates):
    response = admin_client.post(
        reverse("network:institution_create"),
        {
            "name": "Basisschool De Regenboog",
            "kind": "school",
            "jgz_contact": str(candidates["jgz"].uuid),
        },
    )
    assert response.status_code == 302
    institution = Institution.objects.get(name="Basisschool De Regenboog")
    assert institution.jgz_contact == candidates["jgz"]
    assert audited(Action.CREATE, "network.Institution", institution.uuid)
    response = admin_client.post(
        reverse("network:institution_edit", args=[institution.uuid]),
        {
            "name": "Basisschool De Regenboog",
            "kind": "school",
            "jgz_contact": str(candidates["coordinator"].uuid),
        },
    )
    assert response.status_code == 302
    institution.refresh_from_db()
    assert institution.jgz_contact == candidates["coordinator"]
    listing = admin_client.get(reverse("network:institution_list")).content.decode()
    assert candidates["coordinator"].full_name in listing


def test_non_jgz_contact_is_refused(admin_client, candidates):
    response = admin_client.post(
        reverse("network:institution_create"),
        {
            "name": "KDV Zonnetje",
            "kind": "kinderdagverblijf",
            "jgz_contact": str(candidates["okt"].uuid),
        },
    )
    assert response.status_code == 400
    assert not Institution.objects.exists()


def test_deactivated_contact_must_be_replaced_on_edit(admin_client, candidates):
    contact = candidates["jgz"]
    institution = Institution.objects.create(
        name="PSZ Bolderburen", kind="peuterspeelzaal", jgz_contact=contact
    )
    contact.is_active = False
    contact.save()
    listing = admin_client.get(reverse("network:institution_list")).content.decode()
    assert "gedeactiveerd: wijs een ander aan" in listing
    response = admin_client.post(
        reverse("network:institution_edit", args=[institution.uuid]),
        {"name": "PSZ Bolderburen", "kind": "peuterspeelzaal", "jgz_contact": str(contact.uuid)},
    )
    assert response.status_code == 400
    assert "is niet actief of werkt niet bij de JGZ" in response.content.decode()


def test_duplicate_name_per_kind(admin_client):
    Institution.objects.create(name="De Regenboog", kind="school")
    response = admin_client.post(
        reverse("network:institution_create"), {"name": "de regenboog", "kind": "school"}
    )
    assert response.status_code == 400
    response = admin_client.post(
        reverse("network:institution_create"), {"name": "De Regenboog", "kind": "kinderdagverblijf"}
    )
    assert response.status_code == 302


def test_list_filter_and_query_bound(admin_client, candidates, django_assert_max_num_queries):
    Institution.objects.bulk_create(
        Institution(name=f"School {i:02}", kind="school", jgz_contact=candidates["jgz"])
        for i in range(60)
    )
    Institution.objects.create(name="KDV Zon", kind="kinderdagverblijf")
    with django_assert_max_num_queries(10):
        page = admin_client.get(
            reverse("network:institution_list"), {"soort": "school"}
        ).content.decode()
    assert "School 00" in page and "KDV Zon" not in page
