"""`ketenzorg seed`: deterministic, fictional, proportionate, and safe to run twice."""

import io
from collections import Counter
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from stdnum.nl import bsn as stdnum_bsn

from ketenzorg.aanbod.models import AccessRoute, Programme, ProgrammeStatus
from ketenzorg.aanbod.search.analyzer import query_words
from ketenzorg.aanbod.selectors import SearchParams, programme_search
from ketenzorg.access import coordination as case_access
from ketenzorg.access import werkproces as werkproces_access
from ketenzorg.access.models import EmergencyAccess, EmergencyAccessReview
from ketenzorg.access.policy import families_visible_to
from ketenzorg.audit.models import Action, AuditEntry, Basis
from ketenzorg.audit.verify import audit_verify
from ketenzorg.consent.models import Consent, Purpose
from ketenzorg.consent.selectors import consents_covering
from ketenzorg.coordination import rules
from ketenzorg.coordination.models import (
    Agreement,
    Case,
    CaseCoordinator,
    CaseEvent,
    Meeting,
    MeetingInvitation,
)
from ketenzorg.families.models import Family, Involvement, Person
from ketenzorg.network.models import District, DistrictKind, Institution, Professional, Role
from ketenzorg.privacy.selectors import OPEN, emergency_event_page
from ketenzorg.synthetic import names, seed
from ketenzorg.synthetic.bulk import defaults_for
from ketenzorg.werkproces import rules as werkproces_rules
from ketenzorg.werkproces.models import (
    Consultation,
    ConsultationEvaluation,
    Finding,
    StepEvaluation,
    Transition,
    Werkproces,
)
from ketenzorg.werkproces.selectors import is_internal
from tests import factories

pytestmark = pytest.mark.django_db

YOUTH = 400
REFERENCE = date(2026, 6, 1)


def _seed(seed_value=1, youth=YOUTH, reference=REFERENCE, **extra) -> str:
    out = io.StringIO()
    call_command(
        "seed",
        scale="city",
        seed=seed_value,
        youth=youth,
        reference_date=reference,
        no_progress=True,
        stdout=out,
        **extra,
    )
    return out.getvalue()


def _seeded_persons(tag):
    return Person.objects.filter(family__district__parent__parent__name__endswith=f"[{tag}]")


def _snapshot(tag) -> dict:
    families = Family.objects.filter(district__parent__parent__name__endswith=f"[{tag}]")
    return {
        "families": list(
            families.order_by("uuid").values_list("uuid", "name", "postcode", "house_number")
        ),
        "persons": list(
            _seeded_persons(tag)
            .order_by("uuid")
            .values_list("uuid", "given_name", "family_name", "birthdate", "role", "bsn_lookup")
        ),
        "involvements": list(
            Involvement.objects.filter(family__in=families)
            .order_by("uuid")
            .values_list("uuid", "professional__uuid", "person__uuid", "started_on", "ended_on")
        ),
        "professionals": list(
            Professional.objects.filter(organisation__name__endswith=f"[{tag}]")
            .order_by("uuid")
            .values_list("uuid", "first_name", "last_name", "user__username")
        ),
        "cases": list(
            Case.objects.filter(family__in=families)
            .order_by("uuid")
            .values_list("uuid", "family__uuid", "level", "opened_on", "suggested_rule")
        ),
        "coordinators": list(
            CaseCoordinator.objects.filter(case__family__in=families)
            .order_by("uuid")
            .values_list("uuid", "case__uuid", "professional__uuid", "role")
        ),
        "meetings": list(
            Meeting.objects.filter(case__family__in=families)
            .order_by("uuid")
            .values_list("uuid", "case__uuid", "kind", "status", "deadline", "held_on")
        ),
        "agreements": list(
            Agreement.objects.filter(case__family__in=families)
            .order_by("uuid")
            .values_list("uuid", "case__uuid", "what", "responsible_professional__uuid", "due_on")
        ),
        "grants": list(
            EmergencyAccess.objects.filter(family__in=families)
            .order_by("uuid")
            .values_list("uuid", "family__uuid", "user__username", "reason", "granted_at")
        ),
        "reviews": list(
            EmergencyAccessReview.objects.filter(grant__family__in=families)
            .order_by("uuid")
            .values_list("uuid", "grant__uuid", "reviewed_by__username", "reviewed_at", "note")
        ),
        "werkprocessen": list(
            Werkproces.objects.filter(case__family__in=families)
            .order_by("uuid")
            .values_list(
                "uuid", "case__uuid", "step", "stopped_from", "version", "started_by__uuid"
            )
        ),
        "transitions": list(
            Transition.objects.filter(werkproces__case__family__in=families)
            .order_by("uuid")
            .values_list(
                "uuid",
                "werkproces__uuid",
                "seq",
                "kind",
                "to_step",
                "occurred_at",
                "evaluation__uuid",
                "ajh_meedenker__uuid",
                "reason",
            )
        ),  # fmt: skip
        "step_evaluations": list(
            StepEvaluation.objects.filter(werkproces__case__family__in=families)
            .order_by("uuid")
            .values_list(
                "uuid", "werkproces__uuid", "step", "version", "yielded_enough", "recorded_at"
            )
        ),
        "consultations": list(
            Consultation.objects.filter(werkproces__case__family__in=families)
            .order_by("uuid")
            .values_list(
                "uuid",
                "werkproces__uuid",
                "scope",
                "kind",
                "meedenker__uuid",
                "expertise__name",
                "identified",
                "shared_parts",
                "starts_at",
                "ends_at",
                "access_until",
            )
        ),  # fmt: skip
        "findings": list(
            Finding.objects.filter(consultation__werkproces__case__family__in=families)
            .order_by("uuid")
            .values_list("uuid", "consultation__uuid", "text", "written_at")
        ),
        "consultation_evaluations": list(
            ConsultationEvaluation.objects.filter(
                consultation__werkproces__case__family__in=families
            )
            .order_by("uuid")
            .values_list("uuid", "consultation__uuid", "can_continue_with_existing", "recorded_at")
        ),
        "consents": list(
            Consent.objects.filter(family__in=families)
            .order_by("uuid")
            .values_list(
                "uuid",
                "child__uuid",
                "recipient_organisation__uuid",
                "parts",
                "child_consented",
                "given_at",
                "withdrawn_at",
                "withdrawn_by__uuid",
            )
        ),  # fmt: skip
        "consent_givers": sorted(
            Consent.given_by.through.objects.filter(consent__family__in=families).values_list(
                "consent__uuid", "person__uuid"
            )
        ),
        "consultation_consents": sorted(
            Consultation.consents.through.objects.filter(
                consultation__werkproces__case__family__in=families
            ).values_list("consultation__uuid", "consent__uuid")
        ),
        **_catalogue_snapshot(tag),
    }


def _seeded_programmes(tag):
    return Programme.objects.filter(provider__name__endswith=f"[{tag}]")


def _catalogue_snapshot(tag) -> dict:
    programmes = _seeded_programmes(tag)
    return {
        "programmes": list(
            programmes.order_by("uuid").values_list(
                "uuid", "provider__uuid", "name", "description", "audience", "min_age", "max_age",
                "location", "access_route", "costs", "languages", "contact_phone", "waiting_weeks",
                "waiting_confirmed_on", "ijw_category", "status", "search_terms", "name_terms",
            )
        ),
        "programme_topics": sorted(
            Programme.topics.through.objects.filter(programme__in=programmes).values_list(
                "programme__uuid", "topic__name"
            )
        ),
        "programme_districts": sorted(
            Programme.districts.through.objects.filter(programme__in=programmes).values_list(
                "programme__uuid", "district__uuid"
            )
        ),
    }  # fmt: skip


def _seed_and_forget(seed_value) -> dict:
    """Load a seed in a transaction that is rolled back, so the next run starts from the same database."""
    with transaction.atomic():
        _seed(seed_value)
        snapshot = _snapshot(seed.seed_tag("city", seed_value, YOUTH))
        transaction.set_rollback(True)
    return snapshot


def test_same_seed_gives_the_same_data_and_another_seed_different_data():
    first = _seed_and_forget(1)
    second = _seed_and_forget(1)
    other = _seed_and_forget(2)
    assert len(first["persons"]) > YOUTH
    assert first["cases"] and first["agreements"]
    assert first["werkprocessen"] and first["consultations"] and first["findings"]
    assert first["programmes"] and first["programme_topics"] and first["programme_districts"]
    for table, rows in first.items():  # table by table, so a difference names its table
        assert rows == second[table], table
    assert first == second
    assert {p[0] for p in first["persons"]}.isdisjoint({p[0] for p in other["persons"]})
    assert [p[1:3] for p in first["persons"]] != [p[1:3] for p in other["persons"]]


def test_youth_count_and_ages_follow_the_scale():
    _seed()
    youth = _seeded_persons("city400-s1").filter(role__in=["kind", "jongere"])
    assert youth.count() == YOUTH
    oldest = min(youth.values_list("birthdate", flat=True))
    assert oldest > date(REFERENCE.year - 24, REFERENCE.month, REFERENCE.day)
    assert max(youth.values_list("birthdate", flat=True)) <= REFERENCE


def test_second_run_refuses_politely_and_replace_reloads_the_same_data():
    _seed()
    models = (
        District,
        Family,
        Person,
        Involvement,
        Professional,
        Case,
        CaseEvent,
        Meeting,
        Agreement,
        Werkproces,
        Transition,
        Consultation,
        Consent,
        Programme,
    )
    before = {m.__name__: m.objects.count() for m in models}
    assert before["Case"] > 0
    snapshot = _snapshot("city400-s1")
    output = _seed()
    assert "staat al in de database" in output
    assert {m.__name__: m.objects.count() for m in models} == before
    output = _seed(replace=True)
    assert "verwijderd" in output
    assert {m.__name__: m.objects.count() for m in models} == before
    assert _snapshot("city400-s1") == snapshot


def test_names_are_fictional():
    _seed()
    persons = _seeded_persons("city400-s1")
    assert all(names.is_fictional_surname(n) for n in persons.values_list("family_name", flat=True))
    families = Family.objects.filter(district__parent__parent__name__endswith="[city400-s1]")
    assert all(names.is_fictional_surname(n) for n in families.values_list("name", flat=True))
    professionals = Professional.objects.filter(organisation__name__endswith="[city400-s1]")
    assert all(
        names.is_fictional_surname(n) for n in professionals.values_list("last_name", flat=True)
    )


def test_bsns_pass_the_elfproef_and_are_unique():
    _seed()
    bsns = [p.bsn_plain() for p in _seeded_persons("city400-s1").exclude(bsn_encrypted="")]
    assert len(bsns) > 50
    assert len(set(bsns)) == len(bsns)
    assert all(stdnum_bsn.is_valid(b) and not b.startswith("9999") for b in bsns)


def test_bsn_helpers_only_make_valid_numbers():
    made = [names.bsn_from_body(body) for body in range(99_990_000, 99_990_500)]
    assert all(stdnum_bsn.is_valid(b) for b in made if b)
    assert 400 < sum(1 for b in made if b) < 500


def test_involvements_follow_the_zorgpiramide():
    _seed(youth=3000)
    families = Family.objects.filter(
        district__parent__parent__name__endswith="[city3000-s1]"
    ).annotate(
        active=Count("involvements", filter=Q(involvements__ended_on__isnull=True)),
        organisations=Count(
            "involvements__organisation",
            filter=Q(involvements__ended_on__isnull=True),
            distinct=True,
        ),
    )
    total = families.count()
    in_care = families.filter(active__gt=0).count()
    assert 0.08 < in_care / total < 0.25
    assert families.filter(active__gte=4, organisations__gte=2).exists()
    assert Involvement.objects.filter(family__in=families, ended_on__isnull=False).exists()
    assert not families.filter(active__gt=0, registered_by__isnull=True).exists()


def test_seeded_professionals_see_only_their_families():
    _seed()
    involved = (
        Professional.objects.filter(
            organisation__name__endswith="[city400-s1]", involvements__ended_on__isnull=True
        )
        .annotate(n=Count("involvements__family", distinct=True))
        .order_by("-n")
        .first()
    )
    assert set(families_visible_to(involved.user)) == set(
        Family.objects.filter(
            involvements__professional=involved, involvements__ended_on__isnull=True
        )
    )
    manager = Professional.objects.get(
        organisation__name__endswith="[city400-s1]",
        role_assignments__role=Role.MANAGER,
        organisation__kind="gemeente",
    )
    assert families_visible_to(manager.user).count() == 0
    assert not manager.user.has_usable_password()


def test_network_has_every_role_and_institutions_with_a_jgz_contact():
    _seed()
    roles = set(
        Professional.objects.filter(organisation__name__endswith="[city400-s1]").values_list(
            "role_assignments__role", flat=True
        )
    )
    assert roles == set(Role.values)
    institutions = Institution.objects.filter(name__endswith="[city400-s1]")
    assert institutions.exists()
    assert not institutions.filter(jgz_contact__isnull=True).exists()


def test_seed_lives_beside_the_demo():
    call_command("demo", stdout=io.StringIO())
    demo_families = Family.objects.count()
    _seed()
    assert Family.objects.filter(district__parent__parent__name="Demostad").count() == demo_families
    okt = get_user_model().objects.get(username="okt")
    assert (
        not families_visible_to(okt)
        .filter(district__parent__parent__name__endswith="[city400-s1]")
        .exists()
    )


def test_the_run_is_one_audit_entry_beside_its_synthetic_breaks_of_the_glass():
    before = AuditEntry.objects.count()
    _seed(youth=3000)
    entries = list(AuditEntry.objects.all()[before:])
    imports = [e for e in entries if e.action == Action.IMPORT]
    assert len(imports) == 1 and "city3000-s1" in imports[0].reason
    history = [e for e in entries if e.action != Action.IMPORT]
    assert history
    assert {(e.channel, e.basis) for e in history} == {("seed", Basis.BREAK_THE_GLASS)}
    # Backdated, yet chained like every other entry: the whole log still verifies.
    assert audit_verify(anchor_file=None).problem == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_the_planner_knows_the_seeded_sizes_at_once():
    """Planned on the sizes from before the seed, the first queries after it ran nested loops
    over seq scans for minutes (in a test's transaction, where autovacuum never sees the rows,
    for ever): the seed ends with ANALYZE of what it wrote, which counts its own rows."""
    _seed(youth=3000)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname IN "
            "('families_person', 'coordination_case', 'verwijzing_referral')"
        )
        planned = dict(cursor.fetchall())
    for model, table in ((Person, "families_person"), (Case, "coordination_case")):
        actual = model.objects.count()
        assert actual > 200 and planned[table] >= 0.9 * actual, (table, planned[table], actual)


def test_columns_cover_every_required_field():
    """The seed writes raw rows: a new required column on these models must be added to the seed."""
    for table, columns in seed.COLUMNS.items():
        extra_columns, _ = defaults_for(table, columns)
        model = next(
            m for m in apps.get_models(include_auto_created=True) if m._meta.db_table == table
        )
        known = {f.column for f in model._meta.concrete_fields}
        assert set(columns) <= known, table
        assert set(columns) | set(extra_columns) == known, table


def test_a_new_required_field_stops_the_seed_with_a_clear_message():
    with pytest.raises(ValueError, match="voeg de kolom toe"):
        defaults_for("families_person", ("id", "uuid"))


def _active_count(case) -> int:
    return (
        Involvement.objects.filter(family_id=case.family_id, ended_on__isnull=True)
        .values("professional_id")
        .distinct()
        .count()
    )


def test_families_in_care_have_an_open_case_at_the_level_of_the_counting_rule():
    output = _seed(youth=3000)
    assert "casussen" in output and "casussen per niveau" in output
    families = Family.objects.filter(district__parent__parent__name__endswith="[city3000-s1]")
    in_care = set(
        Involvement.objects.filter(family__in=families, ended_on__isnull=True).values_list(
            "family_id", flat=True
        )
    )
    cases = Case.objects.filter(family__in=families)
    assert sorted(cases.values_list("family_id", flat=True)) == sorted(in_care)
    assert set(cases.values_list("status", flat=True)) == {"open"}
    by_level = Counter(cases.values_list("level", flat=True))
    assert set(by_level) == set(rules.LEVELS), by_level
    # 1–3 by the counting rule; 4 and 5 (judgment) go to families the rule puts at 3.
    for case in cases:
        suggested = rules.suggest_level(_active_count(case)).level
        assert case.suggested_level == suggested
        assert case.level == suggested or (case.level in rules.JUDGMENT_LEVELS and suggested == 3)
    assert not cases.filter(level__lt=5, crisis_started_at__isnull=False).exists()
    assert not cases.filter(level=5, crisis_started_at__isnull=True).exists()


def test_seeded_cases_are_coordinated_as_their_level_asks():
    _seed(youth=3000)
    cases = Case.objects.filter(family__district__parent__parent__name__endswith="[city3000-s1]")
    wanted = {
        1: set(),
        2: {"zorgcoordinator"},
        3: {"procescoordinator"},
        4: {"procescoordinator", "brandpuntfunctionaris"},
        5: {"procescoordinator", "brandpuntfunctionaris"},
    }
    for case in cases.prefetch_related("coordinators__professional__role_assignments"):
        coordinators = list(case.coordinators.all())
        assert {c.role for c in coordinators} == wanted[case.level], case.level
        for c in coordinators:
            assert case_access.may_hold_coordinator_role(c.professional, c.role)
            assert case in case_access.cases_visible_to(c.professional.user)
        assert case.events.filter(kind="geopend").count() == 1
        meetings = Counter(case.meetings.values_list("status", flat=True))
        agreements = case.agreements.count()
        if case.level == 1:
            assert not meetings and not agreements
            continue
        assert meetings["gehouden"] == 1 and 2 <= agreements <= 4
        if case.level in (3, 5):
            assert meetings["te_plannen"] == 1
    held = Meeting.objects.filter(case__in=cases, status="gehouden")
    assert MeetingInvitation.objects.filter(meeting__in=held).count() >= held.count()
    assert Agreement.objects.filter(case__in=cases, status="open", due_on__lt=REFERENCE).exists()


def test_a_seeded_coordinator_sees_their_cases_on_the_dashboard(client):
    _seed(youth=3000)
    busiest = (
        CaseCoordinator.objects.filter(
            case__family__district_id__in=list(
                District.objects.filter(parent__parent__name__endswith="[city3000-s1]").values_list(
                    "pk", flat=True
                )
            ),
            ended_at__isnull=True,
        )
        .values("professional")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    coordinator = Professional.objects.get(pk=busiest["professional"])
    factories.verified_login(client, coordinator.user)
    response = client.get("/casussen/")
    assert response.status_code == 200
    assert f"{busiest['n']} open casus" in response.content.decode()


def test_no_cases_leaves_them_out():
    output = _seed(no_cases=True)
    assert "casussen per niveau" not in output
    assert not Case.objects.exists()


def test_breaks_of_the_glass_at_a_realistic_rate_with_reviews_and_uses():
    _seed(youth=6000)
    families = Family.objects.filter(district__parent__parent__name__endswith="[city6000-s1]")
    grants = EmergencyAccess.objects.filter(family__in=families).select_related("user")
    assert 0.002 < grants.count() / families.count() < 0.006
    reviewed = grants.filter(reviews__isnull=False).distinct().count()
    assert 0 < reviewed < grants.count()
    for grant in grants:
        assert grant.expires_at - grant.granted_at == timedelta(hours=24)
        assert grant.granted_at.date() < REFERENCE
        # The glass is broken on a family the holder does not work with.
        assert not Involvement.objects.filter(
            family=grant.family, professional__user=grant.user, ended_on__isnull=True
        ).exists()
    officer = Professional.objects.get(
        organisation__name__endswith="[city6000-s1]", role_assignments__role=Role.PRIVACY
    ).user
    page = emergency_event_page(actor=officer, status=OPEN, per_page=1000)
    assert page.total == grants.count() - reviewed
    logged = Counter(
        AuditEntry.objects.filter(channel="seed", action=Action.READ).values_list(
            "user_id_snapshot", "object_uuid"
        )
    )
    uses = [e.uses for e in page.events]
    assert uses == [logged[(e.user_id, str(e.family.uuid))] for e in page.events]
    assert any(uses) and not all(uses)


def _seeded_werkprocessen(tag):
    # The city's gebieden first: the name filter through three district joins beside the
    # werkproces's own was planned without statistics and could run for minutes on PostgreSQL.
    gebieden = District.objects.filter(parent__parent__name__endswith=f"[{tag}]")
    return Werkproces.objects.filter(
        case__family__district_id__in=list(gebieden.values_list("pk", flat=True))
    )


def test_seeded_werkprocessen_follow_the_rules_at_every_step():
    output = _seed(youth=6000)
    assert "werkprocessen per stap" in output
    werkprocessen = list(_seeded_werkprocessen("city6000-s1").select_related("case", "started_by"))
    open_cases = Case.objects.filter(
        family__district__parent__parent__name__endswith="[city6000-s1]", status="open"
    ).count()
    assert 0.15 < len(werkprocessen) / open_cases < 0.6
    steps = Counter(w.step for w in werkprocessen)
    assert set(steps) == set(werkproces_rules.STEPS), steps
    kinds = Counter()
    for w in werkprocessen:
        history = list(w.transitions.order_by("seq"))
        assert [t.seq for t in history] == list(range(1, w.version + 1))
        replayed = werkproces_rules.replay(
            (t.kind, t.from_step or None, t.to_step) for t in history
        )
        assert replayed == w.state
        # Each transition has its line in the case's history, at the same moment.
        lines = w.case.events.filter(kind="werkproces").order_by("occurred_at", "id")
        assert [e.occurred_at for e in lines] == [t.occurred_at for t in history]
        assert lines[0].summary == "Werkproces gestart: ondersteuning door het OKT"
        # The OKT professional works it: involved with the family, so allowed by need-to-know.
        assert werkproces_access.werkproces_decision(w.started_by.user, w.case)
        evaluations = list(w.evaluations.all())
        meedenkers = set(w.consultations.values_list("meedenker_id", flat=True))
        for previous, t in zip(history, history[1:], strict=False):
            assert previous.occurred_at < t.occurred_at
            kinds[t.kind] += 1
            if t.kind in (werkproces_rules.CONTINUE, werkproces_rules.STOP):
                # The decision rests on the newest evaluation of this visit of the step.
                of_visit = [e for e in evaluations if e.version == t.seq - 1]
                assert of_visit and t.evaluation == of_visit[-1]
                assert previous.occurred_at < t.evaluation.recorded_at < t.occurred_at
                assert t.evaluation.step == t.from_step
                assert not (t.kind == werkproces_rules.CONTINUE and t.evaluation.yielded_enough)
            if t.kind == werkproces_rules.CONTINUE and t.to_step == werkproces_rules.EXTERNAL:
                assert len(t.team_decision) >= werkproces_rules.MIN_REASON
            if t.kind == werkproces_rules.CONTINUE and t.to_step == werkproces_rules.REFERRAL:
                assert t.ajh_with_family and t.ajh_meedenker_id in meedenkers
            if t.kind in (werkproces_rules.STOP, werkproces_rules.BACK, werkproces_rules.RESUME):
                assert len(t.reason) >= werkproces_rules.MIN_REASON
    assert kinds[werkproces_rules.BACK] and kinds[werkproces_rules.RESUME]


def test_seeded_consultations_ask_the_right_people_with_the_familys_consent():
    _seed(youth=6000)
    consultations = Consultation.objects.filter(
        werkproces__in=_seeded_werkprocessen("city6000-s1")
    ).select_related("asked_by", "meedenker", "werkproces__case__family")
    assert set(consultations.values_list("scope", flat=True)) == {
        "intern",
        "extern",
        "ajh_verbinder",
    }
    identified = on_consent = 0
    for c in consultations:
        assert c.starts_at < c.ends_at <= c.starts_at + werkproces_rules.MAX_PERIOD
        assert c.access_until == c.ends_at + werkproces_rules.GRACE
        if c.scope == "intern":
            assert is_internal(c.asked_by, c.meedenker)
        elif c.scope == "ajh_verbinder":
            assert c.meedenker.has_role(Role.AJH_VERBINDER)
        else:
            assert c.meedenker.has_role(Role.MEEDENKER)
        for finding in c.findings.all():
            assert finding.written_by_id == c.meedenker_id
            assert c.starts_at < finding.written_at < c.access_until
        assert c.shared_parts == (sorted(c.shared_parts) if c.identified else [])
        identified += c.identified
        if c.identified and c.meedenker.organisation_id != c.asked_by.organisation_id:
            # The product's own check, at the moment of asking: the family's consent covered it.
            covering = consents_covering(
                family=c.werkproces.case.family,
                purpose=Purpose.CONSULTATION,
                recipient=c.meedenker,
                parts=c.shared_parts,
                at=c.starts_at,
            )
            assert covering is not None
            assert {x.pk for x in covering} == set(c.consents.values_list("pk", flat=True))
            on_consent += 1
        else:
            assert not c.consents.exists()
    assert 0 < identified < consultations.count() and on_consent
    assert ConsultationEvaluation.objects.filter(consultation__in=consultations).exists()
    # A few families withdrew their consent since: the meedenker's look is cut from then on.
    assert Consent.objects.filter(withdrawn_at__isnull=False).exists()


def test_a_seeded_meedenker_sees_their_running_consultations(client):
    today = date.today()
    _seed(youth=6000, reference=today)
    running = (
        Consultation.objects.filter(
            werkproces__in=_seeded_werkprocessen("city6000-s1"), access_until__gt=timezone.now()
        )
        .values("meedenker")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    busiest = running.first()
    assert busiest and busiest["n"] >= 3
    meedenker = Professional.objects.get(pk=busiest["meedenker"])
    factories.verified_login(client, meedenker.user)
    response = client.get("/werkproces/consultaties/")
    assert response.status_code == 200
    page = response.content.decode()
    mine = Consultation.objects.filter(meedenker=meedenker, access_until__gt=timezone.now())
    assert all(
        f"/werkproces/consultaties/{u}/" in page for u in mine.values_list("uuid", flat=True)
    )


def test_seeded_catalogue_is_realistic():
    _seed(youth=3000)
    tag = "city3000-s1"
    programmes = list(_seeded_programmes(tag).prefetch_related("topics", "districts"))
    city = District.objects.get(kind=DistrictKind.CITY, name__endswith=f"[{tag}]")
    gebieden = District.objects.filter(kind=DistrictKind.GEBIED, parent__parent=city).count()
    # Every template once per city, stadsdeel or gebied, and more: second editions, more providers.
    assert len(programmes) > 23 + 16 + 7 * gebieden
    by_status = Counter(p.status for p in programmes)
    assert by_status[ProgrammeStatus.PUBLISHED] > 0.9 * len(programmes)
    assert by_status[ProgrammeStatus.DRAFT] and by_status[ProgrammeStatus.WITHDRAWN]
    assert len({p.provider_id for p in programmes}) >= 12
    for p in programmes:
        assert p.topics.all() and len(p.districts.all()) == 1, p.name
        assert {d.pk for d in p.districts.all()} <= {
            city.pk, *District.objects.filter(parent=city).values_list("pk", flat=True),
            *District.objects.filter(parent__parent=city).values_list("pk", flat=True),
        }  # fmt: skip
        assert p.search_terms.startswith(" ") and p.sort_name
        if p.access_route == AccessRoute.OPEN:
            assert p.waiting_weeks is None and p.waiting_confirmed_on is None
        else:
            assert p.waiting_weeks is not None and p.waiting_confirmed_on < REFERENCE
        if p.access_route == AccessRoute.REFERRAL:
            assert p.ijw_category, p.name
    confirmed = [p.waiting_confirmed_on for p in programmes if p.waiting_confirmed_on]
    stale = [d for d in confirmed if (REFERENCE - d).days > 90]
    assert len(stale) == len(confirmed) // 7 > 0
    assert all(
        1 <= (REFERENCE - d).days <= 60 or 120 <= (REFERENCE - d).days <= 300 for d in confirmed
    )


def test_seeded_catalogue_is_in_the_search_index_and_leaves_it_with_the_run():
    _seed(youth=3000)
    tag = "city3000-s1"
    (word,) = query_words("slapen")
    published = _seeded_programmes(tag).filter(status=ProgrammeStatus.PUBLISHED)
    # The bulk-written rows are in the full-text index (SQLite's triggers, PostgreSQL's GIN).
    found = programme_search(SearchParams(text="slapen", page_size=50))
    assert found.total == published.filter(search_terms__contains=f" {word.whole} ").count() > 0
    gebied = (
        District.objects.filter(kind=DistrictKind.GEBIED, name__endswith="A")
        .filter(parent__parent__name__endswith=f"[{tag}]")
        .first()
    )
    covering = {gebied.uuid, gebied.parent.uuid, gebied.parent.parent.uuid}
    near = programme_search(SearchParams(text="slaapproblemen", age=4, district_uuid=gebied.uuid))
    assert 0 < near.total < found.total
    for p in near.results:
        assert p.min_age <= 4 <= p.max_age
        assert {d.uuid for d in p.districts} & covering
    seed.wipe(tag)
    assert not _seeded_programmes(tag).exists()
    assert programme_search(SearchParams(text="slapen")).total == 0
