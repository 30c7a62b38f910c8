"""The gebiedsknooppunt's screens: the inbox per column, the stadsdeel filter, the match page
with the candidates side by side, and take / match / forward through the screens with their
refusals (another stadsdeel's verbinder, the case's professional, a provider) logged."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import NoReverseMatch, reverse

from ketenzorg.audit.models import AuditEntry
from ketenzorg.families.models import Person
from ketenzorg.network.models import DistrictKind
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import Referral, ReferralEvent
from tests import factories
from tests.querycount import LOG_ENTRY, LOGIN_WALL
from tests.verwijzing.inbox_world import *  # noqa: F403 (its fixtures)
from tests.verwijzing.inbox_world import refusals


def login(client, professional):
    return factories.verified_login(client, professional.user)


def match_url(referral):
    return reverse("verwijzing:referral_match", args=[referral.uuid])


def detail_or_match_url(referral):
    """The inbox links to the detail page (the professional part's route) once it exists."""
    try:
        return reverse("verwijzing:referral", args=[referral.uuid])
    except NoReverseMatch:
        return match_url(referral)


def test_the_inbox_shows_the_four_columns_with_counts_and_the_referral(client, verbinder, sent):
    login(client, verbinder)
    page = client.get(reverse("verwijzing:inbox"))
    assert page.status_code == 200
    html = page.content.decode()
    for label in ("Nieuw (1)", "Matching (0)", "Wacht op aanbieder (0)", "Geplaatst (0)"):
        assert label in html
    assert reverse("verwijzing:inbox") in html  # the menu item
    assert "Kim Proefmans" in html and "45 jeugdhulp ambulant" in html
    assert "verzoek om een match" in html and "0 dagen sinds verzonden" in html
    assert f'href="{detail_or_match_url(sent)}"' in html


def test_a_forwarded_referral_waits_for_the_provider(client, verbinder, forwarded):
    login(client, verbinder)
    html = client.get(reverse("verwijzing:inbox")).content.decode()
    assert "Nieuw (0)" in html and "Wacht op aanbieder (1)" in html
    assert "dagen sinds doorgestuurd" in html and "gematcht: Proef-Gezinsbegeleiding" in html


def test_the_stadsdeel_filter_by_uuid(client, verbinder, sent, stadsdeel):
    west = factories.make_district("Proef-West-GKP")
    verbinder.areas.add(factories.make_district("Proef-West-Noord", DistrictKind.GEBIED, west))
    login(client, verbinder)
    page = client.get(reverse("verwijzing:inbox"))
    assert 'name="stadsdeel"' in page.content.decode()
    only_west = client.get(reverse("verwijzing:inbox"), {"stadsdeel": west.uuid})
    assert only_west.status_code == 200 and "Kim Proefmans" not in only_west.content.decode()
    only_oost = client.get(reverse("verwijzing:inbox"), {"stadsdeel": stadsdeel.uuid})
    assert "Kim Proefmans" in only_oost.content.decode()
    unknown = client.get(reverse("verwijzing:inbox"), {"stadsdeel": uuid.uuid4()})
    assert unknown.status_code == 400
    assert "Kies een stadsdeel waarvoor u werkt." in unknown.content.decode()


class _ModelStadsdeelForm:
    """The filter as a model choice field over the verbinder's stadsdelen, as it was before it
    took the list the page had read: the new one must write and check the same."""

    @staticmethod
    def make(data, stadsdelen):
        from django import forms

        from ketenzorg.network.models import District

        class Form(forms.Form):
            stadsdeel = forms.ModelChoiceField(
                label="Stadsdeel",
                queryset=District.objects.filter(pk__in=[d.pk for d in stadsdelen]).order_by(
                    "name"
                ),
                to_field_name="uuid",
                required=False,
                empty_label="alle stadsdelen",
                error_messages={"invalid_choice": "Kies een stadsdeel waarvoor u werkt."},
            )

        return Form(data)


@pytest.mark.parametrize("chosen", ["none", "east", "west", "unknown", "not-a-uuid"])
def test_the_stadsdeel_filter_writes_and_checks_as_a_model_choice_did(stadsdeel, chosen):
    from ketenzorg.verwijzing.forms_inbox import StadsdeelFilterForm

    west = factories.make_district("Proef-West-GKP")
    stadsdelen = sorted([stadsdeel, west], key=lambda d: d.name)
    data = {
        "none": None,
        "east": {"stadsdeel": str(stadsdeel.uuid)},
        "west": {"stadsdeel": str(west.uuid)},
        "unknown": {"stadsdeel": str(uuid.uuid4())},
        "not-a-uuid": {"stadsdeel": "<b>west</b>"},
    }[chosen]
    new = StadsdeelFilterForm(data, stadsdelen=stadsdelen)
    old = _ModelStadsdeelForm.make(data, stadsdelen)
    assert new.is_valid() == old.is_valid()
    if chosen == "not-a-uuid":
        # The model field said the text was no valid UUID, and repeated it; this one asks
        # for a stadsdeel, as for an unknown uuid.
        assert new.errors == {"stadsdeel": ["Kies een stadsdeel waarvoor u werkt."]}
        return
    if data is not None:
        assert new.errors == old.errors
        if new.is_valid():
            assert new.cleaned_data["stadsdeel"] == old.cleaned_data["stadsdeel"]
    assert str(new["stadsdeel"].as_field_group()) == str(old["stadsdeel"].as_field_group())


@pytest.mark.parametrize("who", ["okt", "aanbieder"])
def test_the_case_professional_and_a_provider_have_no_inbox(client, request, who, sent):
    professional = request.getfixturevalue(who)
    login(client, professional)
    before = refusals(professional)
    assert client.get(reverse("verwijzing:inbox")).status_code == 403
    assert refusals(professional) == before + 1
    assert reverse("verwijzing:inbox") not in client.get(reverse("core:home")).content.decode()


def test_the_match_page_side_by_side(client, verbinder, sent, programme, teen_programme):
    login(client, verbinder)
    page = client.get(match_url(sent))
    assert page.status_code == 200
    html = page.content.decode()
    assert programme.name in html and teen_programme.name in html
    assert "past bij 11 jaar" in html and "past niet bij 11 jaar" in html
    assert "bevestigd op" in html
    assert "rustig slaapt" in html  # the family's question above the table
    fitting = client.get(match_url(sent), {"passend": "1"}).content.decode()
    assert programme.name in fitting and teen_programme.name not in fitting


def test_the_professionals_choice_is_preselected(client, verbinder, chosen_sent, programme):
    login(client, verbinder)
    html = client.get(match_url(chosen_sent)).content.decode()
    radio = re.search(rf'<input type="radio"[^>]*value="{programme.uuid}"[^>]*>', html)
    assert radio and "checked" in radio.group(0)
    assert "gekozen door de professional" in html


def test_take_match_and_forward_through_the_screens(
    client, verbinder, sent, programme, provider_consent, provider
):
    login(client, verbinder)
    taken = client.post(
        reverse("verwijzing:referral_take", args=[sent.uuid]), {"version": sent.version}
    )
    assert taken.status_code == 302 and taken["Location"] == match_url(sent)
    sent.refresh_from_db()
    assert sent.status == rules.MATCHING
    matched = client.post(
        match_url(sent),
        {"programme": programme.uuid, "note": "Start over drie weken", "version": sent.version},
    )
    assert matched.status_code == 302
    sent.refresh_from_db()
    assert (sent.status, sent.provider, sent.match_note) == (
        rules.MATCHED,
        provider,
        "Start over drie weken",
    )
    page = client.get(match_url(sent)).content.decode()
    assert "Doorsturen naar de aanbieder" in page and "De match is vastgelegd" in page
    forwarded = client.post(
        reverse("verwijzing:referral_forward", args=[sent.uuid]), {"version": sent.version}
    )
    assert forwarded.status_code == 302 and forwarded["Location"] == reverse("verwijzing:inbox")
    sent.refresh_from_db()
    assert sent.status == rules.FORWARDED and sent.assignment_number


@pytest.mark.parametrize(
    "data,field_error",
    [
        ({"programme": str(uuid.uuid4()), "note": "Kan snel starten"}, "Kies een aanbod"),
        ({"note": "Kan snel starten"}, "Kies een aanbod"),
        ({"programme": "PROGRAMME", "note": "   "}, "Schrijf de professional"),
    ],
)
def test_bad_match_input_is_a_400_and_nothing_is_written(
    client, verbinder, sent, programme, data, field_error
):
    data = {k: str(programme.uuid) if v == "PROGRAMME" else v for k, v in data.items()}
    login(client, verbinder)
    response = client.post(match_url(sent), data)
    assert response.status_code == 400
    assert field_error in response.content.decode()
    assert 'class="error-summary"' in response.content.decode()
    assert Referral.objects.get(pk=sent.pk).status == rules.SENT
    assert not ReferralEvent.objects.filter(referral=sent, action=rules.MATCH).exists()


def test_a_stale_version_is_a_409_and_nothing_is_written(client, verbinder, sent, programme):
    login(client, verbinder)
    stale = sent.version
    client.post(reverse("verwijzing:referral_take", args=[sent.uuid]), {"version": stale})
    response = client.post(
        match_url(sent), {"programme": programme.uuid, "note": "Te laat", "version": stale}
    )
    assert response.status_code == 409
    assert "door iemand anders gewijzigd" in response.content.decode()
    assert Referral.objects.get(pk=sent.pk).status == rules.MATCHING
    again = client.post(reverse("verwijzing:referral_take", args=[sent.uuid]), {"version": stale})
    assert again.status_code == 409


def test_forward_without_the_providers_consent_says_what_to_do(
    client, verbinder, sent, programme, okt
):
    login(client, verbinder)
    client.post(reverse("verwijzing:referral_take", args=[sent.uuid]))
    client.post(match_url(sent), {"programme": programme.uuid, "note": "Kan starten"})
    response = client.post(reverse("verwijzing:referral_forward", args=[sent.uuid]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "geen toestemming gegeven om deze verwijzing te delen met deze" in html
    assert f"Wat nu: vraag {okt.full_name}" in html
    assert Referral.objects.get(pk=sent.pk).status == rules.MATCHED


def test_another_stadsdeels_verbinder_is_refused_everywhere_and_logged(
    client, other_verbinder, sent, programme
):
    login(client, other_verbinder)
    before = refusals(other_verbinder)
    assert client.get(match_url(sent)).status_code == 403
    for name in ("verwijzing:referral_take", "verwijzing:referral_forward"):
        assert client.post(reverse(name, args=[sent.uuid])).status_code == 403
    posted = client.post(match_url(sent), {"programme": programme.uuid, "note": "Niet van mij"})
    assert posted.status_code == 403
    assert refusals(other_verbinder) == before + 4
    assert "Kim Proefmans" not in client.get(reverse("verwijzing:inbox")).content.decode()
    assert Referral.objects.get(pk=sent.pk).status == rules.SENT


def test_the_case_professional_does_not_take_the_verbinders_steps(client, okt, sent):
    login(client, okt)
    before = refusals(okt)
    assert client.get(match_url(sent)).status_code == 403
    assert client.post(reverse("verwijzing:referral_take", args=[sent.uuid])).status_code == 403
    assert refusals(okt) == before + 2


def test_a_provider_does_not_learn_the_referral_exists(client, aanbieder, sent):
    login(client, aanbieder)
    before = refusals(aanbieder)
    assert client.get(match_url(sent)).status_code == 404
    assert client.post(reverse("verwijzing:referral_take", args=[sent.uuid])).status_code == 404
    assert refusals(aanbieder) == before + 2


def test_the_inbox_in_english(client, verbinder, sent):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    login(client, verbinder)
    html = client.get(reverse("verwijzing:inbox")).content.decode()
    assert "Waiting for the provider (0)" in html and "request for a match" in html
    assert "Wacht op aanbieder" not in html


def test_the_verbinders_buttons_follow_the_state(verbinder, sent, programme):
    """The partial the detail page includes for a verbinder: rules.actions_for decides."""
    from django.template.loader import render_to_string

    from ketenzorg.verwijzing import selectors
    from ketenzorg.verwijzing.services import referral as services

    def buttons():
        view = selectors.referral_view(actor=verbinder.user, referral_uuid=sent.uuid)
        context = {"view": view, "referral": view.referral}
        return render_to_string("verwijzing/_actions_verbinder.html", context)

    html = buttons()
    assert reverse("verwijzing:referral_take", args=[sent.uuid]) in html
    assert f'href="{match_url(sent)}"' in html and "Aanbod zoeken en matchen" in html
    assert reverse("verwijzing:referral_forward", args=[sent.uuid]) not in html
    assert f'name="version" value="{sent.version}"' in html
    services.referral_take(actor=verbinder.user, referral_uuid=sent.uuid)
    services.referral_match(
        actor=verbinder.user, referral_uuid=sent.uuid, programme=programme, note="Kan starten"
    )
    html = buttons()
    assert reverse("verwijzing:referral_take", args=[sent.uuid]) not in html
    assert "Opnieuw matchen" in html and "Doorsturen naar de aanbieder" in html
    assert f'name="version" value="{Referral.objects.get(pk=sent.pk).version}"' in html


# The queries of the inbox page: the session with its user (and roles) and device, the
# verbinder's stadsdelen (their areas, the districts above them, the stadsdelen themselves: read
# once for the filter and the inbox), one GROUP BY for the counts, one query for the four
# columns' rows, the families and members for the log, the access-log entry with its subjects,
# the menu. A change that adds one (a query per column, per row) fails here (issue 17).
INBOX_QUERIES = LOGIN_WALL + 8 + LOG_ENTRY


def test_the_inbox_costs_a_fixed_number_of_queries(client, verbinder, sent, forwarded):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, verbinder)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("verwijzing:inbox")).status_code == 200
    assert len(queries) == INBOX_QUERIES, "\n".join(q["sql"][:150] for q in queries)


def test_the_inbox_compiles_its_reads_once_per_process(
    client, verbinder, sent, forwarded, monkeypatch
):
    """Where the verbinder works, the columns' counts and rows are compiled once per process
    (`core.prepared`), not on every request: the rows' query (a window over seven joined
    tables) took longer to compile than to run. (The filter's choices are a form's queryset.)"""
    from tests.querycount import record_compiles

    login(client, verbinder)
    assert client.get(reverse("verwijzing:inbox")).status_code == 200
    compiled = record_compiles(monkeypatch)
    response = client.get(reverse("verwijzing:inbox"))
    assert response.status_code == 200 and sent.child.given_name in response.content.decode()
    tables = ('FROM "verwijzing_referral"', '"parent_id" FROM "network_district"', "_areas")
    assert not [sql for _, sql in compiled if any(table in sql for table in tables)]


def _inbox_look(verbinder) -> set:
    entry = AuditEntry.objects.filter(
        user_id_snapshot=verbinder.user.pk, reason="inbox gebiedsknooppunt"
    ).latest("id")
    return {(s.kind, s.subject_uuid) for s in entry.subjects.all()}


def test_the_inboxs_look_names_exactly_the_families_on_it(client, verbinder, sent, stadsdeel):
    """The families are asked with the inbox's own query (a subquery, in its round trip): those
    of the stadsdelen shown, not another's."""
    west = factories.make_district("Proef-West-GKP")
    verbinder.areas.add(factories.make_district("Proef-West-Noord", DistrictKind.GEBIED, west))
    login(client, verbinder)
    family = sent.case.family
    expected = {("family", family.uuid)} | {
        ("person", p.uuid) for p in Person.objects.filter(family=family)
    }
    client.get(reverse("verwijzing:inbox"))
    assert _inbox_look(verbinder) == expected
    client.get(reverse("verwijzing:inbox"), {"stadsdeel": west.uuid})
    assert _inbox_look(verbinder) == set()
