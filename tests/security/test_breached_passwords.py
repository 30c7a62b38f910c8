"""Breached passwords are refused wherever a person chooses one, from a list shipped with the product."""

from __future__ import annotations

import secrets

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from ketenzorg.accounts import passwords
from ketenzorg.audit.models import AuditEntry
from tests import factories

MESSAGE = "Dit wachtwoord komt voor in een lijst van gelekte wachtwoorden"


def _messages(password: str, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


def _long_entry() -> str:
    """A password from the shipped list that every other validator lets through."""
    for candidate in sorted(passwords.breached_passwords()):
        if len(candidate) >= 12 and not candidate.isdigit():
            others = [m for m in _messages(candidate) if MESSAGE not in m]
            if not others:
                return candidate
    raise AssertionError("no long entry on the list")


def test_a_password_from_the_list_is_refused_with_the_dutch_message():
    entry = _long_entry()
    assert [m for m in _messages(entry) if MESSAGE in m], entry
    assert any(MESSAGE in m for m in _messages(entry.upper()))  # case is no way around it


@pytest.mark.parametrize("password", ["welkom01", "Wachtwoord1", "welkom2024!!!!", "Zomer2026!!!!"])
def test_dutch_weak_passwords_and_their_endings_are_refused(password):
    assert any(MESSAGE in m for m in _messages(password))


def test_a_strong_random_password_passes():
    for _ in range(20):
        assert _messages(secrets.token_urlsafe(18)) == []


def test_a_short_stem_does_not_forbid_everything_after_it():
    assert "psv" in passwords.breached_passwords()
    assert not passwords.is_breached("psv!!2026")
    assert passwords.is_breached("dragon2026!")


def test_the_list_is_real_and_a_set():
    known = passwords.breached_passwords()
    assert isinstance(known, frozenset) and len(known) > 45_000
    assert {"123456", "password", "qwerty", "iloveyou"} <= known


def test_the_shipped_file_holds_the_dutch_list():
    dutch = passwords.LIST_PATH.with_name("dutch-weak-passwords.txt").read_text(encoding="utf-8")
    words = {w for w in dutch.splitlines() if w.strip() and not w.startswith("#")}
    assert len(words) > 50 and words <= passwords.breached_passwords()


def test_the_message_has_an_english_translation():
    with translation.override("en"):
        assert any("list of breached passwords" in m for m in _messages("welkom01"))


@pytest.mark.django_db
def test_the_own_password_change_refuses_a_breached_password(client):
    professional = factories.make_professional("okt")
    factories.verified_login(client, professional.user)
    breached = "welkom2024!!!!"
    response = client.post(
        reverse("core:password_change"),
        {"old_password": factories.PASSWORD, "new_password1": breached, "new_password2": breached},
    )
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    professional.user.refresh_from_db()
    assert professional.user.check_password(factories.PASSWORD)


@pytest.mark.django_db
def test_logging_in_with_a_breached_password_requires_a_new_one(client):
    user = factories.make_user(password="welkom01")
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": "welkom01"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.must_change_password
    assert AuditEntry.objects.filter(
        object_uuid=str(user.uuid), reason__contains="gelekte wachtwoorden"
    ).exists()
    factories.verified_login(client, user)
    assert client.get(reverse("families:list"))["Location"] == reverse("core:password_change")
    page = client.get(reverse("core:password_change")).content.decode()
    assert "komt voor in een lijst van gelekte wachtwoorden" in page


@pytest.mark.django_db
def test_logging_in_with_a_good_password_changes_nothing(client):
    user = factories.make_user()
    client.post(
        reverse("accounts:login"), {"username": user.username, "password": factories.PASSWORD}
    )
    user.refresh_from_db()
    assert not user.must_change_password


def test_a_login_with_an_empty_field_is_a_form_error_not_a_500(db):
    from django.test import Client

    response = Client().post("/inloggen/", {"username": "iemand", "password": ""})
    assert response.status_code in (200, 400)
    assert b"Wachtwoord" in response.content
