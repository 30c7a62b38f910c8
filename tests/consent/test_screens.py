"""The consent registry's screens: the family's list, recording with the age rules, withdrawal
at once, and only for who is involved with the family."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.consent import selectors
from ketenzorg.consent.models import Consent
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(client, okt):
    return factories.verified_login(client, okt.user)


def _url(name, **kwargs):
    return reverse(f"consent:{name}", kwargs=kwargs)


def _form(ggz, people, *, children=("Kim",), givers=("Sam",), **extra):
    data = {
        "purpose": "consultatie",
        "recipient_organisation": str(ggz.uuid),
        "recipient_role": "",
        "parts": ["plan", "afspraken"],
        "children": [str(people[n].uuid) for n in children],
        "givers": [str(people[n].uuid) for n in givers],
        "method": "mondeling",
        "given_on": timezone.localdate().isoformat(),
    }
    data.update(extra)
    return data


def test_family_page_says_per_child_who_must_consent_today(web, family):
    page = web.get(_url("family", family_uuid=family.uuid)).content.decode()
    assert "Kim is jonger dan 12: de ouders met gezag geven toestemming (Sam Proefberg)." in page
    assert "Noor is 12 of ouder: Noor geeft zelf toestemming, en ook de ouders met gezag" in page
    assert "Jes is 16 of ouder en beslist zelf" in page
    assert "Een ouder zonder gezag kan geen toestemming geven" in page and "Lou Proefberg" in page
    assert "Er is geen geldende toestemming." in page


def test_family_detail_links_to_the_consents(web, family):
    page = web.get(reverse("families:detail", kwargs={"family_uuid": family.uuid})).content.decode()
    assert _url("family", family_uuid=family.uuid) in page


def test_record_for_a_young_child_lists_it_with_its_details(web, family, ggz, people, okt):
    response = web.post(_url("new", family_uuid=family.uuid), _form(ggz, people))
    assert response.status_code == 302, response.content.decode()
    consent = Consent.objects.get(family=family)
    assert consent.child == people["Kim"] and not consent.child_consented
    assert list(consent.given_by.all()) == [people["Sam"]] and consent.recorded_by == okt
    page = web.get(_url("family", family_uuid=family.uuid)).content.decode()
    assert "Proef-GGZ" in page and "mondeling" in page and "het plan (zorgen" in page
    assert _url("withdraw", consent_uuid=consent.uuid) in page


@pytest.mark.parametrize(
    ("children", "givers", "message"),
    [
        (("Noor",), ("Sam",), "Vanaf 12 jaar geeft het kind zelf ook toestemming."),
        (("Kim",), ("Lou",), "Een ouder zonder gezag kan geen toestemming geven"),
        (("Jes",), ("Jes", "Sam"), "Vanaf 16 jaar beslist de jongere alleen"),
        (("Kim",), ("Kim", "Sam"), "Een kind onder de 12 geeft zelf geen toestemming"),
        (("Kim",), ("Noor", "Sam"), "Een kind geeft alleen toestemming voor zichzelf"),
    ],
)
def test_the_age_rules_refuse_on_the_form_with_400(
    web, family, ggz, people, children, givers, message
):
    response = web.post(
        _url("new", family_uuid=family.uuid), _form(ggz, people, children=children, givers=givers)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Consent.objects.filter(family=family).exists()


def test_several_children_all_or_nothing_and_each_named(web, family, ggz, people):
    response = web.post(
        _url("new", family_uuid=family.uuid),
        _form(ggz, people, children=("Kim", "Noor"), givers=("Sam",)),
    )
    assert response.status_code == 400
    assert "Noor: Vanaf 12 jaar" in response.content.decode()
    assert not Consent.objects.filter(family=family).exists()  # Kim's was not kept either
    response = web.post(
        _url("new", family_uuid=family.uuid),
        _form(ggz, people, children=("Kim", "Noor"), givers=("Sam", "Noor")),
    )
    assert response.status_code == 302
    by_child = {c.child.given_name: c for c in Consent.objects.filter(family=family)}
    assert set(by_child) == {"Kim", "Noor"}
    assert by_child["Noor"].child_consented and not by_child["Kim"].child_consented


def test_bad_input_is_400_with_dutch_messages(web, family, ggz, people):
    both = _form(ggz, people, recipient_role="meedenker")
    response = web.post(_url("new", family_uuid=family.uuid), both)
    assert response.status_code == 400 and "Kies één ontvanger" in response.content.decode()
    future = _form(ggz, people, given_on=(timezone.localdate() + timedelta(days=2)).isoformat())
    response = web.post(_url("new", family_uuid=family.uuid), future)
    assert response.status_code == 400 and "in de toekomst" in response.content.decode()
    empty = web.post(_url("new", family_uuid=family.uuid), {})
    assert empty.status_code == 400 and "Nog niet opgeslagen" in empty.content.decode()
    assert not Consent.objects.filter(family=family).exists()


def test_withdrawal_takes_effect_at_once_and_stays_listed(web, family, ggz, people):
    web.post(_url("new", family_uuid=family.uuid), _form(ggz, people))
    consent = Consent.objects.get(family=family)
    assert selectors.consent_covers(
        family=family, purpose="consultatie", recipient=ggz, parts=["plan"], child=people["Kim"]
    )
    confirm = web.get(_url("withdraw", consent_uuid=consent.uuid)).content.decode()
    assert "Verder delen stopt direct; wat al gedeeld is, blijft gedeeld." in confirm
    response = web.post(
        _url("withdraw", consent_uuid=consent.uuid),
        {"withdrawn_by": str(people["Sam"].uuid), "note": "Liever eerst zelf"},
    )
    assert response.status_code == 302
    assert not selectors.consent_covers(
        family=family, purpose="consultatie", recipient=ggz, parts=["plan"], child=people["Kim"]
    )
    page = web.get(_url("family", family_uuid=family.uuid)).content.decode()
    withdrawn = page.split("Ingetrokken toestemmingen", 1)[1]
    assert "Proef-GGZ" in withdrawn and "Liever eerst zelf" in withdrawn
    assert "Er is geen geldende toestemming." in page
    again = web.post(
        _url("withdraw", consent_uuid=consent.uuid), {"withdrawn_by": str(people["Sam"].uuid)}
    )
    assert again.status_code == 400 and "al ingetrokken" in again.content.decode()


def test_withdrawal_needs_who_withdrew(web, family, ggz, people):
    web.post(_url("new", family_uuid=family.uuid), _form(ggz, people))
    consent = Consent.objects.get(family=family)
    response = web.post(_url("withdraw", consent_uuid=consent.uuid), {"note": "x"})
    assert response.status_code == 400
    consent.refresh_from_db()
    assert not consent.is_withdrawn


def test_not_involved_is_refused_and_logged(client, family, ggz, people, okt):
    web = factories.verified_login(client, okt.user)
    web.post(_url("new", family_uuid=family.uuid), _form(ggz, people))
    consent = Consent.objects.get(family=family)
    outsider = factories.make_professional("okt")
    factories.verified_login(client, outsider.user)
    for url in (
        _url("family", family_uuid=family.uuid),
        _url("new", family_uuid=family.uuid),
        _url("withdraw", consent_uuid=consent.uuid),
    ):
        before = AuditEntry.objects.filter(
            user_id_snapshot=outsider.user.pk, outcome=Outcome.DENIED
        ).count()
        assert client.get(url).status_code == 403
        after = AuditEntry.objects.filter(
            user_id_snapshot=outsider.user.pk, outcome=Outcome.DENIED
        ).count()
        assert after == before + 1, url
    response = client.post(
        _url("withdraw", consent_uuid=consent.uuid), {"withdrawn_by": str(people["Sam"].uuid)}
    )
    assert response.status_code == 403
    consent.refresh_from_db()
    assert not consent.is_withdrawn
