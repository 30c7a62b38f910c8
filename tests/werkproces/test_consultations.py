"""Consultations: asking, consent for identified ones outside the organisation, the meedenker's
access limited to the consultation and its period, findings by the meedenker only, the joint
evaluation, and the proposals of colleagues."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.consent import services as consent_services
from ketenzorg.coordination.models import EventKind
from ketenzorg.core.errors import AccessDenied, Conflict, ValidationFailed
from ketenzorg.network.models import ExpertiseTag, Team
from ketenzorg.signaal.menu import signal_function_flag
from ketenzorg.werkproces import rules, selectors, services
from ketenzorg.werkproces import serializers_consultations as serializers
from ketenzorg.werkproces.menu import my_consultations_flag
from ketenzorg.werkproces.models import Consultation
from tests import factories
from tests.querycount import LOG_ENTRY, LOGIN_WALL
from tests.werkproces.conftest import later


@pytest.fixture
def at_external(okt, case, werkproces, move):
    move(rules.CONTINUE)
    move(rules.CONTINUE, team_decision="Het team besloot samen: expertise van buiten")
    return werkproces


def ask(okt, case, meedenker, *, scope="extern", identified=False, parts=(), ends_at=None):
    return services.consultation_ask(
        actor=okt.user,
        case=case,
        kind="meedenken",
        scope=scope,
        meedenker=meedenker,
        question="Hoe helpen we moeder met de angst van Kim?",
        summary="Een kind van tien met angstklachten",
        expects_of_meedenker="Een advies na één gesprek",
        expects_of_professional="Een samenvatting van de hulp tot nu toe",
        ends_at=ends_at or later(),
        identified=identified,
        shared_parts=parts,
    )


def give_consent(okt, family, recipient):
    kim = family.members.get(given_name="Kim")
    sam = family.members.get(given_name="Sam")
    return consent_services.consent_record(
        actor=okt.user,
        family=family,
        child=kim,
        purpose="consultatie",
        recipient_organisation=recipient.organisation,
        parts=["plan", "personalia"],
        child_consented=False,
        parents=[sam],
        method="mondeling",
    )


def test_internal_consultation_before_its_step_is_refused(okt, case, werkproces, colleague):
    with pytest.raises(Conflict):
        ask(okt, case, colleague, scope="intern")


def test_identified_outside_the_organisation_needs_consent(
    okt, case, family, at_external, outsider
):
    with pytest.raises(ValidationFailed) as refused:
        ask(okt, case, outsider, identified=True, parts=["plan"])
    assert "toestemming" in refused.value.field_errors["identified"][0]
    assert not Consultation.objects.exists()
    # Anonymous needs none.
    anonymous = ask(okt, case, outsider)
    assert anonymous.shared_parts == [] and not anonymous.identified
    consent = give_consent(okt, family, outsider)
    identified = ask(okt, case, outsider, identified=True, parts=["plan"])
    assert list(identified.consents.all()) == [consent]
    # Parts the consent does not name are still refused.
    with pytest.raises(ValidationFailed):
        ask(okt, case, outsider, identified=True, parts=["afspraken"])


def test_identified_inside_the_own_organisation_needs_no_consent(
    okt, case, werkproces, move, colleague
):
    move(rules.CONTINUE)
    consultation = ask(okt, case, colleague, scope="intern", identified=True, parts=["plan"])
    assert consultation.identified and not consultation.consents.exists()


def test_the_meedenker_sees_an_anonymous_consultation_without_the_family(
    okt, case, at_external, outsider
):
    consultation = ask(okt, case, outsider)
    view = selectors.consultation_view(actor=outsider.user, consultation_uuid=consultation.uuid)
    assert view.as_meedenker and view.family is None and view.shared_parts == []
    entry = AuditEntry.objects.filter(object_type="werkproces.Consultation", action="read").last()
    assert (entry.outcome, entry.basis) == ("success", "consultation")
    # The asking professional sees it all.
    mine = selectors.consultation_view(actor=okt.user, consultation_uuid=consultation.uuid)
    assert not mine.as_meedenker and mine.family == case.family


def test_a_withdrawal_stops_the_identified_share_at_once(okt, case, family, at_external, outsider):
    consent = give_consent(okt, family, outsider)
    consultation = ask(okt, case, outsider, identified=True, parts=["plan"])
    view = selectors.consultation_view(actor=outsider.user, consultation_uuid=consultation.uuid)
    assert view.family == family and view.shared_parts == ["plan"]
    consent_services.consent_withdraw(
        actor=okt.user, consent_uuid=consent.uuid, withdrawn_by=family.members.get(given_name="Sam")
    )
    view = selectors.consultation_view(actor=outsider.user, consultation_uuid=consultation.uuid)
    assert view.family is None and view.shared_parts == [] and view.consent_withdrawn


def test_only_the_meedenker_writes_findings_and_only_during_the_period_and_grace(
    okt, case, at_external, outsider
):
    consultation = ask(okt, case, outsider, ends_at=timezone.now() + timedelta(days=1))
    with pytest.raises(AccessDenied):
        services.finding_write(actor=okt.user, consultation_uuid=consultation.uuid, text_value="x")
    refused = AuditEntry.objects.filter(outcome=Outcome.DENIED, object_type="werkproces.Finding")
    assert refused.count() == 1 and refused.get().action == "create"
    services.finding_write(
        actor=outsider.user,
        consultation_uuid=consultation.uuid,
        text_value="Angst past bij de leeftijd",
    )
    # Within the grace after the period the meedenker may still finish.
    Consultation.objects.filter(pk=consultation.pk).update(
        ends_at=timezone.now() - timedelta(days=1),
        starts_at=timezone.now() - timedelta(days=10),
        access_until=timezone.now() - timedelta(days=1) + rules.GRACE,
    )
    services.finding_write(
        actor=outsider.user, consultation_uuid=consultation.uuid, text_value="Nog één punt"
    )
    # After the grace: no findings, no look, and both refusals are logged.
    Consultation.objects.filter(pk=consultation.pk).update(access_until=timezone.now())
    with pytest.raises(AccessDenied):
        services.finding_write(
            actor=outsider.user, consultation_uuid=consultation.uuid, text_value="Te laat"
        )
    with pytest.raises(AccessDenied):
        selectors.consultation_view(actor=outsider.user, consultation_uuid=consultation.uuid)
    denied = AuditEntry.objects.filter(outcome=Outcome.DENIED, reason="consultatie afgelopen")
    assert sorted(denied.values_list("action", flat=True)) == ["create", "read"]
    assert consultation.findings.count() == 2
    assert selectors.consultations_for_meedenker(actor=outsider.user) == []


def test_a_stranger_cannot_see_a_consultation(okt, case, at_external, outsider):
    consultation = ask(okt, case, outsider)
    stranger = factories.make_professional("meedenker")
    with pytest.raises(AccessDenied):
        selectors.consultation_view(actor=stranger.user, consultation_uuid=consultation.uuid)


def test_the_joint_evaluation_follows_the_findings_once(okt, case, at_external, outsider):
    consultation = ask(okt, case, outsider)
    evaluate = dict(
        actor=okt.user,
        consultation_uuid=consultation.uuid,
        what_it_yielded="Duidelijk beeld van de angst",
        can_continue_with_existing=False,
        additional_care_clear=True,
        additional_care_which="Jeugd-ggz, ambulant",
    )
    with pytest.raises(Conflict, match="bevindingen"):
        services.consultation_evaluate(**evaluate)
    services.finding_write(
        actor=outsider.user, consultation_uuid=consultation.uuid, text_value="Advies: jeugd-ggz"
    )
    with pytest.raises(AccessDenied):
        services.consultation_evaluate(**{**evaluate, "actor": outsider.user})
    with pytest.raises(ValidationFailed):
        services.consultation_evaluate(**{**evaluate, "additional_care_which": ""})
    evaluation = services.consultation_evaluate(**evaluate)
    assert evaluation.additional_care_clear and not evaluation.can_continue_with_existing
    with pytest.raises(Conflict):
        services.consultation_evaluate(**evaluate)


def test_an_ajh_consultation_needs_an_ajh_verbinder(okt, case, at_external, move, outsider):
    move(rules.CONTINUE)
    with pytest.raises(ValidationFailed):
        ask(okt, case, outsider, scope="ajh_verbinder")
    verbinder = factories.make_professional("ajh_verbinder")
    assert ask(okt, case, verbinder, scope="ajh_verbinder").scope == "ajh_verbinder"


def test_the_meedenkers_list_shows_only_their_running_consultations(
    okt, case, at_external, outsider, colleague
):
    mine = ask(okt, case, outsider)
    rows = selectors.consultations_for_meedenker(actor=outsider.user)
    assert rows == [mine]
    assert rows[0].family_id == case.family_id  # the family its look is logged for
    assert selectors.consultations_for_meedenker(actor=colleague.user) == []
    # The API's rows, built without DRF's fields, are what the schema's serializer gives.
    with timezone.override("Europe/Amsterdam"):
        assert serializers.consultation_list_item(rows[0]) == dict(
            serializers.ConsultationListItemSerializer(rows[0]).data
        )


def test_proposals_the_same_team_first_then_the_stadsdeel(
    okt, okt_org, team, stadsdeel, expertise, colleague, outsider
):
    gebied = factories.make_district("Proef-Buurt", kind="gebied", parent=stadsdeel)
    jgz = factories.make_professional("jgz", organisation=factories.make_organisation("Proef-JGZ"))
    jgz.areas.add(gebied)
    jgz.expertise.add(expertise)
    other_team = Team.objects.create(organisation=okt_org, name="Team B", district=stadsdeel)
    same_org = factories.make_professional("okt", organisation=okt_org)
    same_org.team = other_team
    same_org.save()
    same_org.expertise.add(expertise)
    unrelated = factories.make_professional("okt", organisation=okt_org)
    unrelated.expertise.add(ExpertiseTag.objects.create(name="Schulden"))
    proposals = selectors.meedenker_proposals(actor=okt.user, expertise=expertise)
    assert proposals[0] == colleague
    assert set(proposals[1:]) == {jgz, same_org}
    assert okt not in proposals and outsider not in proposals and unrelated not in proposals
    wide = selectors.meedenker_proposals(actor=okt.user, expertise=expertise, internal_only=False)
    assert wide[-1] == outsider and len(wide) == 4
    # A JGZ colleague in the stadsdeel counts as internal for the consultation too.
    from ketenzorg.werkproces.selectors import is_internal

    assert is_internal(okt, jgz) and not is_internal(okt, outsider)


def test_the_ask_and_the_joint_evaluation_are_lines_in_the_case_history(
    okt, case, at_external, outsider
):
    consultation = ask(okt, case, outsider)
    services.finding_write(
        actor=outsider.user, consultation_uuid=consultation.uuid, text_value="Advies: jeugd-ggz"
    )
    services.consultation_evaluate(
        actor=okt.user,
        consultation_uuid=consultation.uuid,
        what_it_yielded="Duidelijk beeld van de angst",
        can_continue_with_existing=False,
        additional_care_clear=True,
        additional_care_which="Jeugd-ggz, ambulant",
    )
    lines = [
        e.summary
        for e in case.events.filter(
            kind=EventKind.WERKPROCES, summary__startswith="Consultatie"
        ).order_by("occurred_at", "id")
    ]
    assert lines == [
        f"Consultatie gevraagd (meedenken, anoniem) aan {outsider.full_name}",
        f"Consultatie met {outsider.full_name} gezamenlijk geëvalueerd: "
        "aanvullende jeugdhulp nodig: Jeugd-ggz, ambulant",
    ]


def test_a_colleague_asked_sees_my_consultations_in_the_menu_while_it_runs(
    client, okt, case, werkproces, move, okt_org, team, django_assert_num_queries
):
    """Someone without a meedenker role gets "Mijn consultaties" once asked, until the access
    ends. The menu asks the database that, and the signal function's membership, in one query."""
    from django.urls import reverse

    asked = factories.make_professional("jgz", organisation=okt_org)
    asked.team = team
    asked.save()
    factories.verified_login(client, asked.user)

    def menu():
        return dict(client.get(reverse("glossary:index")).context["nav_items"])

    assert "werkproces:my_consultations" not in menu()
    move(rules.CONTINUE)
    consultation = ask(okt, case, asked, scope="intern")
    assert "werkproces:my_consultations" in menu()
    assert "signaal:overview" not in menu()
    Consultation.objects.filter(pk=consultation.pk).update(
        access_until=timezone.now() - timedelta(minutes=1)
    )
    assert "werkproces:my_consultations" not in menu()

    from ketenzorg.site.navigation import _answered

    flags = {
        "consultations": my_consultations_flag(asked),
        "signal": signal_function_flag(asked),
    }
    with django_assert_num_queries(1):
        assert _answered(asked, flags) == {"consultations": False, "signal": False}


def test_the_werkproces_page_counts_each_consultations_findings(
    client, okt, case, at_external, outsider
):
    """The page shows how many findings each consultation has, read with the consultations
    themselves: one more finding costs no query."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    first = ask(okt, case, outsider)
    ask(okt, case, outsider)
    for text in ("Angst past bij de leeftijd", "Nog één punt"):
        services.finding_write(actor=outsider.user, consultation_uuid=first.uuid, text_value=text)
    factories.verified_login(client, okt.user)
    page = reverse("werkproces:case", args=[case.uuid])

    def counts():
        with CaptureQueriesContext(connection) as captured:
            html = client.get(page).content.decode()
        rows = re.findall(
            r"<tr>\s*<td><a href=\"/werkproces/consultaties/[^\"]+\">.*?</tr>", html, re.S
        )
        return [re.findall(r"<td>(\d+)</td>", row)[-1] for row in rows], len(captured)

    found, queries = counts()
    assert sorted(found) == ["0", "2"]
    # The session with its user and device; the case, the need to know, the family's members; the
    # look's entry; the werkproces and its four blocks (transitions, evaluations, consultations
    # with their count of findings, GKP items); the menu's question.
    assert queries == LOGIN_WALL + 9 + LOG_ENTRY
    services.finding_write(actor=outsider.user, consultation_uuid=first.uuid, text_value="Meer")
    found, more = counts()
    assert sorted(found) == ["0", "3"] and more == queries


def test_the_werkproces_is_read_with_its_blocks(client, okt, case, monkeypatch):
    """The werkproces and its four blocks are read by the case, together: on PostgreSQL one
    round trip (`core.prepared.together`), not one for the werkproces and then one for the
    blocks that needed its id."""
    from django.urls import reverse

    from ketenzorg.core import prepared
    from ketenzorg.werkproces import selectors

    services.werkproces_start(actor=okt.user, case=case)
    calls = []
    run = prepared.together
    monkeypatch.setattr(selectors, "together", lambda *c: calls.append(c) or run(*c))
    factories.verified_login(client, okt.user)
    assert client.get(reverse("werkproces:case", args=[case.uuid])).status_code == 200
    (only,) = calls
    assert [query for query, *_ in only][0] is selectors.guards.WERKPROCES_OF_CASE
    assert len(only) == 5 and all(values == [case.pk] for _, *values in only)
