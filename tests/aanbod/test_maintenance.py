"""Providers keep their own programmes: internal fields directly, the rest as a proposal;
another organisation's programmes and non-providers are refused and the refusal is logged."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from ketenzorg.aanbod import services
from ketenzorg.aanbod.models import ChangeKind, Programme, ProgrammeRevision, ProgrammeStatus
from ketenzorg.audit.models import Action, AuditEntry, Outcome
from ketenzorg.core.errors import AccessDenied, ValidationFailed
from ketenzorg.network.models import Role
from tests import factories
from tests.aanbod.maintenance_builders import input_of, programme_input

pytestmark = pytest.mark.django_db


def test_internal_fields_change_directly_and_are_in_the_history(aanbieder, make_programme):
    programme = make_programme("Slaapcursus Proef", "Oud.", waiting_weeks=2,
                               waiting_confirmed_on=date(2026, 1, 5))  # fmt: skip
    result = services.programme_change(
        actor=aanbieder.user, programme=programme,
        data=input_of(programme, waiting_weeks=6, capacity="vol", internal_notes="Bel eerst."),
    )  # fmt: skip
    assert result.revision is None and result.changed_directly
    programme.refresh_from_db()
    assert (programme.waiting_weeks, programme.capacity) == (6, "vol")
    line = programme.changes.get(kind=ChangeKind.INTERNAL)
    assert line.author == aanbieder.user and line.approved_by is None
    assert {"field": "waiting_weeks", "old": 2, "new": 6} in line.changes
    assert not ProgrammeRevision.objects.exists()


def test_confirming_the_waiting_time_sets_today(aanbieder, make_programme):
    programme = make_programme("Slaapcursus Proef", "Oud.", waiting_weeks=2,
                               waiting_confirmed_on=date(2025, 1, 5))  # fmt: skip
    services.waiting_time_confirm(actor=aanbieder.user, programme=programme)
    programme.refresh_from_db()
    assert programme.waiting_confirmed_on == timezone.localdate()
    assert programme.changes.filter(kind=ChangeKind.INTERNAL).exists()


def test_confirming_without_a_waiting_time_is_refused_clearly(aanbieder, make_programme):
    programme = make_programme("Slaapcursus Proef", "Oud.")
    with pytest.raises(ValidationFailed):
        services.waiting_time_confirm(actor=aanbieder.user, programme=programme)


def test_a_concept_that_stays_a_concept_changes_directly(aanbieder, provider):
    created = services.programme_create(
        actor=aanbieder.user, data=programme_input(provider, status=ProgrammeStatus.DRAFT)
    )
    assert created.revision is None
    programme = created.programme
    result = services.programme_change(
        actor=aanbieder.user, programme=programme,
        data=input_of(programme, description="Anders.", status=ProgrammeStatus.DRAFT),
    )  # fmt: skip
    assert result.revision is None
    assert Programme.objects.get(pk=programme.pk).description == "Anders."
    assert list(programme.changes.values_list("kind", flat=True)) == [
        ChangeKind.DIRECT,
        ChangeKind.CREATED,
    ]


def test_another_organisations_programme_is_refused_and_logged(other_aanbieder, make_programme):
    programme = make_programme("Slaapcursus Proef", "Oud.")
    with pytest.raises(AccessDenied):
        services.programme_change(
            actor=other_aanbieder.user, programme=programme, data=input_of(programme, costs="x")
        )
    with pytest.raises(AccessDenied):
        services.waiting_time_confirm(actor=other_aanbieder.user, programme=programme)
    entry = AuditEntry.objects.filter(user_id_snapshot=other_aanbieder.user.pk).first()
    assert (entry.outcome, entry.action, entry.reason) == (
        Outcome.DENIED,
        Action.UPDATE,
        "aanbod van een andere organisatie",
    )
    assert Programme.objects.get(pk=programme.pk).costs == ""


def test_a_provider_creates_only_for_its_own_organisation(aanbieder, other_aanbieder, provider):
    with pytest.raises(AccessDenied):
        services.programme_create(actor=other_aanbieder.user, data=programme_input(provider))
    assert AuditEntry.objects.filter(
        user_id_snapshot=other_aanbieder.user.pk, outcome=Outcome.DENIED, action=Action.CREATE
    ).exists()
    assert not Programme.objects.exists()


def test_a_professional_without_the_role_is_refused(make_programme, provider):
    okt = factories.make_professional(Role.OKT, organisation=provider)
    programme = make_programme("Slaapcursus Proef", "Oud.")
    with pytest.raises(AccessDenied):
        services.programme_change(
            actor=okt.user, programme=programme, data=input_of(programme, costs="x")
        )
    assert AuditEntry.objects.filter(user_id_snapshot=okt.user.pk, outcome=Outcome.DENIED).exists()


def test_an_edit_never_moves_a_programme_to_another_organisation(aanbieder, make_programme):
    programme = make_programme("Slaapcursus Proef", "Oud.", status=ProgrammeStatus.DRAFT)
    other = factories.make_organisation("Elders")
    services.programme_change(
        actor=aanbieder.user, programme=programme,
        data=input_of(programme, provider=other, description="Nieuw.", status=ProgrammeStatus.DRAFT),
    )  # fmt: skip
    assert Programme.objects.get(pk=programme.pk).provider_id == programme.provider_id


def test_bad_input_writes_nothing(aanbieder, provider):
    with pytest.raises(ValidationFailed) as raised:
        services.programme_create(
            actor=aanbieder.user, data=programme_input(provider, name=" ", min_age=9, max_age=3)
        )
    assert {"name", "min_age"} <= set(raised.value.field_errors)
    assert not Programme.objects.exists()
