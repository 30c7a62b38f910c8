"""A one-time password opens only the password page: the API is no way around it (issue: an
API call, even creating a family, worked before the new password was chosen)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from ketenzorg.families.models import Family
from tests import factories

FAMILY = {
    "name": "Gezin Omweg",
    "members": [
        {
            "given_name": "Kim",
            "family_name": "Omweg",
            "birthdate": str(date(2015, 5, 1)),
            "role": "kind",
        }
    ],
}


@pytest.fixture
def fresh_user(db):
    professional = factories.make_professional("okt")
    professional.user.must_change_password = True
    professional.user.save(update_fields=["must_change_password"])
    return professional.user


def _refused(response):
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "nieuw wachtwoord" in response.json()["detail"]


def test_a_session_with_a_one_time_password_cannot_use_the_api(fresh_user):
    client = factories.verified_login(Client(), fresh_user)
    _refused(client.get("/api/v1/casussen/"))
    _refused(client.post("/api/v1/gezinnen/", FAMILY, content_type="application/json"))
    assert not Family.objects.exists()
    # The screens send the same user to the password page.
    assert client.get("/gezinnen/")["Location"].endswith("/werkplek/wachtwoord/")


def test_a_key_made_before_a_password_reset_waits_for_the_new_password(fresh_user):
    key = factories.make_api_key(fresh_user)
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    _refused(client.post("/api/v1/gezinnen/", FAMILY, content_type="application/json"))
    assert not Family.objects.exists()
    fresh_user.must_change_password = False
    fresh_user.save(update_fields=["must_change_password"])
    assert (
        client.post("/api/v1/gezinnen/", FAMILY, content_type="application/json").status_code == 201
    )
