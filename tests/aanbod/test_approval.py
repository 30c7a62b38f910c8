"""Four eyes on what the public sees: a proposal changes the programme only when a beheerder
who did not write it approves it; the history says who, what and who approved."""

from __future__ import annotations

import pytest

from ketenzorg.aanbod import selectors, services
from ketenzorg.aanbod.models import (
    ChangeKind,
    Programme,
    ProgrammeChange,
    ProgrammeRevision,
    ProgrammeStatus,
    RevisionStatus,
)
from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.core.errors import AccessDenied, Conflict, ValidationFailed
from tests.aanbod.maintenance_builders import input_of, programme_input

pytestmark = pytest.mark.django_db


def public_names() -> list[str]:
    return [p.name for p in selectors.programme_search(selectors.SearchParams()).results]


def test_a_new_programme_of_a_provider_is_public_only_after_approval(
    aanbieder, beheerder, provider
):
    result = services.programme_create(actor=aanbieder.user, data=programme_input(provider))
    assert result.programme.status == ProgrammeStatus.DRAFT
    assert result.revision.status == RevisionStatus.PENDING
    assert public_names() == []

    services.revision_approve(actor=beheerder.user, revision=result.revision)

    programme = Programme.objects.get(pk=result.programme.pk)
    assert programme.status == ProgrammeStatus.PUBLISHED
    assert public_names() == ["Slaapcursus Proef"]
    # The search terms were written with the approval: "slapen" finds it.
    assert [p.name for p in selectors.programme_search(selectors.SearchParams(text="slapen")).results] == ["Slaapcursus Proef"]  # fmt: skip
    revision = ProgrammeRevision.objects.get(pk=result.revision.pk)
    assert (revision.status, revision.decided_by) == (RevisionStatus.APPROVED, beheerder.user)
    approved = programme.changes.get(kind=ChangeKind.APPROVED)
    assert approved.author == aanbieder.user and approved.approved_by == beheerder.user
    assert {"field": "status", "old": "concept", "new": "gepubliceerd"} in approved.changes


def test_a_change_of_a_published_programme_waits_and_the_public_sees_the_old(
    aanbieder, beheerder, make_programme, provider
):
    programme = make_programme("Slaapcursus Proef", "Oud.", topics=["Slapen"])
    result = services.programme_change(
        actor=aanbieder.user, programme=programme, data=input_of(programme, description="Nieuw.")
    )
    assert result.revision is not None and not result.changed_directly
    assert Programme.objects.get(pk=programme.pk).description == "Oud."
    services.revision_approve(actor=beheerder.user, revision=result.revision)
    assert Programme.objects.get(pk=programme.pk).description == "Nieuw."
    line = programme.changes.get(kind=ChangeKind.APPROVED)
    assert line.changes == [{"field": "description", "old": "Oud.", "new": "Nieuw."}]


def test_a_beheerder_never_approves_their_own_proposal(beheerder, second_beheerder, make_programme):
    programme = make_programme("Slaapcursus Proef", "Oud.")
    result = services.programme_change(
        actor=beheerder.user, programme=programme, data=input_of(programme, costs="5 euro")
    )
    with pytest.raises(AccessDenied):
        services.revision_approve(actor=beheerder.user, revision=result.revision)
    assert AuditEntry.objects.filter(
        user_id_snapshot=beheerder.user.pk, outcome=Outcome.DENIED,
        object_type="aanbod.ProgrammeRevision", reason="eigen voorstel beoordelen",
    ).exists()  # fmt: skip
    services.revision_approve(actor=second_beheerder.user, revision=result.revision)
    assert Programme.objects.get(pk=programme.pk).costs == "5 euro"


def test_a_provider_cannot_approve(aanbieder, make_programme, provider):
    programme = make_programme("Slaapcursus Proef", "Oud.")
    result = services.programme_change(
        actor=aanbieder.user, programme=programme, data=input_of(programme, costs="5 euro")
    )
    with pytest.raises(AccessDenied):
        services.revision_approve(actor=aanbieder.user, revision=result.revision)


def test_rejection_needs_a_reason_and_keeps_the_programme(aanbieder, beheerder, make_programme):
    programme = make_programme("Slaapcursus Proef", "Oud.")
    revision = services.programme_change(
        actor=aanbieder.user, programme=programme, data=input_of(programme, description="Fout.")
    ).revision
    with pytest.raises(ValidationFailed) as raised:
        services.revision_reject(actor=beheerder.user, revision=revision, reason="  ")
    assert "reason" in raised.value.field_errors
    services.revision_reject(actor=beheerder.user, revision=revision, reason="Te vaag.")
    revision.refresh_from_db()
    assert (revision.status, revision.rejection_reason) == (RevisionStatus.REJECTED, "Te vaag.")
    assert Programme.objects.get(pk=programme.pk).description == "Oud."
    with pytest.raises(Conflict):
        services.revision_approve(actor=beheerder.user, revision=revision)


def test_a_new_edit_replaces_the_pending_proposal(aanbieder, beheerder, make_programme):
    programme = make_programme("Slaapcursus Proef", "Oud.")
    first = services.programme_change(
        actor=aanbieder.user, programme=programme, data=input_of(programme, description="Een.")
    ).revision
    second = services.programme_change(
        actor=aanbieder.user, programme=programme, data=input_of(programme, description="Twee.")
    ).revision
    first.refresh_from_db()
    assert first.status == RevisionStatus.SUPERSEDED
    with pytest.raises(Conflict):
        services.revision_approve(actor=beheerder.user, revision=first)
    services.revision_approve(actor=beheerder.user, revision=second)
    assert Programme.objects.get(pk=programme.pk).description == "Twee."


def test_approval_checks_the_name_again(aanbieder, beheerder, make_programme):
    programme = make_programme("Slaapcursus Proef", "Oud.")
    revision = services.programme_change(
        actor=aanbieder.user, programme=programme, data=input_of(programme, name="Peutergym")
    ).revision
    make_programme("Peutergym", "Intussen door de beheerder aangemaakt.")
    with pytest.raises(ValidationFailed):
        services.revision_approve(actor=beheerder.user, revision=revision)
    assert Programme.objects.get(pk=programme.pk).name == "Slaapcursus Proef"
    assert ProgrammeChange.objects.filter(kind=ChangeKind.APPROVED).count() == 0
