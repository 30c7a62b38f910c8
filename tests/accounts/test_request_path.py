"""Every page behind the login reads its session, user and second-factor device: with queries
compiled once per process (`core.prepared`), and with the same answers as Django and
django-otp give."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.querycount import record_compiles

pytestmark = pytest.mark.django_db

LOGIN_WALL = ("django_session", "accounts_user", "otp_totp_totpdevice")


def _home(client):
    return client.get(reverse("core:home"))


def _device_id(client, persistent_id: str) -> None:
    session = client.session
    session["otp_device_id"] = persistent_id
    session.save()


def test_a_page_compiles_no_query_of_its_session_user_or_device(client, monkeypatch):
    factories.verified_login(client, factories.make_professional("okt").user)
    assert _home(client).status_code == 200  # the first request compiles them
    compiled = record_compiles(monkeypatch)
    assert _home(client).status_code == 200
    assert [sql for _, sql in compiled if any(table in sql for table in LOGIN_WALL)] == []


def test_an_expired_session_is_no_login(client):
    factories.verified_login(client, factories.make_professional("okt").user)
    assert _home(client).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = _home(client)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


@pytest.mark.parametrize(
    "device_id",
    [
        "",
        "otp_totp.totpdevice/abc",
        "otp_totp.totpdevice/999999",
        "auth.user/1",
        "geen.model/1",
        "x",
    ],
)
def test_a_session_without_a_usable_device_asks_for_the_second_factor(client, device_id):
    factories.verified_login(client, factories.make_professional("okt").user)
    _device_id(client, device_id)
    response = _home(client)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:mfa_verify")
    )


def test_only_an_own_confirmed_device_verifies(client):
    professional, other = factories.make_professional("okt"), factories.make_professional("okt")
    factories.verified_login(client, professional.user)
    own = TOTPDevice.objects.get(user=professional.user, confirmed=True)
    _device_id(client, TOTPDevice.objects.get(user=other.user).persistent_id)
    assert _home(client)["Location"].startswith(reverse("accounts:mfa_verify"))
    TOTPDevice.objects.filter(pk=own.pk).update(confirmed=False)
    _device_id(client, own.persistent_id)
    assert _home(client)["Location"].startswith(reverse("accounts:mfa_verify"))
    TOTPDevice.objects.filter(pk=own.pk).update(confirmed=True)
    _device_id(client, own.persistent_id)
    assert _home(client).status_code == 200
    backup = StaticDevice.objects.create(user=professional.user, name="reserve", confirmed=True)
    _device_id(client, backup.persistent_id)
    assert _home(client).status_code == 200  # a backup code's device verifies as well
