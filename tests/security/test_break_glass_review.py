"""The privacy officer reviews every break of the glass: the overview, the review, who may."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenzorg.access.models import EmergencyAccess, EmergencyAccessReview
from ketenzorg.audit.models import AuditEntry
from ketenzorg.core.errors import AccessDenied, NotFound, ValidationFailed
from ketenzorg.families import selectors as family_selectors
from ketenzorg.families import services as family_services
from ketenzorg.privacy import selectors, services
from tests import factories

pytestmark = pytest.mark.django_db

REASON = "Melding van acuut onveilige situatie, gezin onbekend bij mij"


def _family(owner=None, name="Gezin Glasproef", family_name="Glasproef"):
    owner = owner or factories.make_professional("okt")
    return factories.register_family(
        owner,
        name=name,
        members=[factories.member("Noor", family_name), factories.member("Ids", family_name)],
    )


def _break(professional, family, reason=REASON) -> EmergencyAccess:
    return family_services.emergency_access_grant(
        actor=professional.user, family=family, reason=reason
    )


@pytest.fixture
def officer():
    return factories.make_professional("privacy")


@pytest.fixture
def breaker():
    return factories.make_professional(
        "jgz", organisation=factories.make_organisation("JGZ Glasstad")
    )


# --- how often a grant was used ---------------------------------------------------------


def test_uses_count_the_holders_looks_at_that_family_inside_the_window(
    monkeypatch, officer, breaker
):
    family = _family()
    other_family = _family(name="Gezin Anders", family_name="Anders")
    # An old grant, expired three days ago: today's looks are not its uses.
    then = timezone.now() - timedelta(days=4)
    with monkeypatch.context() as m:
        m.setattr(timezone, "now", lambda: then)
        old = _break(breaker, family)
    grant = _break(breaker, family)
    _break(breaker, other_family)
    family_selectors.family_get(actor=breaker.user, family_uuid=family.uuid)
    family_selectors.person_get(actor=breaker.user, person_uuid=family.members.first().uuid)
    family_selectors.family_get(actor=breaker.user, family_uuid=other_family.uuid)
    # Someone else's look at the family is no use of this grant.
    family_selectors.family_get(actor=family.registered_by.user, family_uuid=family.uuid)

    page = selectors.emergency_event_page(actor=officer.user, status=selectors.ALL)
    uses = {e.uuid: e.uses for e in page.events}
    assert uses[grant.uuid] == 2  # the family page and a person's page; not the breaking itself
    assert uses[old.uuid] == 0
    assert sorted(uses.values()) == [0, 1, 2]
    by_uuid = {e.uuid: e for e in page.events}
    assert not by_uuid[old.uuid].active and by_uuid[old.uuid].hours == 24
    assert by_uuid[grant.uuid].active
    # newest first
    assert [e.uuid for e in page.events][-1] == old.uuid


# --- the overview -----------------------------------------------------------------------


def test_overview_filters_and_logs_what_it_shows(client, officer, breaker):
    family = _family()
    grant = _break(breaker, family)
    reviewed = _break(breaker, _family(name="Gezin Klaar", family_name="Klaar"))
    services.emergency_review(actor=officer.user, grant_uuid=reviewed.uuid, note="Gegrond.")
    factories.verified_login(client, officer.user)

    url = reverse("audit:emergency_list")
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert breaker.full_name in html and "JGZ Glasstad" in html
    assert "Gezin Glasproef" in html and REASON in html
    assert "Gezin Klaar" not in html  # already reviewed
    assert reverse("audit:person_log", args=[family.members.first().uuid]) in html
    assert reverse("audit:emergency_detail", args=[grant.uuid]) in html
    entry = AuditEntry.objects.filter(object_type="access.EmergencyAccess").latest("id")
    assert (entry.action, entry.outcome, entry.username) == (
        "search",
        "success",
        officer.user.username,
    )
    subjects = {s.subject_uuid for s in entry.subjects.all()}
    assert {family.uuid, *family.members.values_list("uuid", flat=True)} == subjects

    done = client.get(url, {"toon": "beoordeeld"}).content.decode()
    assert "Gezin Klaar" in done and "Gezin Glasproef" not in done
    everything = client.get(url, {"toon": "alle"}).content.decode()
    assert "Gezin Klaar" in everything and "Gezin Glasproef" in everything
    assert client.get(url, {"toon": "iets"}).status_code == 400
    assert client.get(url, {"pagina": "x"}).status_code == 200


def test_overview_query_count_does_not_grow_with_the_events(
    client, officer, django_assert_max_num_queries
):
    factories.verified_login(client, officer.user)
    for n in range(6):
        _break(factories.make_professional("okt"), _family(name=f"Gezin Veel{n}"))
    with django_assert_max_num_queries(25):
        response = client.get(reverse("audit:emergency_list"))
    assert response.status_code == 200
    assert response.content.decode().count("Gezin Veel") == 6 * 2  # the cell and the link's text


def test_overview_reads_in_three_round_trips_and_compiles_them_once(
    client, officer, breaker, monkeypatch, django_assert_num_queries
):
    """The count and the page go to the database together (one round trip on PostgreSQL), then
    the families' members; reviews only when a reviewed event is shown. Each compiled once per
    process (`core.prepared`): the page's query took longer to compile than to run."""
    from tests.querycount import LOG_ENTRY, LOGIN_WALL, record_compiles

    reviewed = _break(breaker, _family(name="Gezin Klaar", family_name="Klaar"))
    services.emergency_review(actor=officer.user, grant_uuid=reviewed.uuid, note="Gegrond.")
    _break(breaker, _family())
    factories.verified_login(client, officer.user)
    url = reverse("audit:emergency_list")
    assert client.get(url).status_code == 200
    # the session with its user and device; the menu's probe; count, page, members; the look
    with django_assert_num_queries(LOGIN_WALL + 1 + 3 + LOG_ENTRY):
        assert "Gezin Glasproef" in client.get(url).content.decode()
    with django_assert_num_queries(LOGIN_WALL + 1 + 4 + LOG_ENTRY):  # and the reviews
        assert "Gezin Klaar" in client.get(url, {"toon": "alle"}).content.decode()
    compiled = record_compiles(monkeypatch)
    html = client.get(url, {"toon": "alle"}).content.decode()
    assert "Gezin Klaar" in html and "Gegrond" not in html
    tables = ('FROM "access_emergencyaccess', 'FROM "families_person"')
    assert not [sql for _, sql in compiled if any(table in sql for table in tables)]


def test_a_page_beyond_the_last_shows_the_last(client, officer, breaker):
    for n in range(3):
        _break(breaker, _family(name=f"Gezin Bladzijde{n}"))
    page = selectors.emergency_event_page(actor=officer.user, page=9, per_page=2)
    assert (page.number, page.pages, page.total, len(page.events)) == (2, 2, 3, 1)
    assert page.events[0].family.name == "Gezin Bladzijde0"  # the oldest, alone on the last
    assert [m.given_name for m in page.events[0].family.persons_shown] == ["Noor", "Ids"]


def test_the_menu_and_the_access_log_lead_to_the_overview(client, officer):
    factories.verified_login(client, officer.user)
    html = client.get(reverse("audit:index")).content.decode()
    assert html.count(reverse("audit:emergency_list")) == 2  # menu and page


# --- the review -------------------------------------------------------------------------


def test_review_marks_reviewed_and_a_second_note_is_added_not_overwritten(officer, breaker):
    grant = _break(breaker, _family())
    other_officer = factories.make_professional("privacy")
    services.emergency_review(actor=officer.user, grant_uuid=grant.uuid, note="  Gegrond.  ")
    services.emergency_review(
        actor=other_officer.user, grant_uuid=grant.uuid, note="Nagebeld: bevestigd."
    )
    reviews = list(EmergencyAccessReview.objects.filter(grant=grant))
    assert [(r.reviewed_by, r.note) for r in reviews] == [
        (officer.user, "Gegrond."),
        (other_officer.user, "Nagebeld: bevestigd."),
    ]
    entries = AuditEntry.objects.filter(object_uuid=str(grant.uuid), action="update")
    assert [e.reason for e in entries] == [
        "noodtoegang beoordeeld",
        "beoordeling van noodtoegang aangevuld",
    ]
    assert all("Gegrond" not in e.reason for e in entries)  # the note stays out of the log
    shown = selectors.emergency_event_page(actor=officer.user, status=selectors.REVIEWED)
    assert [e.uuid for e in shown.events] == [grant.uuid]
    assert selectors.emergency_event_page(actor=officer.user).total == 0


@pytest.mark.parametrize("note", ["", "   \n ", "x" * 2001])
def test_a_review_needs_a_note(officer, breaker, note):
    grant = _break(breaker, _family())
    with pytest.raises(ValidationFailed) as raised:
        services.emergency_review(actor=officer.user, grant_uuid=grant.uuid, note=note)
    assert "toelichting" in raised.value.field_errors["note"][0]
    assert not EmergencyAccessReview.objects.exists()


def test_review_on_the_page_then_listed_as_reviewed(client, officer, breaker):
    grant = _break(breaker, _family())
    factories.verified_login(client, officer.user)
    url = reverse("audit:emergency_detail", args=[grant.uuid])
    page = client.get(url)
    assert page.status_code == 200 and "Markeren als beoordeeld" in page.content.decode()

    empty = client.post(url, {"note": "  "})
    assert empty.status_code == 400
    assert "Schrijf bij de beoordeling een toelichting." in empty.content.decode()
    assert not EmergencyAccessReview.objects.exists()

    done = client.post(url, {"note": "Reden gegrond; besproken met de teamleider."})
    assert done.status_code == 302
    assert done["Location"] == reverse("audit:emergency_list") + "?toon=beoordeeld"
    listed = client.get(done["Location"]).content.decode()
    assert "Gezin Glasproef" in listed and "De beoordeling is opgeslagen." in listed
    detail = client.get(url).content.decode()
    assert "Reden gegrond; besproken met de teamleider." in detail
    assert "Aanvulling opslaan" in detail


# --- who may ----------------------------------------------------------------------------


def test_nobody_reviews_their_own_break_of_the_glass(client, breaker):
    # A professional with the privacy role beside a casework role may break the glass.
    both = factories.make_professional("privacy", "okt")
    grant = _break(both, _family())
    with pytest.raises(AccessDenied):
        services.emergency_review(actor=both.user, grant_uuid=grant.uuid, note="Mag niet.")
    refused = AuditEntry.objects.filter(username=both.user.username, outcome="denied").get()
    assert (refused.action, refused.reason) == ("update", "eigen noodtoegang beoordelen")

    factories.verified_login(client, both.user)
    url = reverse("audit:emergency_detail", args=[grant.uuid])
    page = client.get(url).content.decode()
    assert "U kunt uw eigen noodtoegang niet beoordelen" in page and "<textarea" not in page
    assert client.post(url, {"note": "toch"}).status_code == 403
    assert not EmergencyAccessReview.objects.exists()
    # another privacy officer may
    other = factories.make_professional("privacy")
    services.emergency_review(actor=other.user, grant_uuid=grant.uuid, note="Gegrond.")


@pytest.mark.parametrize("role", ["okt", "manager", "beheerder", "autorisatiebeheerder"])
def test_only_the_privacy_officer_sees_and_reviews(client, breaker, role):
    grant = _break(breaker, _family())
    someone = factories.make_professional(role)
    factories.verified_login(client, someone.user)
    detail = reverse("audit:emergency_detail", args=[grant.uuid])
    assert client.get(reverse("audit:emergency_list")).status_code == 403
    assert client.get(detail).status_code == 403
    # refused before the (empty) note is read: a 403, never a validation message
    assert client.post(detail, {"note": ""}).status_code == 403
    api = client.post(
        f"/api/v1/noodtoegang/{grant.uuid}/beoordelingen/", {}, content_type="application/json"
    )
    assert api.status_code == 403 and api["Content-Type"] == "application/problem+json"
    refusals = AuditEntry.objects.filter(username=someone.user.username, outcome="denied")
    assert sorted(refusals.values_list("action", flat=True)) == [
        "read",
        "search",
        "update",
        "update",
    ]
    assert not EmergencyAccessReview.objects.exists()


def test_unknown_or_malformed_ids_are_404_and_the_probe_is_logged(client, officer):
    factories.verified_login(client, officer.user)
    unknown = "6f1c1c1e-0000-4000-8000-000000000000"
    assert client.get(reverse("audit:emergency_detail", args=[unknown])).status_code == 404
    assert client.get(reverse("audit:emergency_detail", args=["12"])).status_code == 404
    probe = AuditEntry.objects.get(object_uuid=unknown)
    assert (probe.outcome, probe.reason) == ("denied", "onbekend id")
    with pytest.raises(NotFound):
        services.emergency_review(actor=officer.user, grant_uuid=unknown, note="x")


# --- the API ----------------------------------------------------------------------------


def test_api_lists_and_reviews(client, officer, breaker):
    family = _family()
    grant = _break(breaker, family)
    factories.verified_login(client, officer.user)

    listed = client.get("/api/v1/noodtoegang/")
    assert listed.status_code == 200
    body = listed.json()
    assert body["count"] == 1 and body["page"] == 1
    event = body["results"][0]
    assert event["uuid"] == str(grant.uuid)
    assert (event["professional"], event["organisation"]) == (breaker.full_name, "JGZ Glasstad")
    assert event["family"]["name"] == "Gezin Glasproef"
    assert {p["uuid"] for p in event["family"]["persons"]} == {
        str(u) for u in family.members.values_list("uuid", flat=True)
    }
    assert (event["reason"], event["uses"], event["reviewed"], event["active"]) == (
        REASON,
        0,
        False,
        True,
    )

    url = f"/api/v1/noodtoegang/{grant.uuid}/beoordelingen/"
    empty = client.post(url, {"note": " "}, content_type="application/json")
    assert empty.status_code == 400 and empty["Content-Type"] == "application/problem+json"
    assert empty.json()["invalid_params"] == [
        {"name": "note", "reason": "Schrijf bij de beoordeling een toelichting."}
    ]
    done = client.post(url, {"note": "Gegrond."}, content_type="application/json")
    assert done.status_code == 201
    assert done.json()["note"] == "Gegrond." and done.json()["reviewed_by"] == officer.full_name

    assert client.get("/api/v1/noodtoegang/").json()["count"] == 0
    reviewed = client.get("/api/v1/noodtoegang/", {"status": "reviewed"}).json()
    assert reviewed["results"][0]["reviews"][0]["note"] == "Gegrond."
    assert client.get("/api/v1/noodtoegang/", {"status": "all"}).json()["count"] == 1
    bad = client.get("/api/v1/noodtoegang/", {"status": "beoordeeld"})
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"


def test_api_operations_are_in_the_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert schema["paths"]["/api/v1/noodtoegang/"]["get"]["operationId"] == "emergency_access_list"
    review = schema["paths"]["/api/v1/noodtoegang/{grant_uuid}/beoordelingen/"]["post"]
    assert review["operationId"] == "emergency_access_review"
    assert {"201", "400", "403", "404"} <= set(review["responses"])
