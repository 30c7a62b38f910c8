"""The GKP-overleg's test world, built through the real services: a family in a gebied of
Proef-Oost at the AJH step, the AJH-verbinder of Proef-Oost and one of another stadsdeel, and
a series of upcoming meetings. Imported by the test_gkp_* modules."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from ketenzorg.consent import services as consent_services
from ketenzorg.network.models import DistrictKind, OrganisationKind
from ketenzorg.werkproces import rules
from ketenzorg.werkproces.services import gkp
from tests import factories


@pytest.fixture
def gebied(stadsdeel):
    return factories.make_district("Proef-Oost-Noord", kind=DistrictKind.GEBIED, parent=stadsdeel)


@pytest.fixture
def gkp_org(stadsdeel):
    org = factories.make_organisation("Proef-GKP Oost", kind=OrganisationKind.GEBIEDSKNOOPPUNT)
    org.district = stadsdeel
    org.save()
    return org


@pytest.fixture
def verbinder(gkp_org):
    return factories.make_professional("ajh_verbinder", organisation=gkp_org)


@pytest.fixture
def other_verbinder(db):
    """An AJH-verbinder of another stadsdeel (serving a gebied of it)."""
    west = factories.make_district("Proef-West")
    professional = factories.make_professional(
        "ajh_verbinder", organisation=factories.make_organisation("Proef-GKP West")
    )
    professional.areas.add(factories.make_district("Proef-West-Zuid", DistrictKind.GEBIED, west))
    return professional


@pytest.fixture
def family_in_gebied(family, gebied):
    family.district = gebied
    family.save(update_fields=["district"])
    return family


@pytest.fixture
def at_ajh(werkproces, move, family_in_gebied):
    move(rules.CONTINUE)
    move(rules.CONTINUE, team_decision="Het team besloot samen: expertise van buiten")
    move(rules.CONTINUE)
    werkproces.refresh_from_db()
    return werkproces


@pytest.fixture
def meetings(verbinder, stadsdeel):
    """Three meetings, every other week from tomorrow at 13:00."""
    return gkp.gkp_meetings_plan(
        actor=verbinder.user,
        stadsdeel=stadsdeel,
        first=timezone.localdate() + timedelta(days=1),
        at=time(13, 0),
        every_weeks=2,
        count=3,
        location="Stadsdeelkantoor Oost, zaal 2",
    )


@pytest.fixture
def meeting(meetings):
    return meetings[0]


def add_item(okt, case, meeting, *, identified=False, parts=(), now=None):
    return gkp.gkp_item_add(
        actor=okt.user,
        case=case,
        meeting=meeting,
        question="Welke aanvullende jeugdhulp past bij de somberheid van de oudste?",
        summary="Kind van tien, somber sinds een half jaar, gesprekken hielpen te weinig.",
        identified=identified,
        shared_parts=parts,
        now=now,
    )


def give_gkp_consent(okt, family, *, parts=("personalia", "plan"), **recipient):
    kim = family.members.get(given_name="Kim")
    sam = family.members.get(given_name="Sam")
    return consent_services.consent_record(
        actor=okt.user,
        family=family,
        child=kim,
        purpose="gkp_overleg",
        parts=list(parts),
        child_consented=False,
        parents=[sam],
        method="mondeling",
        **(recipient or {"recipient_role": "ajh_verbinder"}),
    )


def held(meeting):
    """The meeting's time has come: moved to an hour ago (the clock is not ours to turn)."""
    type(meeting).objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=1)
    )
    meeting.refresh_from_db()
    return meeting
