"""Every page behind the login reads its session, user and second-factor device: with queries
compiled once per process (`core.prepared`), and with the same answers as Django and
django-otp give."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenzorg.accounts.models import KeptSession as Session
from tests import factories
from tests.querycount import record_compiles

pytestmark = pytest.mark.django_db

LOGIN_WALL = ("accounts_keptsession", "accounts_user", "otp_totp_totpdevice")


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


def _login_wall_statements(client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert _home(client).status_code == 200
    return [q["sql"] for q in captured if any(table in q["sql"] for table in LOGIN_WALL)]


def test_a_page_reads_its_session_user_and_device_in_one_statement(client):
    professional = factories.make_professional("okt")
    factories.verified_login(client, professional.user)
    _home(client)
    statements = _login_wall_statements(client)
    assert len(statements) == 1
    assert all(table in statements[0] for table in LOGIN_WALL)


def test_the_sessions_columns_follow_its_data(client):
    professional = factories.make_professional("okt")
    client.force_login(professional.user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    row = Session.objects.get(session_key=key)
    assert (row.user_id, row.totp_device_id) == (professional.user.pk, None)
    factories.verified_login(client, professional.user)
    device = TOTPDevice.objects.get(user=professional.user)
    row = Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
    assert (row.user_id, row.totp_device_id) == (professional.user.pk, device.pk)
    backup = StaticDevice.objects.create(user=professional.user, name="reserve", confirmed=True)
    _device_id(client, backup.persistent_id)
    row.refresh_from_db()
    assert (row.user_id, row.totp_device_id) == (professional.user.pk, None)  # not a TOTP device
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=row.session_key).exists()


def test_columns_that_do_not_match_the_data_are_not_believed(client):
    """The data decides who is logged in: a row whose columns name someone else (written by
    anything but the session store) is read the ordinary way."""
    professional, other = factories.make_professional("okt"), factories.make_professional("okt")
    factories.verified_login(client, professional.user)
    factories.verified_login(Client(), other.user)
    other_device = TOTPDevice.objects.get(user=other.user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(user=other.user, totp_device=other_device)
    statements = _login_wall_statements(client)
    assert len(statements) == 3  # the session, then the user and the device its data names
    response = _home(client)
    assert response.wsgi_request.user == professional.user
    assert response.wsgi_request.user.otp_device == TOTPDevice.objects.get(user=professional.user)


def test_a_deleted_device_or_an_inactive_user_named_by_a_session_is_no_login(client):
    professional = factories.make_professional("okt")
    factories.verified_login(client, professional.user)
    TOTPDevice.objects.filter(user=professional.user).delete()
    assert _home(client)["Location"].startswith(reverse("accounts:mfa_verify"))
    professional.user.is_active = False
    professional.user.save()
    assert _home(client)["Location"].startswith(reverse("accounts:login"))
