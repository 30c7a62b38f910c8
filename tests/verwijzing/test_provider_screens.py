"""The provider's screens: the list of referrals forwarded to the own organisation, the steps
through their forms (a refused step logged, bad input a 400 with nothing written, an older
version a 409), the actions on the referral page and the iJw download."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ketenzorg import ijw
from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.consent import services as consent_services
from ketenzorg.families.models import Person
from ketenzorg.network.models import Role
from ketenzorg.verwijzing import rules, selectors
from ketenzorg.verwijzing.models import DocumentRequest, Referral, ReferralEvent
from tests import factories
from tests.querycount import LOG_ENTRY, LOGIN_WALL
from tests.verwijzing.provider_world import *  # noqa: F403


@pytest.fixture
def as_provider(client, aanbieder):
    factories.verified_login(client, aanbieder.user)
    return client


def _url(name, referral):
    return reverse(f"verwijzing:{name}", kwargs={"referral_uuid": referral.uuid})


def _denied(actor):
    return AuditEntry.objects.filter(user_id_snapshot=actor.user.pk, outcome=Outcome.DENIED)


def test_the_list_shows_the_referrals_forwarded_to_the_own_organisation(
    as_provider, forwarded, client, other_aanbieder
):
    page = as_provider.get(reverse("verwijzing:provider_list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kim Proefmans" in html and "Proef-Gezinsbegeleiding thuis" in html
    assert "niet opgevraagd" in html and "wacht" in html
    assert page.context["tabs"][0][2] == 1  # Nieuw: 1
    assert 'href="/verwijzingen/aanbieder/"' in html  # the menu entry "Verwijzingen"
    lopend = as_provider.get(reverse("verwijzing:provider_list"), {"groep": "lopend"})
    assert "Kim Proefmans" not in lopend.content.decode()
    # Another provider's staff see an empty list.
    factories.verified_login(client, other_aanbieder.user)
    other = client.get(reverse("verwijzing:provider_list"))
    assert other.status_code == 200 and "Kim Proefmans" not in other.content.decode()


def test_the_list_is_for_providers_only(client, okt, forwarded):
    factories.verified_login(client, okt.user)
    assert client.get(reverse("verwijzing:provider_list")).status_code == 403
    assert _denied(okt).exists()


def test_accept_through_the_form(as_provider, forwarded):
    page = as_provider.get(_url("referral_accept", forwarded))
    assert page.status_code == 200 and "Verwijzing accepteren" in page.content.decode()
    done = as_provider.post(_url("referral_accept", forwarded), {"version": forwarded.version})
    assert done.status_code == 302
    forwarded.refresh_from_db()
    assert forwarded.status == rules.ACCEPTED and forwarded.accepted_at is not None


def test_a_stale_version_is_a_409_and_nothing_is_written(as_provider, forwarded):
    answer = as_provider.post(
        _url("referral_accept", forwarded), {"version": forwarded.version - 1}
    )
    assert answer.status_code == 409
    assert "door iemand anders gewijzigd" in answer.content.decode()
    forwarded.refresh_from_db()
    assert forwarded.status == rules.FORWARDED


def test_another_provider_gets_a_404_and_it_is_logged(client, other_aanbieder, forwarded):
    factories.verified_login(client, other_aanbieder.user)
    for name in ("referral_accept", "referral_decline", "referral_request_documents"):
        assert client.post(_url(name, forwarded), {"reason": "x"}).status_code == 404
        assert client.get(_url(name, forwarded)).status_code == 404
    assert _denied(other_aanbieder).count() == 6
    forwarded.refresh_from_db()
    assert forwarded.status == rules.FORWARDED


def test_the_professional_cannot_take_the_providers_step(client, okt, forwarded):
    factories.verified_login(client, okt.user)
    assert client.post(_url("referral_accept", forwarded), {}).status_code == 403
    assert _denied(okt).exists()


def test_decline_needs_a_reason_and_then_the_referral_is_gone(as_provider, forwarded):
    empty = as_provider.post(_url("referral_decline", forwarded), {"version": forwarded.version})
    assert empty.status_code == 400 and "Schrijf de reden op" in empty.content.decode()
    assert not ReferralEvent.objects.filter(referral=forwarded, action=rules.DECLINE).exists()
    done = as_provider.post(
        _url("referral_decline", forwarded),
        {"version": forwarded.version, "reason": "Geen plek binnen drie maanden"},
    )
    assert done.status_code == 302 and done["Location"] == reverse("verwijzing:provider_list")
    forwarded.refresh_from_db()
    assert forwarded.status == rules.MATCHING and forwarded.provider is None
    listing = as_provider.get(done["Location"])
    assert "afgewezen" in listing.content.decode()
    assert "Kim Proefmans" not in listing.content.decode()
    assert as_provider.get(_url("referral_accept", forwarded)).status_code == 404


def test_request_the_plan_before_it_is_definitive(as_provider, forwarded):
    done = as_provider.post(
        _url("referral_request_documents", forwarded),
        {"version": forwarded.version, "kinds": ["perspectiefplan"]},
    )
    assert done.status_code == 302
    request = DocumentRequest.objects.get(referral=forwarded)
    assert request.fulfilled_at is None
    page = as_provider.get(_url("referral_request_documents", forwarded))
    assert "wacht op de definitieve versie van de professional" in page.content.decode()


def test_request_documents_bad_input_is_a_400(as_provider, forwarded):
    answer = as_provider.post(
        _url("referral_request_documents", forwarded), {"kinds": ["verwijsformat"]}
    )
    assert answer.status_code == 400
    assert not DocumentRequest.objects.exists()


def test_withdrawn_consent_refuses_the_documents_and_the_page_says_so(
    as_provider, aanbieder, okt, forwarded, provider_consent, sam
):
    consent_services.consent_withdraw(
        actor=okt.user,
        consent_uuid=provider_consent.uuid,
        withdrawn_by=sam,
        note="Het gezin wil dit niet meer",
    )
    answer = as_provider.post(
        _url("referral_request_documents", forwarded),
        {"version": forwarded.version, "kinds": ["perspectiefplan"]},
    )
    assert answer.status_code == 403
    assert not DocumentRequest.objects.exists()
    page = as_provider.get(_url("referral_request_documents", forwarded))
    assert "toestemming voor het delen met uw organisatie ingetrokken" in page.content.decode()
    assert _denied(aanbieder).filter(object_type="verwijzing.DocumentRequest").exists()
    view = selectors.referral_view(actor=aanbieder.user, referral_uuid=forwarded.uuid)
    html = _actions(view, aanbieder)
    assert "toestemming voor het delen met uw organisatie ingetrokken" in html
    assert "referral_request_documents" not in html and "documenten-opvragen" not in html


def _actions(view, actor):
    """The provider's part of the referral page (the page itself is the professional part's)."""
    return render_to_string(
        "verwijzing/_actions_provider.html", {"view": view, "referral": view.referral}
    )


def test_the_actions_follow_the_state(aanbieder, forwarded, kim_bsn):
    view = selectors.referral_view(actor=aanbieder.user, referral_uuid=forwarded.uuid)
    html = _actions(view, aanbieder)
    assert _url("referral_accept", forwarded) in html
    assert _url("referral_decline", forwarded) in html
    assert _url("referral_first_contact", forwarded) not in html
    assert f'name="version" value="{forwarded.version}"' in html
    assert "documenten-opvragen" in html
    assert "/ijw/JW301/" in html and "/ijw/JW305/" not in html


def test_first_contact_start_and_end_of_care(as_provider, accepted):
    future = timezone.localtime() + timedelta(days=1)
    bad = as_provider.post(
        _url("referral_first_contact", accepted),
        {
            "version": accepted.version,
            "contact_date": future.date().isoformat(),
            "contact_time": "10:00",
        },
    )
    assert bad.status_code == 400
    assert Referral.objects.get(pk=accepted.pk).status == rules.ACCEPTED
    # The form has whole minutes; the fixture forwarded the referral a moment ago.
    Referral.objects.filter(pk=accepted.pk).update(forwarded_at=timezone.now() - timedelta(hours=1))
    now = timezone.localtime()
    ok = as_provider.post(
        _url("referral_first_contact", accepted),
        {
            "version": accepted.version,
            "contact_date": now.date().isoformat(),
            "contact_time": now.strftime("%H:%M"),
            "note": "Huisbezoek gepland",
        },
    )
    assert ok.status_code == 302
    referral = Referral.objects.get(pk=accepted.pk)
    assert referral.status == rules.CONTACTED
    missing = as_provider.post(_url("referral_start_care", referral), {"version": referral.version})
    assert missing.status_code == 400
    started = as_provider.post(
        _url("referral_start_care", referral),
        {"version": referral.version, "on": timezone.localdate().isoformat()},
    )
    assert started.status_code == 302
    referral.refresh_from_db()
    assert referral.status == rules.IN_CARE
    no_reason = as_provider.post(
        _url("referral_end_care", referral),
        {"version": referral.version, "on": timezone.localdate().isoformat()},
    )
    assert no_reason.status_code == 400
    ended = as_provider.post(
        _url("referral_end_care", referral),
        {
            "version": referral.version,
            "on": timezone.localdate().isoformat(),
            "stop_reason": "01",
            "note": "Doelen bereikt",
        },
    )
    assert ended.status_code == 302
    referral.refresh_from_db()
    assert referral.status == rules.ENDED
    event = referral.events.get(action=rules.END_CARE)
    assert event.reason == "01 beëindigd volgens plan: Doelen bereikt"


def test_the_ijw_download(as_provider, kim_bsn, forwarded):
    answer = as_provider.get(
        _url("referral_accept", forwarded).replace("accepteren/", "ijw/JW301/")
    )
    assert answer.status_code == 200 and answer["Content-Type"] == "application/xml"
    assert "attachment" in answer["Content-Disposition"]
    assert ijw.from_xml(answer.content).client.bsn == "999990019"
    later = as_provider.get(reverse("verwijzing:ijw_message", args=[forwarded.uuid, "JW305"]))
    assert later.status_code == 409 and "bestaat pas" in later.content.decode()


def test_no_bsn_no_download(as_provider, forwarded):
    answer = as_provider.get(reverse("verwijzing:ijw_message", args=[forwarded.uuid, "JW301"]))
    assert answer.status_code == 409
    assert "Zonder BSN geen iJw-bericht" in answer.content.decode()


# The provider's list: the session with its user (and roles) and device, the provider's organisation, one GROUP BY for the
# tabs' counts, the rows, their documents and requests, the access-log entry with its
# subjects, the menu. A change that adds one fails here (issue 17).
PROVIDER_LIST_QUERIES = LOGIN_WALL + 6 + LOG_ENTRY


def test_the_list_costs_a_fixed_number_of_queries(as_provider, forwarded):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert as_provider.get(reverse("verwijzing:provider_list")).status_code == 200
    assert len(queries) == PROVIDER_LIST_QUERIES, "\n".join(q["sql"][:150] for q in queries)


def test_someone_in_both_roles_sees_which_list_is_which(client, provider):
    """An AJH-verbinder who also works for a provider gets two menu items; each says whose list
    it is. With one of the two roles the item is just "Verwijzingen"."""
    both = factories.make_professional(Role.AANBIEDER, Role.AJH_VERBINDER, organisation=provider)
    factories.verified_login(client, both.user)
    items = dict(client.get(reverse("core:home")).context["nav_items"])
    assert items["verwijzing:provider_list"] == "Verwijzingen (aanbieder)"
    assert items["verwijzing:inbox"] == "Verwijzingen (gebiedsknooppunt)"
    only = factories.make_professional(Role.AANBIEDER, organisation=provider)
    factories.verified_login(client, only.user)
    items = dict(client.get(reverse("core:home")).context["nav_items"])
    assert items["verwijzing:provider_list"] == "Verwijzingen" and "verwijzing:inbox" not in items


def test_the_list_compiles_its_referrals_once_per_process(as_provider, forwarded, monkeypatch):
    """The tabs' counts and the rows of each tab are compiled once per process (`core.prepared`)."""
    from tests.querycount import record_compiles

    for group in ("nieuw", "lopend", "nieuw"):
        assert (
            as_provider.get(reverse("verwijzing:provider_list"), {"groep": group}).status_code
            == 200
        )
    compiled = record_compiles(monkeypatch)
    response = as_provider.get(reverse("verwijzing:provider_list"))
    assert response.status_code == 200 and forwarded.child.given_name in response.content.decode()
    assert not [sql for _, sql in compiled if 'FROM "verwijzing_referral"' in sql]


def _looked_at(actor, reason) -> set:
    entry = AuditEntry.objects.filter(user_id_snapshot=actor.user.pk, reason=reason).latest("id")
    return {(s.kind, s.subject_uuid) for s in entry.subjects.all()}


def _family_of(referral) -> set:
    family = referral.case.family
    members = Person.objects.filter(family=family)
    return {("family", family.uuid)} | {("person", p.uuid) for p in members}


def test_the_lists_look_names_exactly_the_families_on_it(as_provider, aanbieder, forwarded):
    """The families are asked with the list's own query (a subquery, in the list's round trip):
    the group shown, not the provider's other groups."""
    as_provider.get(reverse("verwijzing:provider_list"))
    assert _looked_at(aanbieder, "verwijzingen aanbieder: nieuw") == _family_of(forwarded)
    as_provider.get(reverse("verwijzing:provider_list"), {"groep": "lopend"})
    assert _looked_at(aanbieder, "verwijzingen aanbieder: lopend") == set()
