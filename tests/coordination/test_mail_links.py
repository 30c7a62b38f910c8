"""A mail's link is absolute: a mail client has no page to resolve `/casussen/...` against."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from ketenzorg.coordination import services, tasks
from ketenzorg.core.workdays import add_working_days
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.KETENZORG_SITE_URL = "https://cjg.demostad.example/"
    return "https://cjg.demostad.example"


def test_a_mail_after_an_action_links_to_the_case_absolutely(
    site, case, okt, family, django_capture_on_commit_callbacks
):
    kim = family.members.get(given_name="Kim")
    services.involvement_register(
        actor=okt.user, case=case, professional=factories.make_professional("jgz"), person=kim
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.involvement_register(
            actor=okt.user,
            case=case,
            professional=factories.make_professional("meedenker"),
            person=kim,
        )
    assert mail.outbox
    for message in mail.outbox:
        assert f"{site}/casussen/{case.uuid}/" in message.body


def test_a_reminder_links_to_the_case_absolutely(site, case, okt):
    today = timezone.localdate()
    services.agreement_add(
        actor=okt.user,
        case=case,
        what="Huisbezoek",
        due_on=add_working_days(today, 1),
        responsible_professional=okt,
    )
    mail.outbox.clear()
    assert tasks.reminder_pass(today) == 1
    assert f"{site}/casussen/{case.uuid}/" in mail.outbox[0].body


def test_the_site_url_defaults_to_the_local_server():
    from ketenzorg import settings as product_settings

    assert product_settings.KETENZORG_SITE_URL.startswith("http://127.0.0.1:")
