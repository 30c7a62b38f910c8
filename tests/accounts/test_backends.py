"""The user of a session or token comes with their professional, organisation and roles in one query."""

from __future__ import annotations

import pytest
from django.utils import timezone
from rest_framework import exceptions

from ketenzorg.accounts.backends import ProfessionalModelBackend, ProfessionalTokenAuthentication
from ketenzorg.accounts.models import ApiKey, User
from ketenzorg.network.models import RoleAssignment
from tests import factories

pytestmark = pytest.mark.django_db


def test_session_user_comes_with_professional_and_organisation(django_assert_num_queries):
    professional = factories.make_professional("okt", "meedenker")
    with django_assert_num_queries(1):
        user = ProfessionalModelBackend().get_user(professional.user.pk)
        assert user.professional.organisation.name == professional.organisation.name
        assert user.professional.role_codes() == {"okt", "meedenker"}


def test_roles_read_with_the_user_are_the_ones_assigned_now():
    professional = factories.make_professional()
    backend = ProfessionalModelBackend()
    assert backend.get_user(professional.user.pk).professional.role_codes() == set()
    RoleAssignment.objects.create(professional=professional, role="manager")
    assert backend.get_user(professional.user.pk).professional.role_codes() == {"manager"}
    RoleAssignment.objects.filter(professional=professional).delete()
    assert not backend.get_user(professional.user.pk).professional.has_role("manager")


def test_session_user_without_professional_and_inactive_user():
    beheerder = factories.make_user()
    assert ProfessionalModelBackend().get_user(beheerder.pk) == beheerder
    User.objects.filter(pk=beheerder.pk).update(is_active=False)
    assert ProfessionalModelBackend().get_user(beheerder.pk) is None
    assert ProfessionalModelBackend().get_user(10**9) is None


def test_token_user_comes_with_professional_and_organisation(django_assert_num_queries):
    professional = factories.make_professional("okt", "jgz")
    key = factories.make_api_key(professional.user)
    ApiKey.objects.filter(user=professional.user).update(last_used_at=timezone.now())
    with django_assert_num_queries(1):
        user, found = ProfessionalTokenAuthentication().authenticate_credentials(key)
        assert user.professional.pk == professional.pk
        assert user.professional.organisation.pk == professional.organisation_id
        assert user.professional.role_codes() == {"okt", "jgz"}
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
