"""API keys (issue: the key was kept in plain text, never expired, outlived a password change
and always carried every right of its holder).

A key is kept only as a hash and shown once; it expires, is revoked when the password, the
roles or the account change, and may be limited to reading, in which case any write is
refused with a 403 that the access log records.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ketenzorg.accounts.api_keys import api_key_create
from ketenzorg.accounts.models import ApiKey
from ketenzorg.audit.models import AuditEntry
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.families.models import Family
from ketenzorg.network import services as network_services
from ketenzorg.network.services import ProfessionalInput
from tests import factories

PROBLEM = "application/problem+json"
FAMILY = {
    "name": "Gezin Sleutel",
    "members": [
        {
            "given_name": "Kim",
            "family_name": "Sleutel",
            "birthdate": str(date(2015, 5, 1)),
            "role": "kind",
        }
    ],
}


def _api(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def _make_on_page(client, *, label="koppeling", lifetime=90, read_only=False, capture=None) -> str:
    """Make a key through the page, as a person does; returns the key the page shows once."""
    data = {"label": label, "lifetime": lifetime}
    if read_only:
        data["read_only"] = "on"
    response = client.post(reverse("core:api_token"), data)
    assert response.status_code == 200, response.content
    return response.context["created"].secret


def _refused_401(response, words: str):
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert words in response.json()["detail"]


@pytest.fixture
def holder(db):
    return factories.make_professional("okt")


@pytest.fixture
def page(client, holder):
    return factories.verified_login(client, holder.user)


def test_the_key_is_kept_only_as_a_hash_and_shown_once(page, holder):
    key = _make_on_page(page)
    stored = ApiKey.objects.get(user=holder.user)
    columns = [str(v) for v in ApiKey.objects.filter(pk=stored.pk).values().get().values()]
    assert not any(key in value or value == key for value in columns)
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key.startswith(f"kz_{stored.prefix}_") and len(key) >= 40
    # It works, and the page never shows it again.
    assert _api(key).get("/api/v1/casussen/").status_code == 200
    again = page.get(reverse("core:api_token")).content.decode()
    assert key not in again and f"kz_{stored.prefix}" in again


def test_an_expired_key_is_refused(holder):
    key = factories.make_api_key(holder.user, lifetime_days=30)
    assert _api(key).get("/api/v1/casussen/").status_code == 200
    ApiKey.objects.filter(user=holder.user).update(expires_at=timezone.now() - timedelta(seconds=1))
    _refused_401(_api(key).get("/api/v1/casussen/"), "verlopen")


def test_the_lifetime_is_chosen_and_at_most_a_year(page, holder):
    before = timezone.now()
    _make_on_page(page, lifetime=30)
    key = ApiKey.objects.get(user=holder.user)
    assert timedelta(days=30) <= key.expires_at - before < timedelta(days=30, minutes=1)
    response = page.post(reverse("core:api_token"), {"label": "te lang", "lifetime": 730})
    assert response.status_code == 400
    assert ApiKey.objects.filter(user=holder.user).count() == 1
    # The service holds the same limits for any other caller.
    with pytest.raises(ValidationFailed) as refused:
        api_key_create(actor=holder.user, label=" ", lifetime_days=730, read_only=False)
    assert set(refused.value.field_errors) == {"label", "lifetime"}
    assert ApiKey.objects.filter(user=holder.user).count() == 1


def test_a_wrong_key_and_the_old_token_format_are_refused(holder):
    key = factories.make_api_key(holder.user)
    _refused_401(
        _api(key[:-1] + ("A" if key[-1] != "A" else "B")).get("/api/v1/casussen/"), "ongeldig"
    )
    _refused_401(_api("0" * 40).get("/api/v1/casussen/"), "ongeldig")


def test_last_used_is_written_at_most_once_an_hour(holder, django_assert_num_queries):
    key = factories.make_api_key(holder.user)
    _api(key).get("/api/v1/casussen/")
    first = ApiKey.objects.get(user=holder.user).last_used_at
    assert first is not None
    _api(key).get("/api/v1/casussen/")
    assert ApiKey.objects.get(user=holder.user).last_used_at == first
    ApiKey.objects.filter(user=holder.user).update(last_used_at=first - timedelta(hours=2))
    _api(key).get("/api/v1/casussen/")
    assert ApiKey.objects.get(user=holder.user).last_used_at > first - timedelta(hours=2)


def test_making_a_key_mails_the_holder_and_is_logged(
    page, holder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        key = _make_on_page(page, label="teamscript", read_only=True)
    stored = ApiKey.objects.get(user=holder.user)
    assert [m.to for m in mail.outbox] == [[holder.email]]
    body = mail.outbox[0].body
    assert "teamscript" in body and f"kz_{stored.prefix}" in body
    assert key not in body  # the secret itself never travels by mail
    entry = AuditEntry.objects.get(object_type="accounts.ApiKey", action="create")
    assert entry.user_id_snapshot == holder.user.pk and str(stored.uuid) == entry.object_uuid


def test_the_page_lists_the_keys_and_revokes_one(page, holder):
    _make_on_page(page, label="eerste")
    second = _make_on_page(page, label="tweede", read_only=True)
    html = page.get(reverse("core:api_token")).content.decode()
    assert "eerste" in html and "tweede" in html
    target = ApiKey.objects.get(user=holder.user, label="tweede")
    response = page.post(reverse("core:api_key_revoke", args=[target.uuid]))
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.revoked_at is not None and target.revoked_reason == "by_user"
    assert ApiKey.objects.get(user=holder.user, label="eerste").revoked_at is None
    _refused_401(_api(second).get("/api/v1/casussen/"), "ingetrokken")
    assert AuditEntry.objects.filter(
        object_type="accounts.ApiKey",
        object_uuid=str(target.uuid),
        action="update",
        outcome="success",
    ).exists()
    assert "ingetrokken" in page.get(reverse("core:api_token")).content.decode()
    assert page.get(reverse("core:api_key_revoke", args=[target.uuid])).status_code == 405


def test_another_users_key_cannot_be_revoked(page, holder):
    other = factories.make_professional("jgz")
    key = factories.make_api_key(other.user)
    theirs = ApiKey.objects.get(user=other.user)
    response = page.post(reverse("core:api_key_revoke", args=[theirs.uuid]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert _api(key).get("/api/v1/casussen/").status_code == 200
    probe = AuditEntry.objects.get(user_id_snapshot=holder.user.pk, outcome="denied")
    assert probe.object_uuid == str(theirs.uuid) and probe.reason == "onbekend id"
    assert page.post(reverse("core:api_key_revoke", args=["geen-uuid"])).status_code == 404


def test_a_password_change_revokes_every_key(page, holder):
    keys = [factories.make_api_key(holder.user, label=label) for label in ("a", "b")]
    response = page.post(
        reverse("core:password_change"),
        {
            "old_password": factories.PASSWORD,
            "new_password1": "Een-heel-nieuw-wachtwoord-77",
            "new_password2": "Een-heel-nieuw-wachtwoord-77",
        },
    )
    assert response.status_code == 302
    assert set(
        ApiKey.objects.filter(user=holder.user).values_list("revoked_reason", flat=True)
    ) == {"password_changed"}
    for key in keys:
        _refused_401(_api(key).get("/api/v1/casussen/"), "ingetrokken")
    assert (
        AuditEntry.objects.filter(
            object_type="accounts.ApiKey", reason__contains="wachtwoord gewijzigd"
        ).count()
        == 2
    )


def _input(professional, roles):
    return ProfessionalInput(
        first_name=professional.first_name,
        last_name=professional.last_name,
        email=professional.email,
        organisation=professional.organisation,
        roles=roles,
    )


def test_a_change_of_roles_revokes_every_key(holder):
    beheerder = factories.make_professional("beheerder", "autorisatiebeheerder")
    key = factories.make_api_key(holder.user)
    network_services.professional_update(
        actor=beheerder.user, professional=holder, data=_input(holder, ["okt"])
    )  # the same roles: nothing changes
    assert _api(key).get("/api/v1/casussen/").status_code == 200
    network_services.professional_update(
        actor=beheerder.user, professional=holder, data=_input(holder, ["okt", "jgz"])
    )
    _refused_401(_api(key).get("/api/v1/casussen/"), "ingetrokken")
    stored = ApiKey.objects.get(user=holder.user)
    assert stored.revoked_reason == "roles_changed"
    entry = AuditEntry.objects.get(
        object_type="accounts.ApiKey", object_uuid=str(stored.uuid), action="update"
    )
    assert entry.user_id_snapshot == beheerder.user.pk  # who caused it


def test_deactivating_the_account_revokes_every_key(holder):
    beheerder = factories.make_professional("beheerder")
    key = factories.make_api_key(holder.user)
    network_services.professional_deactivate(actor=beheerder.user, professional=holder)
    assert ApiKey.objects.get(user=holder.user).revoked_reason == "deactivated"
    network_services.professional_reactivate(actor=beheerder.user, professional=holder)
    _refused_401(
        _api(key).get("/api/v1/casussen/"), "ingetrokken"
    )  # reactivating brings no key back


def test_a_read_only_key_reads_and_searches_but_never_writes(holder):
    family = factories.register_family(holder)
    key = factories.make_api_key(holder.user, read_only=True)
    api = _api(key)
    assert api.get("/api/v1/gezinnen/").status_code == 200
    assert api.get(f"/api/v1/gezinnen/{family.uuid}/").status_code == 200
    search = api.post(
        "/api/v1/gezinnen/zoeken/", {"name": "Proefmans"}, content_type="application/json"
    )
    assert search.status_code == 200 and search.json()["count"] == 1

    refused = api.post("/api/v1/gezinnen/", FAMILY, content_type="application/json")
    assert refused.status_code == 403 and refused["Content-Type"] == PROBLEM
    assert "alleen lezen" in refused.json()["detail"]
    assert not Family.objects.filter(name="Gezin Sleutel").exists()
    update = api.put(
        f"/api/v1/gezinnen/{family.uuid}/", {"name": "Anders"}, content_type="application/json"
    )
    assert update.status_code == 403
    family.refresh_from_db()
    assert family.name != "Anders"
    logged = AuditEntry.objects.filter(user_id_snapshot=holder.user.pk, outcome="denied").order_by(
        "id"
    )
    assert [(e.action, e.object_type) for e in logged] == [
        ("create", "accounts.ApiKey"),
        ("update", "accounts.ApiKey"),
    ]
    assert "alleen lezen" in logged[0].reason and "/api/v1/gezinnen/" in logged[0].reason
    # The same holder with a full key may write.
    full = factories.make_api_key(holder.user, label="volledig")
    assert (
        _api(full).post("/api/v1/gezinnen/", FAMILY, content_type="application/json").status_code
        == 201
    )


def _api_views(patterns):
    from django.urls import URLPattern, URLResolver

    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _api_views(p.url_patterns)
        elif isinstance(p, URLPattern) and getattr(p.callback, "cls", None) is not None:
            yield p.callback.cls


def test_every_api_view_that_takes_a_key_checks_its_scope():
    """A view that sets its own permission_classes would drop the read-only check unless it
    keeps `ApiKeyScope`; views that take no key at all (public ones) need none."""
    from django.urls import get_resolver

    from ketenzorg.access.api_keys import ApiKeyScope

    views = set(_api_views(get_resolver().url_patterns))
    assert len(views) > 20
    unchecked = [
        view.__name__
        for view in views
        if any("Token" in a.__name__ for a in view.authentication_classes)
        and ApiKeyScope not in view.permission_classes
    ]
    assert unchecked == []
