"""NEN 7513: every look is logged with who, whose, what, when, from where, and why."""

import pytest
from django.urls import reverse

from ketenzorg.audit.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_read_is_logged_with_all_nen7513_fields(client, professional):
    family = factories.register_family(professional)
    factories.verified_login(client, professional.user)
    client.get(reverse("families:detail", args=[family.uuid]), REMOTE_ADDR="192.0.2.7")
    entry = AuditEntry.objects.filter(action="read").latest("id")
    assert entry.outcome == "success"
    assert entry.username == professional.user.username
    assert entry.user_role == "okt"
    assert entry.user_organisation == professional.organisation.name
    assert entry.object_type == "families.Family" and entry.object_uuid == str(family.uuid)
    assert entry.source_address == "192.0.2.7"
    assert entry.channel == "web"
    assert entry.basis == "involvement"
    assert entry.occurred_at.tzinfo is not None
    subjects = {(s.kind, s.subject_uuid) for s in entry.subjects.all()}
    assert ("family", family.uuid) in subjects
    assert {("person", m.uuid) for m in family.members.all()} <= subjects


def test_spoofed_forwarded_header_is_not_trusted(client, professional):
    family = factories.register_family(professional)
    factories.verified_login(client, professional.user)
    client.get(
        reverse("families:detail", args=[family.uuid]),
        REMOTE_ADDR="192.0.2.7",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert AuditEntry.objects.filter(action="read").latest("id").source_address == "192.0.2.7"


def test_writes_are_logged(client, professional):
    family = factories.register_family(professional)
    assert AuditEntry.objects.filter(action="create", object_uuid=str(family.uuid)).exists()


def test_privacy_officer_sees_who_looked_at_a_person(client, professional):
    family = factories.register_family(professional, members=[factories.member("Evi", "Logproef")])
    person = family.members.get()
    stranger = factories.make_professional("okt")
    factories.verified_login(client, professional.user)
    client.get(reverse("families:detail", args=[family.uuid]))
    factories.verified_login(client, stranger.user)
    client.get(reverse("families:detail", args=[family.uuid]))  # refused, still logged

    officer = factories.make_professional("privacy")
    factories.verified_login(client, officer.user)
    found = client.post(reverse("audit:index"), {"q": "Logproef"})
    assert found.status_code == 200 and "Evi Logproef" in found.content.decode()
    page = client.get(reverse("audit:person_log", args=[person.uuid]))
    html = page.content.decode()
    assert page.status_code == 200
    assert professional.user.username in html and stranger.user.username in html
    assert "geweigerd" in html
    # and the officer's own look is logged too
    assert AuditEntry.objects.filter(
        username=officer.user.username, object_type="audit.AccessLog"
    ).exists()


def test_only_the_privacy_officer_reads_the_log(client, professional):
    family = factories.register_family(professional)
    factories.verified_login(client, professional.user)
    assert client.get(reverse("audit:index")).status_code == 403
    assert (
        client.get(reverse("audit:person_log", args=[family.members.first().uuid])).status_code
        == 403
    )
