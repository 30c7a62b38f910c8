"""Login lockout behind a proxy, and a cap per account across addresses.

Issue: behind the reverse proxy every request came from the proxy's address, so five wrong
passwords from anyone locked the user out for everyone; trusting X-Forwarded-For naively
lets a client write its own address; and a guesser spreading tries over many addresses was
never stopped, nor noticed.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings as django_settings
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from ketenzorg.audit.models import AuditEntry
from ketenzorg.core.client_ip import client_ip, meta_key
from ketenzorg.frontdoor.models import SubmissionWindow, Topic
from ketenzorg.frontdoor.services import address_key
from tests import factories

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
WRONG = "fout-wachtwoord"
LOCKED_TEXT = "Account tijdelijk geblokkeerd"


@pytest.fixture
def behind_one_proxy(settings):
    settings.KETENZORG_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.KETENZORG_TRUSTED_PROXY_COUNT = 1


def _request(remote=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def _login(client, username, password=factories.PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


def _via_proxy(address, spoofed=None):
    """What the app sees when the proxy appended `address` to what the client sent."""
    forwarded = f"{spoofed}, {address}" if spoofed else address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


# --- which address --------------------------------------------------------------------------


def test_by_default_only_remote_addr_counts():
    assert client_ip(_request("192.0.2.7", "203.0.113.99")) == "192.0.2.7"


def test_a_spoofed_left_most_forwarded_entry_does_not_change_the_address(behind_one_proxy):
    assert client_ip(_request(forwarded="198.51.100.1")) == "198.51.100.1"
    assert client_ip(_request(forwarded="203.0.113.99, 198.51.100.1")) == "198.51.100.1"
    assert client_ip(_request(forwarded="1.1.1.1, 2.2.2.2, 198.51.100.1")) == "198.51.100.1"


def test_two_trusted_proxies_take_the_second_entry_from_the_right(settings):
    settings.KETENZORG_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.KETENZORG_TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request(forwarded="203.0.113.99, 198.51.100.1, 10.0.0.1")) == "198.51.100.1"


def test_a_header_that_cannot_be_believed_falls_back_to_remote_addr(behind_one_proxy, settings):
    assert client_ip(_request(forwarded="not-an-address")) == PROXY
    assert client_ip(_request()) == PROXY  # reached the app without the proxy
    settings.KETENZORG_TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request(forwarded="198.51.100.1")) == PROXY  # fewer entries than proxies


def test_ports_and_ipv6_are_read_as_addresses(behind_one_proxy):
    assert client_ip(_request(forwarded="198.51.100.1:51234")) == "198.51.100.1"
    assert client_ip(_request(forwarded="[2001:db8::1]:443")) == "2001:db8::1"
    assert client_ip(_request(forwarded="2001:DB8:0::1")) == "2001:db8::1"


def test_header_names_are_read_as_django_names_them():
    assert meta_key("X-Forwarded-For") == "HTTP_X_FORWARDED_FOR"
    assert meta_key("x-real-ip") == "HTTP_X_REAL_IP"
    assert meta_key("HTTP_X_REAL_IP") == "HTTP_X_REAL_IP"


def test_behind_one_proxy_two_clients_are_counted_apart(client, behind_one_proxy):
    user = factories.make_user()
    for n in range(django_settings.AXES_FAILURE_LIMIT):
        # The attacker changes the left-most entry on every try; it changes nothing.
        _login(client, user.username, WRONG, **_via_proxy("198.51.100.1", f"203.0.113.{n}"))
    attacker = _login(client, user.username, **_via_proxy("198.51.100.1", "203.0.113.77"))
    assert attacker.status_code == 429 and LOCKED_TEXT in attacker.content.decode()
    # The user, at home behind the same proxy, is not locked out by the attacker.
    assert _login(client, user.username, **_via_proxy("198.51.100.2")).status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) <= {"198.51.100.1"}


def test_the_access_log_and_the_public_form_limit_use_the_same_address(client, behind_one_proxy):
    professional = factories.make_professional("okt")
    family = factories.register_family(professional)
    factories.verified_login(client, professional.user)
    client.get(
        reverse("families:detail", args=[family.uuid]),
        **_via_proxy("198.51.100.5", "203.0.113.99"),
    )
    assert AuditEntry.objects.filter(action="read").latest("id").source_address == "198.51.100.5"

    question = {
        "asker_kind": "ouder",
        "topic": str(Topic.objects.get(name="Slapen").uuid),
        "text": "Mijn zoon van acht slaapt slecht sinds de verhuizing. " * 3,
        "child_age": "8",
        "email": "",
        "consent": "on",
        "website": "",
    }
    response = client.post("/publiek/vraag/", question, **_via_proxy("198.51.100.6", "1.2.3.4"))
    assert response.status_code == 302
    assert SubmissionWindow.objects.get().key == address_key("198.51.100.6")


# --- the cap per account across addresses ------------------------------------------------------


def _spread_failures(client, username, count, first=1):
    """`count` wrong passwords, each from another address (fewer than axes' limit per address)."""
    responses = []
    for n in range(first, first + count):
        responses.append(_login(client, username, WRONG, REMOTE_ADDR=f"198.51.100.{n}"))
    return responses


def _without_tokens(response):
    """The page without its CSP nonce and CSRF token, which differ in every response."""
    return re.sub(r'(nonce|value)="[^"]*"', "", response.content.decode())


@pytest.fixture
def beheerder(db):
    return factories.make_professional("beheerder")


def test_twenty_failures_from_many_addresses_lock_the_account_everywhere(
    client, beheerder, django_capture_on_commit_callbacks
):
    professional = factories.make_professional("okt")
    user = professional.user
    limit = django_settings.KETENZORG_ACCOUNT_FAILURE_LIMIT
    with django_capture_on_commit_callbacks(execute=True):
        responses = _spread_failures(client, user.username, limit)
    assert all(r.status_code == 200 for r in responses[:-1])
    assert responses[-1].status_code == 429  # the try that reached the cap shows the lock
    # The right password from an address that never failed is refused too.
    response = _login(client, user.username, REMOTE_ADDR="192.0.2.200")
    assert response.status_code == 429 and LOCKED_TEXT in response.content.decode()

    entry = AuditEntry.objects.get(action="login", outcome="denied")
    assert entry.username == user.username and entry.object_type == "accounts.User"
    assert f"{limit} mislukte inlogpogingen" in entry.reason and f"{limit} adres" in entry.reason
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([beheerder.email, professional.email])
    to_beheerder = next(m for m in mail.outbox if beheerder.email in m.to)
    assert user.username in to_beheerder.body and "geblokkeerd" in to_beheerder.subject


def test_one_alert_per_lock_not_per_try(client, beheerder, django_capture_on_commit_callbacks):
    user = factories.make_professional("okt").user
    limit = django_settings.KETENZORG_ACCOUNT_FAILURE_LIMIT
    with django_capture_on_commit_callbacks(execute=True):
        _spread_failures(client, user.username, limit)
        # The guessing goes on from new addresses while the lock holds.
        later = _spread_failures(client, user.username, 10, first=100)
    assert all(r.status_code == 429 for r in later)
    assert len(mail.outbox) == 2  # one to the beheerder, one to the user
    assert AuditEntry.objects.filter(action="login", outcome="denied").count() == 1


def test_the_lock_ends_after_the_cool_off(client, beheerder, django_capture_on_commit_callbacks):
    user = factories.make_user()
    with django_capture_on_commit_callbacks(execute=True):
        _spread_failures(client, user.username, django_settings.KETENZORG_ACCOUNT_FAILURE_LIMIT)
    assert _login(client, user.username, REMOTE_ADDR="192.0.2.200").status_code == 429
    # An hour and a bit later: the lock and the failures that caused it lie behind us.
    past = timedelta(minutes=61)
    for model in (AccessAttempt, AccessFailureLog):
        for row in model.objects.all():
            model.objects.filter(pk=row.pk).update(attempt_time=row.attempt_time - past)
    assert _login(client, user.username, REMOTE_ADDR="192.0.2.200").status_code == 302


def test_an_unknown_username_is_locked_alike_and_mails_nobody(
    client, beheerder, django_capture_on_commit_callbacks
):
    known = factories.make_user()
    limit = django_settings.KETENZORG_ACCOUNT_FAILURE_LIMIT
    _spread_failures(client, known.username, limit)
    with django_capture_on_commit_callbacks(execute=True):
        _spread_failures(client, "niemand-bekend", limit)
    for_known = _login(client, known.username, REMOTE_ADDR="192.0.2.200")
    for_unknown = _login(client, "niemand-bekend", REMOTE_ADDR="192.0.2.201")
    assert for_known.status_code == for_unknown.status_code == 429
    # The same page, word for word (but for the per-response tokens): no hint whether the
    # account exists.
    assert _without_tokens(for_known) == _without_tokens(for_unknown)
    assert mail.outbox == []
    unknown = AuditEntry.objects.get(action="login", outcome="denied", username="")
    assert "bestaat niet" in unknown.reason


def test_tries_refused_by_the_per_address_lock_do_not_count(client, beheerder):
    """Twenty tries from one address: five are checked, the rest are refused unchecked, so the
    account stays open from elsewhere (one address cannot lock a colleague out everywhere)."""
    user = factories.make_user()
    for _ in range(django_settings.KETENZORG_ACCOUNT_FAILURE_LIMIT + 5):
        _login(client, user.username, WRONG, REMOTE_ADDR="198.51.100.1")
    assert AccessFailureLog.objects.count() == django_settings.AXES_FAILURE_LIMIT
    assert _login(client, user.username, REMOTE_ADDR="192.0.2.200").status_code == 302
    assert not AuditEntry.objects.filter(action="login", outcome="denied").exists()


def test_failures_older_than_the_window_do_not_count(client, beheerder):
    user = factories.make_user()
    limit = django_settings.KETENZORG_ACCOUNT_FAILURE_LIMIT
    _spread_failures(client, user.username, limit - 1)
    for row in AccessFailureLog.objects.all():
        AccessFailureLog.objects.filter(pk=row.pk).update(
            attempt_time=row.attempt_time - timedelta(minutes=61)
        )
    AccessAttempt.objects.all().delete()  # axes' own per-address cool-off has long passed
    _spread_failures(client, user.username, 1, first=200)
    assert _login(client, user.username, REMOTE_ADDR="192.0.2.200").status_code == 302
