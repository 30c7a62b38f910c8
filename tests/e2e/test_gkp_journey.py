"""The GKP-overleg in a real browser: the OKT professional puts the question on the agenda from
the werkproces page, the AJH-verbinder finds it under "GKP-overleg" and records the outcome
after the meeting, and the outcome is on the family's werkproces page. Axe checks the pages."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from ketenzorg.coordination import services as case_services
from ketenzorg.network.models import DistrictKind, OrganisationKind, Team
from ketenzorg.werkproces import rules
from ketenzorg.werkproces import services as werkproces
from ketenzorg.werkproces.models import GkpItem, GkpMeeting
from ketenzorg.werkproces.services import gkp
from tests import factories
from tests.e2e.axe import assert_accessible


def test_agenderen_the_outcome_and_back_on_the_case(page, login_as):
    stadsdeel = factories.make_district("Proef-Zuid")
    gebied = factories.make_district("Proef-Zuid-Oost", kind=DistrictKind.GEBIED, parent=stadsdeel)
    okt_org = factories.make_organisation("OKT Proef-Zuid")
    team = Team.objects.create(organisation=okt_org, name="Team Zuid", district=stadsdeel)
    okt = factories.make_professional("okt", organisation=okt_org)
    okt.team = team
    okt.save()
    gkp_org = factories.make_organisation(
        "Gebiedsknooppunt Proef-Zuid", kind=OrganisationKind.GEBIEDSKNOOPPUNT
    )
    gkp_org.district = stadsdeel
    gkp_org.save()
    verbinder = factories.make_professional("ajh_verbinder", organisation=gkp_org)
    family = factories.register_family(okt, name="Gezin Overlegproef")
    family.district = gebied
    family.save()
    case = case_services.case_open(actor=okt.user, family=family, reason="Somberheid")
    werkproces.werkproces_start(actor=okt.user, case=case)
    for decision in ({}, {"team_decision": "Samen besloten: expertise van buiten"}, {}):
        werkproces.step_evaluate(
            actor=okt.user, case=case, yielded_enough=False, summary="Niet genoeg"
        )
        werkproces.step_take(actor=okt.user, case=case, transition=rules.CONTINUE, **decision)
    meeting = gkp.gkp_meetings_plan(
        actor=verbinder.user,
        stadsdeel=stadsdeel,
        first=timezone.localdate() + timedelta(days=2),
        at=time(13),
        every_weeks=2,
        count=3,
        location="Buurtkantoor Zuid",
    )[0]

    # The OKT professional puts the question on the agenda, anonymously.
    login_as(okt.user)
    page.goto(f"/werkproces/casus/{case.uuid}/")
    page.get_by_role("link", name="Agenderen voor het GKP-overleg").click()
    assert_accessible(page, "agenderen")
    page.get_by_label("Buurtkantoor Zuid", exact=False).first.check()
    page.get_by_label("De vraag aan het overleg").fill("Welke jeugdhulp past bij de somberheid?")
    page.get_by_role("button", name="Agenderen", exact=True).click()
    # The summary was left empty: the service's Dutch message, nothing written.
    expect(page.locator(".error-summary")).to_be_visible()
    assert not GkpItem.objects.exists()
    page.get_by_label("Samenvatting zonder herkenbare gegevens").fill(
        "Kind van tien, somber sinds een half jaar"
    )
    page.get_by_role("button", name="Agenderen", exact=True).click()
    expect(page.get_by_text("De vraag staat op de agenda van het GKP-overleg.")).to_be_visible()
    item = GkpItem.objects.get()
    assert item.meeting == meeting and not item.identified
    page.context.clear_cookies()

    # The meeting is held; the AJH-verbinder finds the item and records the outcome.
    GkpMeeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    login_as(verbinder.user)
    page.goto("/")
    page.get_by_role("link", name="GKP-overleg").click()
    assert_accessible(page, "GKP-overleg")
    # Under "Recente overleggen" now: the meeting just held.
    page.locator(f'a[href$="{meeting.uuid}/"]').click()
    expect(page.get_by_text("Gezin Overlegproef")).to_have_count(0)  # anonymous
    assert_accessible(page, "agenda")
    page.get_by_role("link", name="Agendapunt 1").click()
    page.get_by_label("Advies van het overleg").fill(
        "Ambulante jeugd-GGZ; de AJH-verbinder zoekt een aanbieder met plek."
    )
    page.get_by_label("jeugd-GGZ").check()
    page.get_by_label(verbinder.full_name, exact=False).check()
    page.get_by_role("button", name="Uitkomst vastleggen").click()
    expect(page.get_by_text("De uitkomst van het overleg is vastgelegd.")).to_be_visible()
    page.context.clear_cookies()

    # The outcome is on the family's werkproces page.
    login_as(okt.user)
    page.goto(f"/werkproces/casus/{case.uuid}/")
    section = page.locator("section", has=page.get_by_role("heading", name="GKP-overleg"))
    expect(section.get_by_text("Ambulante jeugd-GGZ; de AJH-verbinder zoekt")).to_be_visible()
    expect(section.get_by_text(verbinder.full_name, exact=False)).to_be_visible()
    assert_accessible(page, "werkproces met uitkomst")
