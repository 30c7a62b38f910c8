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


def test_the_session_user_and_device_are_read_together(client, monkeypatch):
    """The user and the second factor's device the session names come in one round trip: the
    user is taken from the rows read along, not asked again (and the device still counts)."""
    from ketenzorg.accounts import backends

    professional = factories.make_professional("okt")
    factories.verified_login(client, professional.user)
    asked = []
    monkeypatch.setattr(backends._USER, "first", lambda *args: asked.append(args))
    response = client.get("/casussen/")
    assert response.status_code == 200 and asked == []
    assert response.wsgi_request.user.is_verified()
    assert response.wsgi_request.user.pk == professional.user.pk


def test_a_device_of_someone_else_does_not_verify_the_session(client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    professional, other = factories.make_professional("okt"), factories.make_professional("okt")
    factories.verified_login(client, professional.user)
    theirs = TOTPDevice.objects.create(user=other.user, name="ander", confirmed=True)
    session = client.session
    session["otp_device_id"] = theirs.persistent_id
    session.save()
    response = client.get("/casussen/")
    assert response.status_code == 302 and "/inloggen/tweede-factor/" in response["Location"]
