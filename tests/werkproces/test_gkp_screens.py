"""The GKP-overleg screens: the AJH-verbinder's list, planning, the agenda (anonymous items show
no family, identified ones the name while the consent covers), the outcome form, and putting a
question on the agenda from the werkproces page, where the outcome comes back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.consent import services as consent_services
from ketenzorg.werkproces.models import GkpItem, GkpItemStatus, GkpMeeting
from tests import factories
from tests.werkproces.gkp_world import *  # noqa: F403 (its fixtures)
from tests.werkproces.gkp_world import add_item, give_gkp_consent, held


def login(client, professional):
    return factories.verified_login(client, professional.user)


def test_the_verbinder_has_the_menu_item_and_sees_the_upcoming_meetings(
    client, verbinder, meetings
):
    login(client, verbinder)
    page = client.get(reverse("werkproces:gkp_meetings"))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("werkproces:gkp_meetings") in html  # the menu
    for meeting in meetings:
        assert reverse("werkproces:gkp_meeting", args=[meeting.uuid]) in html


def test_the_okt_professional_has_no_gkp_list(client, okt):
    login(client, okt)
    assert client.get(reverse("werkproces:gkp_meetings")).status_code == 403
    assert AuditEntry.objects.filter(user_id_snapshot=okt.user.pk, outcome=Outcome.DENIED).exists()


def test_planning_a_series_on_the_screen(client, verbinder, stadsdeel):
    login(client, verbinder)
    assert client.get(reverse("werkproces:gkp_plan")).status_code == 200
    first = timezone.localdate() + timedelta(days=7)
    response = client.post(
        reverse("werkproces:gkp_plan"),
        {
            "stadsdeel": stadsdeel.uuid,
            "first": first.isoformat(),
            "at": "13:00",
            "every_weeks": "2",
            "count": "4",
            "location": "Stadsdeelkantoor",
        },
    )
    assert response.status_code == 302
    assert GkpMeeting.objects.filter(stadsdeel=stadsdeel).count() == 4


def test_a_bad_plan_is_a_400_with_the_error_summary(client, verbinder, stadsdeel):
    login(client, verbinder)
    response = client.post(
        reverse("werkproces:gkp_plan"),
        {"stadsdeel": stadsdeel.uuid, "every_weeks": "2", "count": "40", "location": ""},
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not GkpMeeting.objects.exists()


def test_putting_the_question_on_the_agenda_from_the_werkproces_page(
    client, okt, case, at_ajh, meeting
):
    login(client, okt)
    page = client.get(reverse("werkproces:case", args=[case.uuid])).content.decode()
    add_url = reverse("werkproces:gkp_item_add", args=[case.uuid])
    assert add_url in page
    form = client.get(add_url)
    assert form.status_code == 200 and str(meeting.uuid) in form.content.decode()
    empty = client.post(add_url, {"identified": "anoniem"})
    assert empty.status_code == 400 and "error-summary" in empty.content.decode()
    response = client.post(
        add_url,
        {
            "meeting": meeting.uuid,
            "question": "Welke hulp past bij de somberheid?",
            "summary": "Kind van tien, somber sinds een half jaar.",
            "identified": "anoniem",
        },
    )
    assert response.status_code == 302
    item = GkpItem.objects.get()
    assert item.meeting == meeting and item.status == GkpItemStatus.ON_AGENDA


def test_on_name_without_consent_is_a_dutch_400(client, okt, case, at_ajh, meeting):
    login(client, okt)
    response = client.post(
        reverse("werkproces:gkp_item_add", args=[case.uuid]),
        {
            "meeting": meeting.uuid,
            "question": "Vraag",
            "summary": "Samenvatting",
            "identified": "op_naam",
            "shared_parts": ["personalia"],
        },
    )
    assert response.status_code == 400
    assert "toestemming van het gezin voor het GKP-overleg" in response.content.decode()
    assert not GkpItem.objects.exists()


def test_a_family_without_a_district_chooses_the_stadsdeel(
    client, okt, case, werkproces, move, family, meeting, stadsdeel
):
    from ketenzorg.werkproces import rules

    move(rules.CONTINUE)
    move(rules.CONTINUE, team_decision="Het team besloot samen: expertise van buiten")
    move(rules.CONTINUE)
    login(client, okt)
    url = reverse("werkproces:gkp_item_add", args=[case.uuid])
    first = client.get(url).content.decode()
    assert 'name="stadsdeel"' in first and str(meeting.uuid) not in first
    chosen = client.get(url, {"stadsdeel": stadsdeel.uuid})
    assert chosen.status_code == 200 and str(meeting.uuid) in chosen.content.decode()
    assert client.get(url, {"stadsdeel": "onzin"}).status_code == 400


def test_the_agenda_shows_the_family_only_on_name_and_while_the_consent_covers(
    client, okt, case, at_ajh, meeting, verbinder, family_in_gebied
):
    add_item(okt, case, meeting)
    consent = give_gkp_consent(okt, family_in_gebied)
    add_item(okt, case, meeting, identified=True, parts=["personalia"])
    login(client, verbinder)
    url = reverse("werkproces:gkp_meeting", args=[meeting.uuid])
    html = client.get(url).content.decode()
    assert html.count(family_in_gebied.name) == 1
    assert "anoniem" in html
    consent_services.consent_withdraw(
        actor=okt.user,
        consent_uuid=consent.uuid,
        withdrawn_by=family_in_gebied.members.get(given_name="Sam"),
        note="Niet meer op naam",
    )
    html = client.get(url).content.decode()
    assert family_in_gebied.name not in html
    assert "dekt het delen niet meer" in html


def test_another_stadsdeels_verbinder_is_refused_the_agenda_and_the_item(
    client, okt, case, at_ajh, meeting, other_verbinder
):
    item = add_item(okt, case, meeting)
    login(client, other_verbinder)
    assert client.get(reverse("werkproces:gkp_meeting", args=[meeting.uuid])).status_code == 403
    assert client.get(reverse("werkproces:gkp_item", args=[item.uuid])).status_code == 403
    assert client.post(reverse("werkproces:gkp_outcome", args=[item.uuid]), {}).status_code == 403
    assert (
        AuditEntry.objects.filter(
            user_id_snapshot=other_verbinder.user.pk, outcome=Outcome.DENIED
        ).count()
        == 3
    )


def test_the_outcome_is_recorded_and_goes_back_to_the_case(
    client, okt, case, at_ajh, meeting, verbinder
):
    item = add_item(okt, case, meeting)
    login(client, verbinder)
    before = client.get(reverse("werkproces:gkp_item", args=[item.uuid])).content.decode()
    assert "nog niet geweest" in before and 'name="advice"' not in before
    held(meeting)
    page = client.get(reverse("werkproces:gkp_item", args=[item.uuid])).content.decode()
    assert 'name="advice"' in page
    url = reverse("werkproces:gkp_outcome", args=[item.uuid])
    assert client.post(url, {"advice": ""}).status_code == 400
    response = client.post(
        url,
        {
            "advice": "Ambulante jeugd-GGZ; de AJH-verbinder zoekt een aanbieder met plek.",
            "ajh_kind": "jeugd_ggz",
            "follow_up_by": verbinder.uuid,
        },
    )
    assert response.status_code == 302
    login(client, okt)
    werkproces_page = client.get(reverse("werkproces:case", args=[case.uuid])).content.decode()
    assert "Ambulante jeugd-GGZ; de AJH-verbinder zoekt" in werkproces_page
    assert verbinder.full_name in werkproces_page


def test_the_outcome_is_corrected_with_a_reason_on_the_screen(
    client, okt, case, at_ajh, meeting, verbinder
):
    item = add_item(okt, case, meeting)
    held(meeting)
    login(client, verbinder)
    client.post(
        reverse("werkproces:gkp_outcome", args=[item.uuid]),
        {"advice": "Eerste advies", "ajh_kind": "ambulant", "follow_up_by": okt.uuid},
    )
    url = reverse("werkproces:gkp_outcome_correct", args=[item.uuid])
    fields = {"correctie-advice": "Tweede advies", "correctie-ajh_kind": "lvb"}
    fields["correctie-follow_up_by"] = okt.uuid
    assert client.post(url, fields).status_code == 400  # no reason
    fields["correctie-reason"] = "Het verslag noemde de verkeerde hulp."
    assert client.post(url, fields).status_code == 302
    html = client.get(reverse("werkproces:gkp_item", args=[item.uuid])).content.decode()
    assert "Eerste advies" in html and "Tweede advies" in html and "gecorrigeerd" in html


def test_the_asker_withdraws_before_the_meeting(client, okt, case, at_ajh, meeting):
    item = add_item(okt, case, meeting)
    login(client, okt)
    page = client.get(reverse("werkproces:gkp_item", args=[item.uuid]))
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    url = reverse("werkproces:gkp_item_withdraw", args=[item.uuid])
    assert client.post(url, {"reason": "kort"}).status_code == 400
    assert client.post(url, {"reason": "Het gezin koos zelf een aanbieder."}).status_code == 302
    item.refresh_from_db()
    assert item.status == GkpItemStatus.WITHDRAWN


@pytest.mark.parametrize("name", ["gkp_item", "gkp_item_withdraw"])
def test_an_okt_professional_not_involved_is_refused(client, okt, case, at_ajh, meeting, name):
    item = add_item(okt, case, meeting)
    stranger = factories.make_professional("okt")
    login(client, stranger)
    url = reverse(f"werkproces:{name}", args=[item.uuid])
    response = client.get(url) if name == "gkp_item" else client.post(url, {"reason": "x" * 20})
    assert response.status_code == 403
    assert client.get(reverse("werkproces:gkp_item_add", args=[case.uuid])).status_code == 403
