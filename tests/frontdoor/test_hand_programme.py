"""Handing a parent a programme from a contact moment: printed or mailed, recorded on the moment,
the address kept nowhere."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.utils import timezone

from ketenzorg.aanbod import services as aanbod_services
from ketenzorg.aanbod.models import AccessRoute, Audience, ProgrammeStatus
from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.core.errors import AccessDenied, ValidationFailed
from ketenzorg.frontdoor import services
from ketenzorg.frontdoor.models import Channel, ContactMoment, HandedProgramme
from ketenzorg.network.models import Role
from tests import factories
from tests.frontdoor.conftest import make_phone_line

pytestmark = pytest.mark.django_db
PARENT = "ouder.proef@voorbeeld.invalid"


def _programme(name="Samen Slapen", status=ProgrammeStatus.PUBLISHED, **extra):
    beheerder = factories.make_professional(Role.BEHEERDER)
    return aanbod_services.programme_save(
        actor=beheerder.user,
        data=aanbod_services.ProgrammeInput(
            provider=factories.make_organisation(extra.pop("provider", "Welzijn Proef")), name=name,
            description=extra.pop("description", "Hulp bij slaapproblemen van peuters."),
            audience=Audience.PARENTS, min_age=0, max_age=4, access_route=AccessRoute.OPEN,
            status=status, location="Buurthuis De Proef", costs="gratis",
            internal_notes="Alleen voor professionals: bel eerst", waiting_weeks=4,
            waiting_confirmed_on=timezone.localdate(), **extra,
        ),
    )  # fmt: skip


@pytest.fixture
def moment(adviser, topic):
    moment = ContactMoment.objects.create(
        channel=Channel.PHONE, adviser=adviser, occurred_at=timezone.now(),
        visitor_name="Proefouder Jansen", advice="Slaapritueel besproken",
    )  # fmt: skip
    moment.topics.set([topic])
    return moment


# --- the service -------------------------------------------------------------------------------


def test_mail_sends_public_facts_and_link_and_keeps_no_address(
    adviser, moment, settings, django_capture_on_commit_callbacks
):
    settings.KETENZORG_SITE_URL = "https://cjg.proef.invalid"
    make_phone_line()
    programme = _programme()
    with django_capture_on_commit_callbacks(execute=True):
        handed = services.programme_hand(
            actor=adviser.user, moment=moment, programme_uuid=programme.uuid, way="mail", email=PARENT
        )  # fmt: skip
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [PARENT] and "Samen Slapen" in message.subject
    assert f"https://cjg.proef.invalid/publiek/aanbod/{programme.uuid}/" in message.body
    assert "Welzijn Proef" in message.body and "Buurthuis De Proef" in message.body
    assert "(0999) 123 45 67" in message.body
    # Only public information: not the parent, not the advice, not the adviser, no internals.
    for private in ("Jansen", "Slaapritueel", adviser.last_name, "bel eerst", "wachttijd"):
        assert private not in message.body and private not in message.subject
    handed.refresh_from_db()
    assert handed.mailed_at is not None and not handed.mail_failed
    # The address is kept nowhere: not on the row, not in the access log.
    row = HandedProgramme.objects.filter(pk=handed.pk).values().get()
    assert PARENT not in str(row)
    entries = AuditEntry.objects.filter(object_type="frontdoor.HandedProgramme")
    assert entries.count() == 1 and PARENT not in str(list(entries.values()))


def test_print_records_without_mail(adviser, moment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        handed = services.programme_hand(
            actor=adviser.user, moment=moment, programme_uuid=_programme().uuid, way="afdruk"
        )
    assert handed.way == "afdruk" and mail.outbox == []


def test_failing_mail_is_recorded_and_the_log_has_no_address(
    adviser, moment, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "tests.frontdoor.failing_mail.Backend"
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        handed = services.programme_hand(
            actor=adviser.user, moment=moment, programme_uuid=_programme().uuid, way="mail", email=PARENT
        )  # fmt: skip
    handed.refresh_from_db()
    assert handed.mail_failed and handed.mailed_at is None
    assert caplog.records and PARENT not in caplog.text


@pytest.mark.parametrize(
    "way,email,field",
    [("mail", "", "email"), ("mail", "geen-adres", "email"), ("fax", "", "way")],
)
def test_bad_input_names_the_field(adviser, moment, way, email, field):
    with pytest.raises(ValidationFailed) as exc:
        services.programme_hand(
            actor=adviser.user, moment=moment, programme_uuid=_programme().uuid, way=way, email=email
        )  # fmt: skip
    assert field in exc.value.field_errors and not HandedProgramme.objects.exists()


def test_only_a_published_programme(adviser, moment):
    draft = _programme(status=ProgrammeStatus.DRAFT)
    with pytest.raises(ValidationFailed) as exc:
        services.programme_hand(
            actor=adviser.user, moment=moment, programme_uuid=draft.uuid, way="afdruk"
        )
    assert "programme" in exc.value.field_errors


def test_not_an_adviser_is_refused_and_logged(moment):
    okt = factories.make_professional("okt")
    with pytest.raises(AccessDenied):
        services.programme_hand(actor=okt.user, moment=moment, programme_uuid="x", way="afdruk")
    assert AuditEntry.objects.filter(
        object_type="frontdoor.HandedProgramme", outcome=Outcome.DENIED
    ).exists()


# --- the screens -------------------------------------------------------------------------------


def test_search_choose_and_mail_from_the_contact_moment(
    adviser_client, moment, django_capture_on_commit_callbacks
):
    programme = _programme()
    _programme("Huiswerkklas", provider="Buurtwerk Proef", description="Rustig huiswerk maken.")
    url = f"/advies/contactmomenten/{moment.uuid}/aanbod/"
    assert adviser_client.get(url).status_code == 200
    found = adviser_client.post(url, {"q": "slapen", "stap": "zoeken"})
    body = found.content.decode()
    assert found.status_code == 200 and "Samen Slapen" in body and "Huiswerkklas" not in body
    with django_capture_on_commit_callbacks(execute=True):
        sent = adviser_client.post(url, {"q": "slapen", "programme": str(programme.uuid),
                                         "way": "mail", "email": PARENT, "stap": "meegeven"})  # fmt: skip
    assert sent.status_code == 302 and sent["Location"] == f"/advies/contactmomenten/{moment.uuid}/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [PARENT]
    detail = adviser_client.get(sent["Location"]).content.decode()
    assert "Meegegeven aanbod" in detail and "Samen Slapen" in detail and "gemaild" in detail
    assert PARENT not in detail


def test_print_lands_on_a_page_without_navigation(adviser_client, moment):
    programme = _programme()
    url = f"/advies/contactmomenten/{moment.uuid}/aanbod/"
    printed = adviser_client.post(url, {"q": "", "programme": str(programme.uuid), "way": "afdruk",
                                        "stap": "meegeven"})  # fmt: skip
    assert printed.status_code == 302
    assert printed["Location"] == f"/advies/aanbod/{programme.uuid}/afdrukken/"
    page = adviser_client.get(printed["Location"]).content.decode()
    assert "Samen Slapen" in page and "print.css" in page
    assert "Hoofdmenu" not in page and "Uitloggen" not in page
    assert "bel eerst" not in page  # internal notes stay off paper
    assert HandedProgramme.objects.get().way == "afdruk"


def test_mail_without_address_is_400_and_nothing_recorded(adviser_client, moment):
    programme = _programme()
    response = adviser_client.post(
        f"/advies/contactmomenten/{moment.uuid}/aanbod/",
        {"q": "slapen", "programme": str(programme.uuid), "way": "mail", "stap": "meegeven"},
    )
    assert response.status_code == 400
    assert "Vul het e-mailadres van de ouder in" in response.content.decode()
    assert not HandedProgramme.objects.exists()


def test_print_page_of_an_unpublished_programme_is_404(adviser_client):
    draft = _programme(status=ProgrammeStatus.DRAFT)
    assert adviser_client.get(f"/advies/aanbod/{draft.uuid}/afdrukken/").status_code == 404


# --- the API -----------------------------------------------------------------------------------


def test_api_hand_and_list(adviser_client, moment, django_capture_on_commit_callbacks):
    programme = _programme()
    url = f"/api/v1/contactmomenten/{moment.uuid}/aanbod/"
    with django_capture_on_commit_callbacks(execute=True):
        created = adviser_client.post(
            url, {"programme": str(programme.uuid), "way": "mail", "email": PARENT},
            content_type="application/json",
        )  # fmt: skip
    assert created.status_code == 201, created.content
    assert (
        created.json()["programme_name"] == "Samen Slapen"
        and PARENT not in created.content.decode()
    )
    assert len(mail.outbox) == 1
    listed = adviser_client.get(url).json()
    assert [row["uuid"] for row in listed] == [created.json()["uuid"]]


def test_api_bad_input_is_problem(adviser_client, moment):
    url = f"/api/v1/contactmomenten/{moment.uuid}/aanbod/"
    bad = adviser_client.post(
        url, {"programme": "x", "way": "mail"}, content_type="application/json"
    )
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    no_address = adviser_client.post(
        url, {"programme": str(_programme().uuid), "way": "mail"}, content_type="application/json"
    )
    assert no_address.status_code == 400
    assert [p["name"] for p in no_address.json()["invalid_params"]] == ["email"]


def test_the_hand_page_in_english(adviser_client, moment, settings):
    adviser_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = adviser_client.get(f"/advies/contactmomenten/{moment.uuid}/aanbod/").content.decode()
    assert "Hand over a programme" in body and "Search the catalogue" in body
