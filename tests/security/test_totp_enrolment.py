"""A fresh TOTP secret for each enrolment session (issue: the unconfirmed device was kept
with the user, so every session showed the same secret until it was confirmed; a beheerder
who knew the one-time password could open the page first and learn the second factor too).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories


def _session(user) -> Client:
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": factories.PASSWORD}
    )
    assert response["Location"].startswith(reverse("accounts:mfa_enrol"))
    return client


def _secret(client) -> str:
    page = client.get(reverse("accounts:mfa_enrol"))
    assert page.status_code == 200
    return re.search(r'<code class="secret">([A-Z2-7]+)</code>', page.content.decode()).group(1)


def _code(secret: str) -> str:
    import base64

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


@pytest.fixture
def newcomer(db):
    return factories.make_user(with_device=False)


def test_two_sessions_see_different_secrets_and_nothing_is_stored(newcomer):
    first, second = _session(newcomer), _session(newcomer)
    secret_a, secret_b = _secret(first), _secret(second)
    assert secret_a != secret_b
    assert _secret(first) == secret_a  # a reload keeps this session's secret
    assert not TOTPDevice.objects.filter(user=newcomer).exists()


def test_a_code_of_one_sessions_secret_does_not_confirm_another(newcomer):
    early, own = _session(newcomer), _session(newcomer)
    early_secret = _secret(early)
    _secret(own)  # the other session has a secret of its own
    response = own.post(reverse("accounts:mfa_enrol"), {"token": _code(early_secret)})
    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=newcomer).exists()

    # The session whose secret it is confirms it; the device saved is that secret.
    third = _session(newcomer)
    third_secret = _secret(third)
    third_key = third.session["mfa_enrolment"]["key"]
    confirmed = third.post(reverse("accounts:mfa_enrol"), {"token": _code(third_secret)})
    assert confirmed.status_code == 302
    device = TOTPDevice.objects.get(user=newcomer)
    assert device.confirmed
    # The early session's secret is worthless now: it may not enrol a second device.
    assert (
        early.post(reverse("accounts:mfa_enrol"), {"token": _code(early_secret)}).status_code == 302
    )
    assert TOTPDevice.objects.filter(user=newcomer).count() == 1
    assert device.key == third_key != early.session["mfa_enrolment"]["key"]


def test_wrong_codes_are_throttled_in_the_session(newcomer):
    client = _session(newcomer)
    secret = _secret(client)
    right = _code(secret)
    wrong = "000000" if right != "000000" else "111111"
    assert client.post(reverse("accounts:mfa_enrol"), {"token": wrong}).status_code == 400
    throttled = client.post(reverse("accounts:mfa_enrol"), {"token": right})
    assert throttled.status_code == 400 and "Wacht" in throttled.content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
