"""A provider changes what parents read about its programme; a beheerder approves it in the
queue, seeing the difference; the public page then shows the new text."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from ketenzorg.aanbod import services
from ketenzorg.aanbod.models import AccessRoute, Audience, ProgrammeStatus
from tests import factories
from tests.e2e.axe import assert_accessible


def test_provider_proposes_beheerder_approves_parents_see_it(page, live_server, login_as):
    beheerder = factories.make_professional("beheerder")
    organisation = factories.make_organisation("Stichting Proefhulp")
    aanbieder = factories.make_professional("aanbieder", organisation=organisation)
    programme = services.programme_save(
        actor=beheerder.user,
        data=services.ProgrammeInput(
            provider=organisation, name="Slaapcursus Proef", description="Twee avonden.",
            audience=Audience.PARENTS, min_age=0, max_age=4, access_route=AccessRoute.OPEN,
            status=ProgrammeStatus.PUBLISHED, waiting_weeks=3,
            waiting_confirmed_on=date(2024, 1, 1),
        ),
    )  # fmt: skip

    login_as(aanbieder.user)
    page.goto(f"{live_server.url}/werkplek/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Aanbod beheren"
    ).click()
    page.get_by_role("link", name="Slaapcursus Proef").click()
    expect(page.get_by_text("verouderd")).to_be_visible()
    page.get_by_role("button", name="Nog steeds juist").click()
    expect(page.get_by_text("nog steeds juist op vandaag")).to_be_visible()
    page.get_by_role("link", name="Wijzigen").click()
    page.get_by_label("Wat het is").fill("Drie avonden, ook in het Engels.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("pas als een functioneel beheerder")).to_be_visible()
    # Until approved, parents still read the old text.
    page.goto(f"{live_server.url}/publiek/aanbod/{programme.uuid}/")
    expect(page.get_by_text("Twee avonden.")).to_be_visible()

    login_as(beheerder.user)
    page.goto(f"{live_server.url}/beheer/aanbod/goedkeuren/")
    page.get_by_role("link", name="Slaapcursus Proef").click()
    diff = page.get_by_role("table")
    expect(diff).to_contain_text("Twee avonden.")
    expect(diff).to_contain_text("Drie avonden, ook in het Engels.")
    assert_accessible(page, "voorstel met verschil")
    page.get_by_role("button", name="Goedkeuren en publiceren").click()
    expect(page.get_by_text("Er wacht niets op goedkeuring.")).to_be_visible()

    page.goto(f"{live_server.url}/beheer/aanbod/{programme.uuid}/")
    expect(page.get_by_text(re.compile(f"goedgekeurd door {beheerder.full_name}"))).to_be_visible()

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/publiek/aanbod/{programme.uuid}/")
    expect(page.get_by_text("Drie avonden, ook in het Engels.")).to_be_visible()
