"""Logging in: Argon2, TOTP before anything, lockout, idle expiry."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import identify_hasher
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenzorg.accounts import services
from ketenzorg.audit.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


def _login(client, username, password=factories.PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_production_hasher_is_argon2(settings):
    settings.PASSWORD_HASHERS = django_settings.PASSWORD_HASHERS.__class__(
        ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    )
    user = factories.make_user()
    assert identify_hasher(user.password).algorithm == "argon2"


def test_configured_hashers_start_with_argon2():
    from ketenzorg import settings as product_settings

    assert product_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_password_alone_shows_nothing(client):
    professional = factories.make_professional("okt")
    family = factories.register_family(professional)
    response = _login(client, professional.user.username)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_verify"))
    for url in (
        reverse("core:home"),
        reverse("families:list"),
        reverse("families:detail", args=[family.uuid]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:mfa_verify"))


def test_user_without_device_must_enrol_first(client):
    user = factories.make_user(with_device=False)
    factories.make_professional("okt")
    response = _login(client, user.username)
    assert response["Location"].startswith(reverse("accounts:mfa_enrol"))
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("accounts:mfa_enrol"))
    page = client.get(reverse("accounts:mfa_enrol"))
    assert page.status_code == 200
    assert b"<svg" in page.content
    assert not TOTPDevice.objects.filter(user=user).exists()  # the secret lives in the session
    state = client.session[services.ENROLMENT_SESSION_KEY]
    device = TOTPDevice(user=user, key=state["key"])
    assert services.device_secret_base32(device).encode() in page.content
    wrong = client.post(
        reverse("accounts:mfa_enrol"),
        {"token": "000000" if _code(device) != "000000" else "111111"},
    )
    assert wrong.status_code == 400
    throttled = client.post(reverse("accounts:mfa_enrol"), {"token": _code(device)})
    assert "Wacht" in throttled.content.decode()  # wrong codes slow down guessing
    session = client.session
    session[services.ENROLMENT_SESSION_KEY] = {**state, "failed_at": 0}  # the wait is over
    session.save()
    ok = client.post(reverse("accounts:mfa_enrol"), {"token": _code(device)})
    assert ok.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.key == state["key"]


def test_verify_with_correct_code_opens_the_workplace(client):
    professional = factories.make_professional("jgz")
    device = TOTPDevice.objects.get(user=professional.user)
    _login(client, professional.user.username)
    before = client.session.session_key
    response = client.post(reverse("accounts:mfa_verify"), {"token": _code(device)})
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    # A new session id after the second factor: the one from before the code opens nothing.
    assert client.session.session_key != before
    stale = Client()
    stale.cookies[django_settings.SESSION_COOKIE_NAME] = before
    assert stale.get(reverse("core:home")).status_code == 302


def test_wrong_code_is_refused_with_dutch_message(client):
    professional = factories.make_professional("jgz")
    device = TOTPDevice.objects.get(user=professional.user)
    _login(client, professional.user.username)
    bad = "123456" if _code(device) != "123456" else "654321"
    response = client.post(reverse("accounts:mfa_verify"), {"token": bad})
    assert response.status_code == 400
    assert "klopt niet" in response.content.decode()
    assert client.get(reverse("core:home")).status_code == 302


def test_a_code_used_once_is_refused_as_used_not_as_wrong(client):
    """TOTP codes are single-use; a user who logs in twice within 30 seconds must hear why."""
    professional = factories.make_professional("jgz")
    device = TOTPDevice.objects.get(user=professional.user)
    code = _code(device)
    _login(client, professional.user.username)
    assert client.post(reverse("accounts:mfa_verify"), {"token": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    _login(client, professional.user.username)
    response = client.post(reverse("accounts:mfa_verify"), {"token": code})
    assert response.status_code == 400
    html = response.content.decode()
    assert "al gebruikt" in html and "volgende code" in html
    assert "klopt niet" not in html
    assert client.get(reverse("core:home")).status_code == 302


def test_throttling_one_device_does_not_lock_out_another(client):
    """A second device (e.g. a new phone) still works while the first is throttled."""
    professional = factories.make_professional("jgz")
    first = TOTPDevice.objects.get(user=professional.user)
    second = TOTPDevice.objects.create(
        user=professional.user, name="tweede telefoon", confirmed=True
    )
    first.throttle_increment()
    first.throttle_increment()
    _login(client, professional.user.username)
    response = client.post(reverse("accounts:mfa_verify"), {"token": _code(second)})
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200


def test_repeated_failed_logins_lock_the_account(client):
    user = factories.make_user()
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        _login(client, user.username, "fout-wachtwoord")
    response = _login(client, user.username)  # even the right password is refused now
    assert response.status_code == 429
    assert "geblokkeerd" in response.content.decode()


def test_failed_login_message_is_dutch(client):
    user = factories.make_user()
    response = _login(client, user.username, "fout")
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()


def test_sessions_expire_when_idle():
    assert 0 < django_settings.SESSION_COOKIE_AGE <= 60 * 60
    assert "ketenzorg.accounts.sessions.IdleSessionMiddleware" in django_settings.MIDDLEWARE


def test_idle_expiry_is_renewed_at_most_once_a_minute(client, monkeypatch):
    from ketenzorg.accounts import sessions
    from ketenzorg.accounts.models import KeptSession as Session

    clock = {"now": 1_000_000.0}
    monkeypatch.setattr(sessions, "_now", lambda: clock["now"])
    professional = factories.make_professional("okt")
    factories.verified_login(client, professional.user)
    client.get(reverse("core:home"))
    key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    first = Session.objects.get(session_key=key).expire_date
    clock["now"] += 30
    client.get(reverse("core:home"))
    assert Session.objects.get(session_key=key).expire_date == first  # no write within the minute
    clock["now"] += 31
    client.get(reverse("core:home"))
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > first  # a minute on: the idle limit counts from now


def test_a_busy_session_still_ends_a_working_day_after_login(client, monkeypatch, settings):
    from ketenzorg.accounts import sessions

    settings.KETENZORG_SESSION_MAX_SECONDS = 10 * 60 * 60
    clock = {"now": 1_000_000.0}
    monkeypatch.setattr(sessions, "_now", lambda: clock["now"])
    factories.verified_login(client, factories.make_professional("okt").user)
    assert client.get(reverse("core:home")).status_code == 200
    for _ in range(23):  # a request every 25 minutes keeps it from idling out ...
        clock["now"] += 25 * 60
        assert client.get(reverse("core:home")).status_code == 200
    clock["now"] += 26 * 60  # ... but past ten hours after the login it ends
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_login_and_mfa_are_logged(client):
    professional = factories.make_professional("okt")
    device = TOTPDevice.objects.get(user=professional.user)
    _login(client, professional.user.username)
    client.post(reverse("accounts:mfa_verify"), {"token": _code(device)})
    actions = list(
        AuditEntry.objects.filter(username=professional.user.username).values_list(
            "action", "outcome"
        )
    )
    assert ("login", "success") in actions
    assert ("mfa", "success") in actions


def test_open_redirect_after_login_is_refused(client):
    professional = factories.make_professional("okt")
    device = TOTPDevice.objects.get(user=professional.user)
    _login(client, professional.user.username)
    response = client.post(
        reverse("accounts:mfa_verify") + "?next=https://evil.example/", {"token": _code(device)}
    )
    assert response["Location"] == reverse("core:home")


def test_api_token_page_requires_second_factor(client):
    professional = factories.make_professional("okt")
    _login(client, professional.user.username)
    response = client.post(reverse("core:api_token"), {"label": "script", "lifetime": 90})
    assert response.status_code == 302
    from ketenzorg.accounts.models import ApiKey

    assert not ApiKey.objects.filter(user=professional.user).exists()


def test_logout(client):
    professional = factories.make_professional("okt")
    factories.verified_login(client, professional.user)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("core:home")).status_code == 302


def test_one_time_password_must_be_changed_first(client):
    professional = factories.make_professional("okt")
    user = professional.user
    user.must_change_password = True
    user.save()
    factories.verified_login(client, user)
    response = client.get(reverse("families:list"))
    assert response.status_code == 302 and response["Location"] == reverse("core:password_change")
    weak = client.post(
        reverse("core:password_change"),
        {"old_password": factories.PASSWORD, "new_password1": "kort", "new_password2": "kort"},
    )
    assert weak.status_code == 400
    new = "een-eigen-lang-wachtwoord-2026"
    done = client.post(
        reverse("core:password_change"),
        {"old_password": factories.PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get(reverse("families:list")).status_code == 200
