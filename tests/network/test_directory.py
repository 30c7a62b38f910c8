"""The sociale kaart: any professional finds a colleague by area and expertise, with work contact details only."""

import pytest
from django.urls import reverse

from ketenzorg.network import selectors
from ketenzorg.network.models import ExpertiseTag, Team
from tests import factories
from tests.network.helpers import city_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    city, haven, centrum = city_tree()
    buiten = factories.make_district("Buiten", parent=city)
    autisme = ExpertiseTag.objects.create(name="autisme")
    organisation = factories.make_organisation("OKT Haven")
    in_gebied = factories.make_professional("meedenker", organisation=organisation)
    in_gebied.areas.set([centrum])
    in_gebied.expertise.set([autisme])
    in_stadsdeel = factories.make_professional("okt", organisation=organisation)
    in_stadsdeel.areas.set([haven])
    via_team = factories.make_professional("jgz", organisation=organisation)
    via_team.team = Team.objects.create(
        organisation=organisation, name="Team Centrum", district=centrum
    )
    via_team.save()
    elders = factories.make_professional("okt", organisation=organisation)
    elders.areas.set([buiten])
    elders.expertise.set([autisme])
    return {
        "centrum": centrum,
        "haven": haven,
        "autisme": autisme,
        "in_gebied": in_gebied,
        "in_stadsdeel": in_stadsdeel,
        "via_team": via_team,
        "elders": elders,
    }


def test_area_includes_what_lies_above_and_below(people):
    found = set(selectors.directory_search(area=people["centrum"]))
    assert found == {people["in_gebied"], people["in_stadsdeel"], people["via_team"]}
    found = set(selectors.directory_search(area=people["haven"]))
    assert people["in_gebied"] in found and people["elders"] not in found


def test_expertise_and_role(people):
    assert set(selectors.directory_search(expertise=people["autisme"])) == {
        people["in_gebied"],
        people["elders"],
    }
    assert list(selectors.directory_search(expertise=people["autisme"], area=people["haven"])) == [
        people["in_gebied"]
    ]
    assert list(selectors.directory_search(role="meedenker")) == [people["in_gebied"]]


def test_inactive_people_and_organisations_are_not_listed(people):
    people["elders"].is_active = False
    people["elders"].save()
    assert people["elders"] not in selectors.directory_search()
    organisation = people["in_gebied"].organisation
    organisation.is_active = False
    organisation.save()
    assert not selectors.directory_search().exists()


def test_any_professional_may_search(okt_client, people):
    response = okt_client.get(
        reverse("network:directory"),
        {"gebied": str(people["centrum"].uuid), "expertise": str(people["autisme"].uuid)},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert people["in_gebied"].email in body and people["elders"].email not in body
    assert "gezin" not in body.split("<table>")[1].split("</table>")[0].lower()


def test_user_without_professional_is_refused(client):
    factories.verified_login(client, factories.make_user())
    assert client.get(reverse("network:directory")).status_code == 403


def test_query_count_bounded(okt_client, people, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            p = factories.make_professional(
                "okt", organisation=people["in_gebied"].organisation, user=False
            )
            p.areas.set([people["haven"]])
            p.expertise.set([people["autisme"]])

    url, query = reverse("network:directory"), {"gebied": str(people["haven"].uuid)}
    add(2)
    with django_assert_max_num_queries(20) as few:
        assert okt_client.get(url, query).status_code == 200
    add(30)
    with django_assert_max_num_queries(20) as many:
        assert okt_client.get(url, query).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
