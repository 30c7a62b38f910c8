"""`ketenzorg seed`: deterministic, fictional, proportionate, and safe to run twice."""

import io
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from stdnum.nl import bsn as stdnum_bsn

from ketenzorg.access.policy import families_visible_to
from ketenzorg.audit.models import Action, AuditEntry
from ketenzorg.families.models import Family, Involvement, Person
from ketenzorg.network.models import District, Institution, Professional, Role
from ketenzorg.synthetic import names, seed
from ketenzorg.synthetic.bulk import defaults_for

pytestmark = pytest.mark.django_db

YOUTH = 400
REFERENCE = date(2026, 6, 1)


def _seed(seed_value=1, youth=YOUTH, **extra) -> str:
    out = io.StringIO()
    call_command(
        "seed",
        scale="city",
        seed=seed_value,
        youth=youth,
        reference_date=REFERENCE,
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
    }


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
    before = {
        m.__name__: m.objects.count() for m in (District, Family, Person, Involvement, Professional)
    }
    snapshot = _snapshot("city400-s1")
    output = _seed()
    assert "staat al in de database" in output
    assert {
        m.__name__: m.objects.count() for m in (District, Family, Person, Involvement, Professional)
    } == before
    output = _seed(replace=True)
    assert "verwijderd" in output
    assert {
        m.__name__: m.objects.count() for m in (District, Family, Person, Involvement, Professional)
    } == before
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


def test_the_run_is_one_audit_entry():
    before = AuditEntry.objects.count()
    _seed()
    entries = list(AuditEntry.objects.all()[before:])
    assert len(entries) == 1
    assert entries[0].action == Action.IMPORT
    assert "city400-s1" in entries[0].reason


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
