"""Involvements with history, and the Verwijsindex match: both told, nothing of the other's work shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ketenzorg.coordination import selectors, services
from ketenzorg.coordination.models import InvolvementMatch
from ketenzorg.core.errors import AccessDenied, Conflict, ValidationFailed
from tests import factories

pytestmark = pytest.mark.django_db


def test_second_professional_with_the_same_child_makes_a_match(
    case, okt, family, django_capture_on_commit_callbacks
):
    kim = family.members.get(given_name="Kim")
    jgz = factories.make_professional("jgz")
    services.involvement_register(
        actor=okt.user, case=case, professional=jgz, person=kim
    )  # first for Kim: no match
    assert not InvolvementMatch.objects.exists()
    school = factories.make_professional("meedenker")
    with django_capture_on_commit_callbacks(execute=True):
        services.involvement_register(
            actor=okt.user,
            case=case,
            professional=school,
            person=kim,
            capacity="schoolmaatschappelijk werk",
        )
    match = InvolvementMatch.objects.get()
    assert match.person == kim and match.existing_involvement.professional == jgz
    assert sorted(m.to[0] for m in mail.outbox) == sorted([school.email, jgz.email])
    for message in mail.outbox:
        assert (
            "Kim" not in message.body
            and "Proefmans" not in message.body
            and "school" not in message.body.lower()
        )


def test_match_shows_the_other_professional_on_the_dashboard(case, okt, family):
    kim = family.members.get(given_name="Kim")
    jgz = factories.make_professional("jgz")
    school = factories.make_professional("meedenker")
    services.involvement_register(actor=okt.user, case=case, professional=jgz, person=kim)
    services.involvement_register(actor=okt.user, case=case, professional=school, person=kim)
    board = selectors.dashboard(actor=jgz.user)
    assert [m.other for m in board.matches] == [school]
    # ... and the newcomer's dashboard shows the one who was there first
    assert [m.other for m in selectors.dashboard(actor=school.user).matches] == [jgz]
    assert not selectors.dashboard(actor=okt.user).matches


def test_a_match_is_no_longer_shown_once_ones_own_involvement_ended(case, okt, family):
    kim = family.members.get(given_name="Kim")
    jgz, school = factories.make_professional("jgz"), factories.make_professional("meedenker")
    month_ago = timezone.localdate() - timedelta(days=30)
    for professional in (jgz, school):
        services.involvement_register(
            actor=okt.user, case=case, professional=professional, person=kim, started_on=month_ago
        )
    assert [m.other for m in selectors.dashboard(actor=jgz.user).matches] == [school]
    services.involvement_end(
        actor=okt.user,
        case=case,
        involvement=case.family.involvements.get(professional=jgz),
        ended_on=timezone.localdate() - timedelta(days=1),
    )
    assert selectors.dashboard(actor=jgz.user).matches == []


def test_no_match_for_another_child_or_the_same_professional(case, okt, family):
    kim, noa = family.members.get(given_name="Kim"), family.members.get(given_name="Noa")
    jgz = factories.make_professional("jgz")
    services.involvement_register(actor=okt.user, case=case, professional=jgz, person=kim)
    services.involvement_register(actor=okt.user, case=case, professional=jgz, person=noa)
    assert not InvolvementMatch.objects.exists()


def test_registering_twice_is_refused(case, okt):
    jgz = factories.make_professional("jgz")
    services.involvement_register(actor=okt.user, case=case, professional=jgz)
    with pytest.raises(ValidationFailed) as exc:
        services.involvement_register(actor=okt.user, case=case, professional=jgz)
    assert "al betrokken" in exc.value.field_errors["professional"][0]


def test_non_client_roles_cannot_be_registered(case, okt):
    with pytest.raises(ValidationFailed):
        services.involvement_register(
            actor=okt.user, case=case, professional=factories.make_professional("manager")
        )


def test_person_of_another_family_is_refused(case, okt):
    other_family = factories.register_family(okt, name="Gezin Anders")
    with pytest.raises(ValidationFailed):
        services.involvement_register(
            actor=okt.user,
            case=case,
            professional=factories.make_professional("jgz"),
            person=other_family.members.first(),
        )


def test_an_uninvolved_professional_cannot_register(case):
    outsider = factories.make_professional("okt")
    with pytest.raises(AccessDenied):
        services.involvement_register(actor=outsider.user, case=case, professional=outsider)


def test_ending_twice_is_a_conflict(case, okt):
    jgz = factories.make_professional("jgz")
    involvement = services.involvement_register(
        actor=okt.user, case=case, professional=jgz, started_on=None
    )
    involvement.started_on = timezone.localdate() - timedelta(days=10)
    involvement.save()
    services.involvement_end(
        actor=okt.user,
        case=case,
        involvement=involvement,
        ended_on=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(Conflict):
        services.involvement_end(actor=okt.user, case=case, involvement=involvement)
