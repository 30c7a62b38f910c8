"""Journeys through the real login (Argon2 password + TOTP) in a real browser."""

import re

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from ketenzorg.accounts.models import ApiKey
from ketenzorg.audit.models import Action, AuditEntry, Outcome
from tests import factories
from tests.e2e.conftest import current_code, secret_to_key

MFA_VERIFY = re.compile(r"/inloggen/tweede-factor/(\?.*)?$")
MFA_ENROL = re.compile(r"/inloggen/tweede-factor/instellen/(\?.*)?$")


def log_in_with_password(page, user):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def pass_second_factor(page, user):
    expect(page).to_have_url(MFA_VERIFY)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    page.get_by_label("Code uit de authenticator-app").fill(current_code(device.bin_key))
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkplek")


def test_login_with_mfa_and_open_a_family(page):
    professional = factories.make_professional("okt")
    user = professional.user
    family = factories.register_family(professional)

    log_in_with_password(page, user)
    pass_second_factor(page, user)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gezinnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezinnen")
    page.get_by_role("link", name=family.name).click()

    expect(page).to_have_url(re.compile(rf"/gezinnen/{family.uuid}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(family.name)
    members = page.get_by_role("table", name="Gezinsleden")
    expect(members.get_by_role("cell", name="Kim Proefmans", exact=True)).to_be_visible()
    expect(members.get_by_role("cell", name="Sam Proefmans", exact=True)).to_be_visible()


def test_first_login_enrols_the_authenticator_app(page):
    professional = factories.make_professional("okt")
    user = professional.user
    TOTPDevice.objects.filter(user=user).delete()

    log_in_with_password(page, user)

    expect(page).to_have_url(MFA_ENROL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    expect(page.get_by_role("img", name="QR-code voor de authenticator-app")).to_be_visible()
    secret = page.locator("code.secret").inner_text()
    page.get_by_label("Code uit de authenticator-app").fill(current_code(secret_to_key(secret)))
    page.get_by_role("button", name="Bevestigen").click()

    expect(page).to_have_url(re.compile(r"/werkplek/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkplek")
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1


def test_professional_of_another_organisation_is_refused_and_logged(page):
    owner = factories.make_professional("okt")
    family = factories.register_family(owner)
    outsider = factories.make_professional(
        "okt", organisation=factories.make_organisation("Andere organisatie")
    )

    log_in_with_password(page, outsider.user)
    pass_second_factor(page, outsider.user)

    response = page.goto(f"/gezinnen/{family.uuid}/")

    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")
    expect(page.get_by_text("Proefmans")).to_have_count(0)
    denied = AuditEntry.objects.filter(
        username=outsider.user.username,
        action=Action.READ,
        outcome=Outcome.DENIED,
        object_uuid=str(family.uuid),
    )
    assert denied.count() == 1


def test_make_an_api_key_see_it_once_and_revoke_it(page):
    professional = factories.make_professional("okt")
    user = professional.user
    log_in_with_password(page, user)
    pass_second_factor(page, user)

    page.goto("/werkplek/api-sleutel/")
    expect(page.get_by_role("heading", level=1)).to_have_text("API-sleutels")
    page.get_by_label("Naam van de sleutel").fill("Teamscript")
    page.get_by_label("Geldig voor").select_option("30")
    page.get_by_label("Alleen lezen").check()
    page.get_by_role("button", name="Sleutel maken").click()

    secret = page.locator("code.secret").inner_text()
    key = ApiKey.objects.get(user=user)
    assert secret.startswith(f"kz_{key.prefix}_") and key.read_only
    row = page.get_by_role("table", name="Uw sleutels").get_by_role(
        "row", name=re.compile("Teamscript")
    )
    expect(row).to_contain_text(f"kz_{key.prefix}")
    expect(row).to_contain_text("geldig")

    page.goto("/werkplek/api-sleutel/")  # shown once: not on the next visit
    expect(page.locator("code.secret")).to_have_count(0)
    expect(page.get_by_text(secret)).to_have_count(0)

    page.get_by_role("button", name="Sleutel Teamscript intrekken").click()
    expect(page.get_by_text("De sleutel Teamscript is ingetrokken.")).to_be_visible()
    expect(row).to_contain_text("ingetrokken")
    expect(page.get_by_role("button", name="Sleutel Teamscript intrekken")).to_have_count(0)
    key.refresh_from_db()
    assert key.revoked_at is not None
