"""Error pages: an unknown address is a 404 for everyone, a refusal logs one line."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/publiek/vraaag/", "/gezinen/", "/casussen/niet-een-uuid/x/", "/werkplekk"])
def test_unknown_address_is_404_for_an_anonymous_visitor(client, path):
    """A parent who mistypes an address must not land on the professionals' login."""
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert 'href="/"' in html
    assert f'href="{reverse("frontdoor_public:question")}"' in html
    assert "Inloggen" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_unknown_address_is_404_for_a_logged_in_professional(client):
    factories.verified_login(client, factories.make_professional("okt").user)
    assert client.get("/gezinen/").status_code == 404


def test_unknown_address_is_404_before_the_second_factor(client):
    client.force_login(factories.make_professional("okt").user)
    assert client.get("/gezinen/").status_code == 404


def test_known_address_still_requires_login(client):
    response = client.get(reverse("families:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    # A missing slash is still added first, then the login wall applies.
    response = client.get("/gezinnen", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))

