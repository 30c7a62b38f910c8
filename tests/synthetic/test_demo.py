"""`ketenzorg demo`: what `make run` shows a first-time visitor must work, every time."""

import base64
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.nl import bsn as stdnum_bsn

from ketenzorg.access.policy import families_visible_to
from ketenzorg.audit.models import Action, AuditEntry
from ketenzorg.families.models import Family, Involvement, Person
from ketenzorg.network.models import District, Institution, Organisation, Professional, Role
from ketenzorg.synthetic import names
from ketenzorg.synthetic.demo import accounts, city, loader

pytestmark = pytest.mark.django_db

CASEWORK_ACCOUNTS = (
    "okt",
    "jgz",
    "opvoedadviseur",
    "zorgcoordinator",
    "procescoordinator",
    "brandpuntfunctionaris",
)


def _run_demo() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    models = (
        District,
        Organisation,
        Professional,
        Institution,
        Family,
        Person,
        Involvement,
        TOTPDevice,
        AuditEntry,
    )
    counts = {m.__name__: m.objects.count() for m in models}
    counts["User"] = get_user_model().objects.count()
    return counts


def test_second_run_changes_nothing_and_still_prints_the_accounts():
    first = _run_demo()
    before = _counts()
    second = _run_demo()
    assert _counts() == before
    assert "Demostad bestaat al" in second
    assert first.split("\n\n", 1)[1] == second.split("\n\n", 1)[1]  # the same account table


def test_every_role_has_an_account_with_a_confirmed_demo_device_and_a_code():
    _run_demo()
    for role in Role.values:
        account = next(a for a in city.ACCOUNTS if a.role == role)
        user = get_user_model().objects.get(username=account.username)
        assert user.check_password(city.DEMO_PASSWORD)
        assert user.professional.has_role(role)
        device = TOTPDevice.objects.get(user=user, name="demo")
        assert device.confirmed
        assert device.key == accounts.totp_key_for(account.username)
        out = io.StringIO()
        call_command("totp_code", account.username, stdout=out)
        code = out.getvalue().strip()
        assert re.fullmatch(r"\d{6}", code)
        assert device.verify_token(code)


def test_printed_table_lists_every_role_with_password_secret_and_how_to_get_a_code():
    output = _run_demo()
    for account in city.ACCOUNTS:
        line = next(
            line for line in output.splitlines() if re.search(rf"\b{account.username}\b", line)
        )
        assert str(Role(account.role).label) in line
        assert city.DEMO_PASSWORD in line
        secret = accounts.base32_secret(accounts.totp_key_for(account.username))
        assert secret in line
        assert base64.b32decode(secret).hex() == accounts.totp_key_for(account.username)
    assert "ketenzorg totp_code <gebruikersnaam>" in output
    assert "geen account nodig" in output and " /." in output


def test_casework_accounts_see_their_families():
    _run_demo()
    for username in CASEWORK_ACCOUNTS:
        user = get_user_model().objects.get(username=username)
        assert families_visible_to(user).count() >= 3, username
    assert families_visible_to(get_user_model().objects.get(username="manager")).count() == 0


def test_some_families_have_several_professionals_from_different_organisations():
    _run_demo()
    spread = Family.objects.annotate(
        professionals=Count("involvements__professional", distinct=True),
        organisations=Count("involvements__organisation", distinct=True),
    )
    assert (
        spread.filter(professionals__gte=2, professionals__lte=5, organisations__gte=2).count()
        >= 20
    )
    assert spread.filter(professionals=0).count() == 0


def test_city_has_six_stadsdelen_with_gebieden_and_institutions_with_a_jgz_contact():
    _run_demo()
    town = District.objects.get(name=city.CITY_NAME, parent=None)
    stadsdelen = District.objects.filter(parent=town)
    assert stadsdelen.count() == 6
    for stadsdeel in stadsdelen:
        gebieden = District.objects.filter(parent=stadsdeel)
        assert 2 <= gebieden.count() <= 3
        assert all(re.fullmatch(r"99\d\d(,99\d\d)*", g.postcode_prefixes) for g in gebieden)
        # a stadsdeel covers exactly its gebieden's postcodes
        assert sorted(stadsdeel.postcode_prefixes.split(",")) == sorted(
            p for g in gebieden for p in g.postcode_prefixes.split(",")
        )
    assert Organisation.objects.filter(name="JGZ Demostad").exists()
    assert Institution.objects.count() > 0
    assert not Institution.objects.filter(jgz_contact__isnull=True).exists()
    assert all(
        i.jgz_contact.has_role(Role.JGZ) for i in Institution.objects.select_related("jgz_contact")
    )


def test_people_are_fictional_and_bsns_pass_the_elfproef():
    _run_demo()
    assert all(
        names.is_fictional_surname(n) for n in Person.objects.values_list("family_name", flat=True)
    )
    assert all(
        names.is_fictional_surname(n)
        for n in Professional.objects.values_list("last_name", flat=True)
    )
    with_bsn = [p for p in Person.objects.exclude(bsn_encrypted="") if p.bsn_plain()]
    assert len(with_bsn) > 50
    assert all(
        stdnum_bsn.is_valid(p.bsn_plain()) and p.bsn_plain().startswith("9999") for p in with_bsn
    )


def test_the_load_is_one_audit_entry_per_part():
    before = AuditEntry.objects.count()
    _run_demo()
    entries = AuditEntry.objects.all()[before:]
    assert [(e.action, e.reason) for e in entries][0] == (Action.IMPORT, "demostad geladen")
    assert all(e.action == Action.IMPORT for e in entries)
    assert len(entries) == 1 + len(loader.extensions())


def test_refuses_on_a_real_deployment(settings):
    settings.SECRET_KEY = "a-real-production-secret-key-" + "y" * 40
    with pytest.raises(CommandError, match="echte installatie"):
        call_command("demo", stdout=io.StringIO())
    assert not District.objects.filter(name=city.CITY_NAME).exists()
