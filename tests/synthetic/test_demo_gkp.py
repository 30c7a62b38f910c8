"""The GKP-overleg in Demostad: the demo AJH-verbinder has held and upcoming meetings with
agendas, the outcome of the discussed question is on the demo OKT professional's case."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from ketenzorg.network.models import Role
from ketenzorg.synthetic.demo import city
from ketenzorg.synthetic.demo import gkp as demo_gkp
from ketenzorg.werkproces import selectors, selectors_gkp
from ketenzorg.werkproces.models import GkpItemStatus, GkpMeeting

pytestmark = pytest.mark.django_db


def _user(role: str):
    return get_user_model().objects.get(username=city.account_for(role).username)


def test_the_gkp_demo_needs_the_city_first():
    out = io.StringIO()
    assert demo_gkp.load_demo(stdout=out) is None
    assert "eerst de demostad laden" in out.getvalue()


def test_the_verbinder_and_the_okt_professional_see_gkp_work():
    call_command("demo", stdout=io.StringIO())
    verbinder, okt = _user(Role.AJH_VERBINDER), _user(Role.OKT)
    meetings = selectors_gkp.gkp_meetings_for(actor=verbinder)
    now = timezone.now()
    held = [m for m in meetings if m.starts_at <= now]
    coming = [m for m in meetings if m.starts_at > now]
    assert held and coming
    discussed = selectors_gkp.gkp_meeting_view(actor=verbinder, meeting_uuid=held[-1].uuid)
    (past,) = discussed.items
    assert past.item.status == GkpItemStatus.DISCUSSED and past.outcome is not None
    assert past.family is None  # anonymous: the consent came later
    upcoming = selectors_gkp.gkp_meeting_view(actor=verbinder, meeting_uuid=coming[0].uuid)
    (on_name,) = upcoming.items
    assert on_name.item.identified and on_name.family is not None
    rows = selectors.werkproces_view(actor=okt, case=past.item.werkproces.case).gkp_items
    assert any(r.outcome is not None for r in rows)
    assert past.item.asked_by == okt.professional
    # A second run adds nothing.
    before = GkpMeeting.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert GkpMeeting.objects.count() == before
