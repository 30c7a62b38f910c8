"""Browser journeys of the front door (informatie en advies).

1. A parent asks a question online, an adviser answers it, the answer arrives by e-mail.
2. An adviser registers a walk-in contact moment by keyboard and arranges more help.

`live_server` runs in this process, so the answer e-mail lands in Django's locmem outbox.
"""

from __future__ import annotations

import importlib
import re
import time as clock
from datetime import time

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from ketenzorg.access import policy
from ketenzorg.families.models import Family
from ketenzorg.frontdoor.models import ContactMoment, Question, Topic
from ketenzorg.network.models import Role
from tests import factories
from tests.e2e.axe import assert_accessible
from tests.frontdoor.conftest import make_location, make_phone_line

# `live_server` empties every table after a test, the migration's topics too: put them back.
_TOPICS = importlib.import_module("ketenzorg.frontdoor.migrations.0002_default_topics").TOPICS


@pytest.fixture(autouse=True)
def topics(transactional_db):
    for order, (name, description) in enumerate(_TOPICS, start=1):
        Topic.objects.get_or_create(
            name=name, defaults={"description": description, "sort_order": order * 10}
        )


def test_parent_asks_online_adviser_answers_answer_arrives_by_email(page, login_as):
    mail.outbox = []
    make_phone_line()
    make_location("Inloop Proefhoeve")
    adviser = factories.make_professional(Role.OPVOEDADVISEUR)

    # The parent, on a phone-sized screen, from the public start page.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    assert_accessible(page, "startpagina")
    page.get_by_role("link", name="Vraag stellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stel uw vraag")
    page.get_by_label("ouder of verzorger").check()
    page.get_by_label("Onderwerp").select_option(label="Slapen")
    page.get_by_label("Uw vraag").fill(
        "Onze dochter van twee wil niet slapen en komt elke nacht bij ons in bed. Wat kunnen we doen?"
    )
    page.get_by_label("Leeftijd van het kind (in jaren)").fill("2")
    page.get_by_label("Uw e-mailadres (niet verplicht)").fill("proefouder@voorbeeld.invalid")
    # First forget the consent: the page says why and keeps what was typed.
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Uw vraag is nog niet verstuurd")
    expect(page.get_by_label("Uw vraag")).to_have_value(re.compile("dochter van twee"))
    assert_accessible(page, "vraagformulier met fout")
    page.get_by_label("Ik geef toestemming", exact=False).check()
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw vraag is verstuurd")
    reference = page.locator(".reference").inner_text()
    assert re.fullmatch(r"VR-[A-Z0-9]{4}-[A-Z0-9]{4}", reference)
    assert_accessible(page, "vraag verstuurd")

    # The adviser picks it up from the queue and answers.
    page.set_viewport_size({"width": 1280, "height": 900})
    login_as(adviser.user)
    page.goto("/advies/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Online vragen")
    assert_accessible(page, "wachtrij online vragen")
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Vraag {reference}")
    page.get_by_role("button", name="Oppakken").click()
    expect(page.get_by_role("status")).to_contain_text("U behandelt deze vraag nu.")
    assert_accessible(page, "vraag in behandeling")
    answer = "Een vast slaapritueel helpt: badje, boekje, bed. Breng haar rustig terug naar haar eigen bed."
    page.get_by_role("textbox", name=re.compile(r"^Antwoord")).fill(answer)
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_role("status")).to_contain_text("wordt per e-mail verstuurd")

    # The answer arrives by e-mail: the reference and the answer, nothing more.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["proefouder@voorbeeld.invalid"]
    assert reference in message.subject
    assert answer in message.body and "(0999) 123 45 67" in message.body
    assert "dochter van twee" not in message.body
    question = Question.objects.get(reference=reference)
    assert question.status == "beantwoord" and question.answer_emailed_at is not None


def test_adviser_registers_a_walk_in_contact_and_arranges_more_help(page, login_as):
    adviser = factories.make_professional(Role.OPVOEDADVISEUR)
    today = clock.localtime().tm_wday
    location = make_location(
        "Inloop Proefhoeve", slots=((today, time(0, 0), time(23, 59)),), adviser=adviser
    )
    login_as(adviser.user)

    started = clock.monotonic()
    page.goto("/advies/contactmomenten/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contactmoment registreren")
    assert_accessible(page, "contactmoment registreren")
    # Today's walk-in hour is preselected and walk-in is the default channel: no choice needed.
    expect(page.get_by_label("Inloopspreekuur", exact=True)).to_have_value(str(location.uuid))
    expect(page.get_by_label("inloopspreekuur", exact=True)).to_be_checked()
    # Keyboard only: Space ticks a topic, arrow keys move through the age groups.
    page.get_by_label("Slapen").focus()
    page.keyboard.press("Space")
    page.get_by_label("Grenzen stellen").focus()
    page.keyboard.press("Space")
    page.get_by_label("0 tot 4 jaar").focus()
    page.keyboard.press("ArrowDown")
    page.get_by_label("Gegeven advies").focus()
    page.keyboard.type("Vast ritme en duidelijke regels besproken; ouder wil hulp thuis.")
    page.get_by_label("Naam ouder of jongere (niet verplicht)").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Het contactmoment is opgeslagen.")
    assert clock.monotonic() - started < 60, "registreren duurt langer dan een minuut"

    moment = ContactMoment.objects.get()
    assert moment.location == location and moment.visitor_name == "" and moment.age_group == "4-12"
    assert {t.name for t in moment.topics.all()} == {"Slapen", "Grenzen stellen"}

    # Meer hulp regelen: the family is registered and the adviser becomes involved.
    page.get_by_role("link", name="Meer hulp regelen voor dit contact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meer hulp regelen")
    assert_accessible(page, "meer hulp regelen")
    page.get_by_label("Gezinsnaam").fill("Gezin Proefmans")
    page.get_by_label("Waarom is meer hulp nodig?").fill(
        "Ouders lopen vast met slapen en grenzen; vragen hulp thuis."
    )
    first = page.get_by_role("group", name="Gezinslid 1")
    first.get_by_label("Voornaam").fill("Kim")
    first.get_by_label("Achternaam").fill("Proefmans")
    first.get_by_label("Geboortedatum").fill("2019-05-01")
    first.get_by_label("Rol in het gezin").select_option("kind")
    page.get_by_role("button", name="Gezin registreren en meer hulp regelen").click()
    expect(page.get_by_role("status")).to_contain_text("Meer hulp geregeld")

    family = Family.objects.get(name="Gezin Proefmans")
    moment.refresh_from_db()
    assert moment.family == family and moment.outcome == "meer_hulp"
    assert policy.family_view_decision(adviser.user, family)
    expect(page).to_have_url(re.compile(rf"/(casussen/[0-9a-f-]+|gezinnen/{family.uuid})/$"))


@pytest.mark.parametrize(
    "path",
    [
        "/publiek/inloopspreekuren/",
        "/publiek/inloopspreekuren/?postcode=abc",
        "/publiek/inloopspreekuren/{location}/",
        "/publiek/telefoon/",
        "/publiek/jongeren/",
        "/publiek/aanbod/",
        "/publiek/privacy/",
    ],
)
def test_public_pages_meet_wcag(page, path):
    make_phone_line()
    location = make_location("Inloop Proefhoeve")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(path.format(location=location.uuid))
    assert_accessible(page, path)


@pytest.mark.parametrize(
    "role,path",
    [
        (Role.OPVOEDADVISEUR, "/advies/contactmomenten/?team=1"),
        (Role.OPVOEDADVISEUR, "/advies/contactmomenten/{moment}/"),
        (Role.OPVOEDADVISEUR, "/advies/rooster/"),
        (Role.BEHEERDER, "/advies/beheer/"),
        (Role.BEHEERDER, "/advies/beheer/locaties/{location}/"),
        (Role.BEHEERDER, "/advies/beheer/locaties/{location}/openingstijden/"),
        (Role.BEHEERDER, "/advies/beheer/locaties/{location}/uitzonderingen/"),
    ],
)
def test_adviser_and_beheer_pages_meet_wcag(page, login_as, role, path):
    adviser = factories.make_professional(Role.OPVOEDADVISEUR)
    location = make_location("Inloop Proefhoeve", adviser=adviser)
    moment = ContactMoment.objects.create(
        channel="inloop", location=location, adviser=adviser, occurred_at=timezone.now()
    )
    moment.topics.set(Topic.objects.all()[:2])
    login_as(
        adviser.user if role == Role.OPVOEDADVISEUR else factories.make_professional(role).user
    )
    page.goto(path.format(location=location.uuid, moment=moment.uuid))
    assert_accessible(page, path)
