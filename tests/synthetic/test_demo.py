"""`ketenzorg demo`: what `make run` shows a first-time visitor must work, every time."""

import base64
import io
import re
from collections import defaultdict
from datetime import time
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.nl import bsn as stdnum_bsn

from ketenzorg.access.coordination import cases_visible_to
from ketenzorg.access.policy import families_visible_to
from ketenzorg.access.rules import NON_CLIENT_ROLES
from ketenzorg.audit.models import AuditEntry
from ketenzorg.consent import rules as consent_rules
from ketenzorg.consent.models import Consent, Purpose
from ketenzorg.consent.rules import who_must_consent
from ketenzorg.consent.selectors import parents_of
from ketenzorg.coordination.models import CaseEvent, EventKind, Meeting
from ketenzorg.core.workdays import is_working_day
from ketenzorg.families.models import Family, Involvement, Person
from ketenzorg.families.rules import age_on
from ketenzorg.frontdoor.models import (
    Channel,
    ContactMoment,
    LocationKind,
    OpeningHours,
    Question,
)
from ketenzorg.network.models import (
    District,
    ExpertiseTag,
    Institution,
    Organisation,
    Professional,
    Role,
)
from ketenzorg.synthetic import names
from ketenzorg.synthetic.demo import accounts, city
from ketenzorg.werkproces import rules as wp_rules
from ketenzorg.werkproces.models import (
    Consultation,
    ConsultationScope,
    Step,
    Transition,
    TransitionKind,
    Werkproces,
)
from ketenzorg.werkproces.selectors import (
    consultation_view,
    consultations_for_meedenker,
    meedenker_proposals,
    werkproces_view,
)
from tests import factories
from tests.conftest import FAST_HASHER

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


@pytest.fixture(scope="module", autouse=True)
def demo_output(django_db_setup, django_db_blocker):
    """The demo loaded once for this module's tests, which only read it: each test runs in a
    savepoint inside this transaction, and the whole load is rolled back after the last one.
    Loading it per test was a fifth of the suite's time. (Tests that need an empty database
    first are in test_demo_fresh.py.)"""
    # The function-scoped fast hasher of tests/conftest.py is not on yet: hash as the tests
    # will check.
    with override_settings(PASSWORD_HASHERS=FAST_HASHER), django_db_blocker.unblock():
        with transaction.atomic():
            yield _run_demo()
            transaction.set_rollback(True)


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
        Werkproces,
        Consent,
    )
    counts = {m.__name__: m.objects.count() for m in models}
    counts["User"] = get_user_model().objects.count()
    return counts


def test_every_role_has_an_account_with_a_confirmed_demo_device_and_a_code():
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


def test_printed_table_lists_every_role_with_password_secret_and_how_to_get_a_code(demo_output):
    output = demo_output
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
    for username in CASEWORK_ACCOUNTS:
        user = get_user_model().objects.get(username=username)
        assert families_visible_to(user).count() >= 3, username
    assert families_visible_to(get_user_model().objects.get(username="manager")).count() == 0


def test_some_families_have_several_professionals_from_different_organisations():
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


def _local(moment):
    return moment.astimezone(ZoneInfo("Europe/Amsterdam"))


def _in_working_hours(moment) -> bool:
    local = _local(moment)
    return is_working_day(local.date()) and time(8, 30) <= local.time() < time(17, 30)


def test_demo_moments_fall_inside_working_hours():
    """No contact moment at 01:14: walk-in visits inside their hour, everything else 08:30–17:30."""
    slots = defaultdict(list)
    for h in OpeningHours.objects.filter(location__kind=LocationKind.WALK_IN):
        slots[(h.location_id, h.weekday)].append((h.opens, h.closes))
    moments = ContactMoment.objects.all()
    assert {m.channel for m in moments} == {Channel.WALK_IN, Channel.PHONE, Channel.ONLINE}
    for m in moments:
        local = _local(m.occurred_at)
        if m.channel == Channel.WALK_IN:
            hours = slots[(m.location_id, local.weekday())]
            assert is_working_day(local.date()), (m.channel, local)
            assert any(opens <= local.time() < closes for opens, closes in hours), (local, hours)
        else:
            assert _in_working_hours(m.occurred_at), (m.channel, local)
    for q in Question.objects.all():
        for moment in (q.created_at, q.consent_at, q.answered_at, q.closed_at):
            assert moment is None or _in_working_hours(moment), (q.status, _local(moment))
        assert (q.closed_at or q.created_at) < timezone.now()
    meetings = Meeting.objects.exclude(starts_at=None)
    assert meetings.exists()
    assert all(_in_working_hours(m.starts_at) for m in meetings)
    assert all(
        _in_working_hours(e.occurred_at)
        for e in CaseEvent.objects.filter(kind__in=[EventKind.OPENED, EventKind.LEVEL_CHANGED])
    )


CASE_LINK = re.compile(r'href="/casussen/[0-9a-f-]{36}/"')


def _page(client, username: str, url: str) -> str:
    factories.verified_login(client, get_user_model().objects.get(username=username))
    response = client.get(url)
    assert response.status_code == 200, (username, url, response.status_code)
    return response.content.decode()


def test_every_demo_account_has_something_to_see(client):
    """Logging in as any demo account shows that role's work filled in, not empty screens."""
    for account in city.ACCOUNTS:
        if account.role in NON_CLIENT_ROLES:
            continue
        # everyone who works with families finds cases on the dashboard
        assert CASE_LINK.search(_page(client, account.username, "/casussen/")), account.username
    adviser = city.account_for(Role.OPVOEDADVISEUR).username
    queue = _page(client, adviser, "/advies/")
    assert any(q.reference in queue for q in Question.objects.filter(status="nieuw"))
    schedule = _page(client, adviser, "/advies/rooster/")
    assert Professional.objects.get(user__username=adviser).full_name in schedule
    beheer = city.account_for(Role.BEHEERDER).username
    locations = _page(client, beheer, "/advies/beheer/")
    assert all(walk_in.name in locations for _, _, walk_in in city.walk_ins())
    assert "Kerngroep Jeugd" in _page(client, beheer, "/beheer/netwerkoverleg/")
    # the autorisatiebeheerder sees the professionals whose roles they grant
    granter = city.account_for(Role.AUTORISATIEBEHEERDER).username
    advising = Professional.objects.get(user__username=adviser)
    assert "Proef" in _page(client, granter, "/beheer/professionals/")
    assert advising.full_name in _page(client, granter, f"/beheer/professionals/{advising.uuid}/")
    manager = city.account_for(Role.MANAGER).username
    assert "JGZ Demostad" in _page(client, manager, "/beheer/sociale-kaart/")
    # the privacy officer finds a demo person and the import that created them
    privacy = city.account_for(Role.PRIVACY).username
    person = Person.objects.order_by("pk").first()
    factories.verified_login(client, get_user_model().objects.get(username=privacy))
    found = client.post("/toegangslog/", {"q": person.family_name}).content.decode()
    assert str(person.uuid) in found
    log = _page(client, privacy, f"/toegangslog/personen/{person.uuid}/")
    assert "demostad geladen" in log
    # and has breaks of the glass to review, and one reviewed already
    waiting = _page(client, privacy, "/toegangslog/noodtoegang/")
    assert "Melding van de politie" in waiting and "Veilig Thuis" not in waiting
    assert "Veilig Thuis" in _page(client, privacy, "/toegangslog/noodtoegang/?toon=beoordeeld")


def _user(role: str):
    return get_user_model().objects.get(username=city.account_for(role).username)


def test_the_werkproces_has_a_family_at_every_step_with_a_history_the_table_allows():
    werkprocessen = list(Werkproces.objects.select_related("case"))
    assert {w.step for w in werkprocessen} == set(wp_rules.STEPS)
    for w in werkprocessen:
        history = [(t.kind, t.from_step or None, t.to_step) for t in w.transitions.all()]
        assert wp_rules.replay(history) == w.state
    at = {w.step: w for w in werkprocessen}
    # okt: evaluated "niet genoeg" in this visit of the step, the decision still open
    waiting = at[Step.OKT]
    assert waiting.evaluations.get(version=waiting.version).yielded_enough is False
    # intern: an open internal consultation with a question and expectations both ways
    internal = Consultation.objects.filter(
        scope=ConsultationScope.INTERNAL, werkproces__step=Step.INTERNAL
    )
    assert any(
        c.question and c.expects_of_meedenker and c.expects_of_professional for c in internal
    )
    # extern: one on name relying on the family's consent, one anonymous without
    outside = at[Step.EXTERNAL].consultations.all()
    on_name = [c for c in outside if c.identified]
    assert on_name and all(c.consents.exists() for c in on_name)
    assert all(c.meedenker.organisation_id != c.asked_by.organisation_id for c in on_name)
    assert [c for c in outside if not c.identified and not c.consents.exists()]
    # ajh: the AJH-verbinder wrote findings and the joint evaluation says which AJH is needed
    ajh = at[Step.AJH].consultations.get(scope=ConsultationScope.AJH)
    assert ajh.meedenker.user == _user(Role.AJH_VERBINDER) and ajh.findings.exists()
    assert ajh.evaluation.additional_care_clear and ajh.evaluation.additional_care_which
    assert not ajh.evaluation.can_continue_with_existing
    # verwijzing: decided with the family and the meedenker
    referral = at[Step.REFERRAL].transitions.get(to_step=Step.REFERRAL)
    assert referral.ajh_with_family and referral.ajh_meedenker.user == _user(Role.AJH_VERBINDER)
    # gestopt with its reason, and one family that went a step back with its reason
    assert len(at[Step.STOPPED].transitions.get(kind=TransitionKind.STOP).reason) >= 10
    back = Transition.objects.filter(kind=TransitionKind.BACK)
    assert back.exists() and all(len(t.reason) >= 10 for t in back)


def test_the_meedenker_and_the_ajh_verbinder_find_their_consultations():
    meedenker = _user(Role.MEEDENKER)
    mine = consultations_for_meedenker(actor=meedenker)
    assert {c.identified for c in mine} == {True, False}
    views = [consultation_view(actor=meedenker, consultation_uuid=c.uuid) for c in mine]
    # on name with consent the family shows; where the consent was withdrawn it no longer does
    assert any(v.family is not None for v in views if v.consultation.identified)
    assert any(v.consent_withdrawn for v in views)
    verbinder = consultations_for_meedenker(actor=_user(Role.AJH_VERBINDER))
    assert len(verbinder) >= 2 and any(c.findings.exists() for c in verbinder)
    # and both are proposed for the expertise they were asked for
    okt = _user(Role.OKT)
    oggz = ExpertiseTag.objects.get(name="OGGZ")
    assert meedenker.professional in meedenker_proposals(actor=okt, expertise=oggz)
    for c in verbinder:
        proposed = meedenker_proposals(actor=okt, expertise=c.expertise, internal_only=False)
        assert c.meedenker in proposed


def test_okt_and_jgz_see_werkproces_work():
    okt_sees = Werkproces.objects.filter(case__in=cases_visible_to(_user(Role.OKT)))
    assert {w.step for w in okt_sees} == set(wp_rules.STEPS)
    jgz = _user(Role.JGZ)
    shared = Werkproces.objects.filter(case__in=cases_visible_to(jgz)).select_related("case")
    assert shared.exists()
    view = werkproces_view(actor=jgz, case=shared.first().case)
    assert view.transitions


def test_consents_follow_the_age_rules_and_one_is_withdrawn():
    consents = list(Consent.objects.select_related("child", "family").prefetch_related("given_by"))
    current = {c.purpose for c in consents if not c.is_withdrawn}
    assert {Purpose.CONSULTATION, Purpose.GKP} <= current
    assert any(c.is_withdrawn and c.withdrawn_by for c in consents)
    bands = set()
    for c in consents:
        age = age_on(c.child.birthdate, timezone.localdate(c.given_at))
        needed = who_must_consent(
            c.child.birthdate, parents_of(c.family), timezone.localdate(c.given_at)
        )
        given = [p.pk for p in c.given_by.all()]
        assert consent_rules.satisfied(needed, child_consented=c.child_consented, parent_ids=given)
        if 12 <= age < 16:
            assert c.child_consented and given
            bands.add("12-16")
        elif age >= 16:
            assert c.child_consented and not given
            bands.add("16+")
        else:
            assert not c.child_consented and given
            bands.add("<12")
    assert bands == {"<12", "12-16", "16+"}


def test_the_demo_shows_availability_expectations_shared_contents_and_findings_namens():
    from ketenzorg.network.selectors import directory_search
    from ketenzorg.werkproces.models import Finding

    available = list(directory_search(available=True))
    meedenker = _user(Role.MEEDENKER)
    assert meedenker.professional in available
    assert any(p.user_id is None for p in available)
    # Marked available, but only from next month: not in today's filter.
    assert Professional.objects.filter(
        available_for_consultation=True, available_from__gt=timezone.localdate()
    ).exists()
    # The meedenker sees the identified consultation's shared contents and their own expectation.
    views = [
        consultation_view(actor=meedenker, consultation_uuid=c.uuid)
        for c in consultations_for_meedenker(actor=meedenker)
    ]
    shown = [v for v in views if v.shared is not None]
    assert shown and any(v.shared.children and v.shared.steps for v in shown)
    assert any(v.expectations for v in views)
    # The okt account recorded findings namens the meedenker without an account.
    namens = Finding.objects.filter(on_behalf_of__isnull=False).select_related("written_by")
    assert namens.exists() and all(f.written_by.user == _user(Role.OKT) for f in namens)
    assert all(f.on_behalf_of.user_id is None for f in namens)


def test_the_demo_links_programmes_to_agreements_and_hands_them_at_contact_moments():
    from ketenzorg.coordination.models import ProgrammeLink
    from ketenzorg.frontdoor.models import HandedProgramme

    links = list(ProgrammeLink.objects.select_related("agreement", "programme__provider"))
    assert len(links) >= 3
    for link in links:
        assert link.agreement.case_id == link.case_id and link.programme.status == "gepubliceerd"
        assert link.programme.name in link.agreement.what
    handed = list(HandedProgramme.objects.select_related("contact"))
    assert len(handed) >= 5 and {h.way for h in handed} == {"afdruk", "mail"}
    assert all(h.contact.question_id is None for h in handed)
