"""Availability in the expertise directory: the professional keeps their own, the directory shows
and filters it, the beheerder can set it too, and the meedenker proposals put the available
ones first within each tier."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.core.errors import AccessDenied, ValidationFailed
from ketenzorg.network import selectors, services
from ketenzorg.network.models import ExpertiseTag, Team
from ketenzorg.werkproces.selectors import meedenker_proposals
from tests import factories

pytestmark = pytest.mark.django_db


def set_available(professional, *, note="", start=None, available=True):
    professional.available_for_consultation = available
    professional.availability_note = note
    professional.available_from = start
    professional.save()


@pytest.fixture
def tag(db):
    return ExpertiseTag.objects.create(name="autisme")


def test_the_professional_keeps_their_own_entry(client, professional, tag):
    web = factories.verified_login(client, professional.user)
    url = reverse("network:my_availability")
    page = web.get(url)
    assert page.status_code == 200 and "<legend>" in page.content.decode()
    done = web.post(
        url,
        {
            "available_for_consultation": "on",
            "availability_note": "di en do ochtend, vanaf januari",
            "expertise": [str(tag.uuid)],
            "new_expertise": "slaapproblemen",
        },
    )
    assert done.status_code == 302
    professional.refresh_from_db()
    assert professional.available_for_consultation
    assert professional.availability_note == "di en do ochtend, vanaf januari"
    assert {t.name for t in professional.expertise.all()} == {"autisme", "slaapproblemen"}
    entry = AuditEntry.objects.filter(object_type="network.Professional").latest("id")
    assert entry.reason.startswith("eigen gegevens; gewijzigd:")
    # Roles are not on this page: nothing but availability and expertise changes.
    assert professional.role_codes() == {"okt"}


def test_bad_input_is_a_dutch_400_and_nothing_changes(client, professional):
    web = factories.verified_login(client, professional.user)
    bad = web.post(
        reverse("network:my_availability"),
        {"available_for_consultation": "on", "availability_note": "x" * 201},
    )
    assert bad.status_code == 400 and "Nog niet opgeslagen" in bad.content.decode()
    professional.refresh_from_db()
    assert not professional.available_for_consultation


def test_someone_without_a_professional_is_refused_and_logged(client):
    user = factories.make_user("losse-gebruiker")
    web = factories.verified_login(client, user)
    assert web.get(reverse("network:my_availability")).status_code == 403
    assert AuditEntry.objects.filter(
        object_type="network.Professional", outcome=Outcome.DENIED
    ).exists()
    with pytest.raises(AccessDenied):
        services.own_availability_update(
            actor=user, data=services.AvailabilityInput(available_for_consultation=True)
        )


def test_the_service_checks_the_note(professional):
    with pytest.raises(ValidationFailed) as error:
        services.own_availability_update(
            actor=professional.user,
            data=services.AvailabilityInput(
                available_for_consultation=True, availability_note="x" * 201
            ),
        )
    assert "availability_note" in error.value.field_errors


def test_the_directory_shows_and_filters_availability(client, professional, tag):
    now = factories.make_professional("meedenker")
    later = factories.make_professional("meedenker")
    never = factories.make_professional("meedenker")
    set_available(now, note="ma ochtend")
    set_available(later, start=timezone.localdate() + timedelta(days=30))
    found = set(selectors.directory_search(available=True))
    assert now in found and later not in found and never not in found
    web = factories.verified_login(client, professional.user)
    page = web.get(reverse("network:directory"), {"beschikbaar": "on"}).content.decode()
    assert now.full_name in page and "ma ochtend" in page and never.full_name not in page
    all_page = web.get(reverse("network:directory")).content.decode()
    assert "vanaf" in all_page and reverse("network:my_availability") in all_page


def test_the_api_shows_filters_and_keeps_my_availability(client, professional):
    now = factories.make_professional("meedenker")
    set_available(now, note="vrijdag")
    api = factories.verified_login(client, professional.user)
    found = api.get("/api/v1/professionals/", {"available": "true"}).json()["results"]
    assert [p["uuid"] for p in found] == [str(now.uuid)]
    assert found[0]["available_now"] and found[0]["availability_note"] == "vrijdag"
    url = "/api/v1/professionals/mij/beschikbaarheid/"
    assert api.get(url).json()["available_for_consultation"] is False
    put = api.put(
        url,
        {
            "available_for_consultation": True,
            "availability_note": "woensdag",
            "expertise": ["OGGZ"],
        },
        content_type="application/json",
    )
    assert put.status_code == 200 and put.json()["expertise"] == ["OGGZ"]
    bad = api.put(url, {"availability_note": "x"}, content_type="application/json")
    assert bad.status_code == 400 and bad["Content-Type"].startswith("application/problem+json")
    professional.refresh_from_db()
    assert professional.availability_note == "woensdag"


def test_the_beheerder_sets_it_on_the_professional_form(admin_client, professional):
    url = reverse("network:professional_edit", kwargs={"professional_uuid": professional.uuid})
    form = admin_client.get(url).content.decode()
    assert 'name="available_for_consultation"' in form
    data = {
        "first_name": professional.first_name,
        "last_name": professional.last_name,
        "email": professional.email,
        "organisation": str(professional.organisation.uuid),
        "roles": ["okt"],
        "available_for_consultation": "on",
        "availability_note": "maandag",
    }
    assert admin_client.post(url, data).status_code == 302
    professional.refresh_from_db()
    assert professional.available_for_consultation and professional.availability_note == "maandag"


def test_an_api_put_without_availability_keeps_it(admin_client, professional):
    set_available(professional, note="dinsdag")
    put = admin_client.put(
        f"/api/v1/professionals/{professional.uuid}/",
        {
            "first_name": professional.first_name,
            "last_name": professional.last_name,
            "email": professional.email,
            "organisation": str(professional.organisation.uuid),
            "roles": ["okt"],
        },
        content_type="application/json",
    )
    assert put.status_code == 200, put.content
    professional.refresh_from_db()
    assert professional.available_for_consultation and professional.availability_note == "dinsdag"


def test_proposals_put_the_available_first_within_each_tier(tag):
    district = factories.make_district("Proef-West")
    org = factories.make_organisation("Proef-OKT West")
    org.district = district
    org.save()
    team = Team.objects.create(organisation=org, name="Team W", district=district)
    asker = factories.make_professional("okt", organisation=org)
    asker.team = team
    asker.save()

    def colleague(last, *, in_team, available):
        p = factories.make_professional("meedenker", organisation=org if in_team else None)
        p.last_name = last
        p.team = team if in_team else None
        p.save()
        p.expertise.add(tag)
        set_available(p, available=available)
        return p

    team_busy = colleague("Aalders", in_team=True, available=False)
    team_free = colleague("Zwart", in_team=True, available=True)
    far_busy = colleague("Bakker", in_team=False, available=False)
    far_free = colleague("Vos", in_team=False, available=True)
    proposals = meedenker_proposals(actor=asker.user, expertise=tag, internal_only=False)
    # The team before the rest, whatever the availability; within each, available first.
    assert proposals == [team_free, team_busy, far_free, far_busy]
