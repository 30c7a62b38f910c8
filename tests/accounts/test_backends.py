"""The user of a session or token comes with their professional and organisation in one query."""

from __future__ import annotations

import pytest
from django.utils import timezone
from rest_framework import exceptions

from ketenzorg.accounts.backends import ProfessionalModelBackend, ProfessionalTokenAuthentication
from ketenzorg.accounts.models import ApiKey, User
from tests import factories

pytestmark = pytest.mark.django_db


def test_session_user_comes_with_professional_and_organisation(django_assert_num_queries):
    professional = factories.make_professional("okt")
    with django_assert_num_queries(1):
        user = ProfessionalModelBackend().get_user(professional.user.pk)
        assert user.professional.organisation.name == professional.organisation.name


def test_session_user_without_professional_and_inactive_user():
    beheerder = factories.make_user()
    assert ProfessionalModelBackend().get_user(beheerder.pk) == beheerder
    User.objects.filter(pk=beheerder.pk).update(is_active=False)
    assert ProfessionalModelBackend().get_user(beheerder.pk) is None
    assert ProfessionalModelBackend().get_user(10**9) is None


def test_token_user_comes_with_professional_and_organisation(django_assert_num_queries):
    professional = factories.make_professional("okt")
    key = factories.make_api_key(professional.user)
    ApiKey.objects.filter(user=professional.user).update(last_used_at=timezone.now())
    with django_assert_num_queries(1):
        user, found = ProfessionalTokenAuthentication().authenticate_credentials(key)
        assert user.professional.pk == professional.pk
        assert user.professional.organisation.pk == professional.organisation_id
    assert found == ApiKey.objects.get(user=professional.user)


def test_unknown_token_and_inactive_user_are_refused(client):
    with pytest.raises(exceptions.AuthenticationFailed):
        ProfessionalTokenAuthentication().authenticate_credentials("0" * 40)
    professional = factories.make_professional("okt")
    key = factories.make_api_key(professional.user)
    User.objects.filter(pk=professional.user.pk).update(is_active=False)
    with pytest.raises(exceptions.AuthenticationFailed):
        ProfessionalTokenAuthentication().authenticate_credentials(key)
    response = client.get("/api/v1/casussen/", headers={"Authorization": f"Token {key}"})
    assert response.status_code == 401
