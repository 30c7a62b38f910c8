"""Browser journey: an adviser hands a parent a programme from a contact moment and mails it.

`live_server` runs in this process, so the mail lands in Django's locmem outbox.
"""

from __future__ import annotations

import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from ketenzorg.frontdoor.models import ContactMoment, HandedProgramme
from ketenzorg.network.models import Role
from tests import factories
from tests.aanbod.builders import sleeping_catalogue
from tests.e2e.axe import assert_accessible

PARENT = "proefouder@voorbeeld.invalid"


def test_adviser_hands_a_parent_a_programme_and_mails_it(page, login_as, live_server, settings):
    mail.outbox = []
    settings.KETENZORG_SITE_URL = live_server.url
    catalogue = sleeping_catalogue()
    adviser = factories.make_professional(Role.OPVOEDADVISEUR)
    moment = ContactMoment.objects.create(
        channel="telefoon", adviser=adviser, occurred_at=timezone.now(), visitor_name="Proefouder"
    )
    moment.topics.set([catalogue["topic"]])
    login_as(adviser.user)

    page.goto(f"/advies/contactmomenten/{moment.uuid}/")
    page.get_by_role("link", name="Aanbod meegeven (afdrukken of mailen)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanbod meegeven")
    page.get_by_label("Zoekwoorden").fill("slapen")
    page.get_by_label("Zoekwoorden").press("Enter")  # the first button of the form: Zoeken
    expect(page.get_by_role("status")).to_contain_text("gevonden")
    page.get_by_role("radio", name=re.compile(r"^Slaapspreekuur Noord")).check()
    page.get_by_role("radio", name="Mailen naar de ouder").check()
    page.get_by_label("E-mailadres van de ouder").fill(PARENT)
    assert_accessible(page, "programma meegeven")
    page.get_by_role("button", name="Meegeven").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Contactmoment")
    expect(page.get_by_text("wordt naar de ouder gemaild")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Slaapspreekuur Noord")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [PARENT] and "Slaapspreekuur Noord" in message.subject
    link = f"{live_server.url}/publiek/aanbod/{catalogue['programme'].uuid}/"
    assert link in message.body and "Proefouder" not in message.body
    handed = HandedProgramme.objects.get()
    assert handed.way == "mail" and handed.mailed_at is not None

    # The link in the mail opens the public page, without a login.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Slaapspreekuur Noord")


def test_the_print_page_runs_under_the_policy_without_navigation(page, login_as):
    from tests.e2e.test_csp import _violations

    catalogue = sleeping_catalogue()
    login_as(factories.make_professional(Role.OPVOEDADVISEUR).user)
    path = f"/advies/aanbod/{catalogue['programme'].uuid}/afdrukken/"
    assert _violations(page, path, "main h1") == []
    expect(page.get_by_role("navigation")).to_have_count(0)
    expect(page.get_by_role("button", name="Afdrukken")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Afdrukken")).to_be_hidden()
