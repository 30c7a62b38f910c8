"""Ended sessions are removed by the worker's round: nothing keeps who was logged in, and with
which device, once the session is over (docs/operations.md)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from ketenzorg.accounts.models import KeptSession
from ketenzorg.coordination.management.commands.coordination_tick import _round
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_workers_round_removes_ended_sessions_and_keeps_running_ones(client):
    professional = factories.make_professional("okt")
    factories.verified_login(client, professional.user)
    running = client.cookies[settings.SESSION_COOKIE_NAME].value
    now = timezone.now()
    for n, minutes in enumerate((1, 60, 60 * 24 * 30)):
        KeptSession.objects.create(
            session_key=f"afgelopen{n:031d}",
            session_data="{}",
            expire_date=now - timedelta(minutes=minutes),
            user=professional.user,
        )
    line = _round(None)
    assert ", verlopen sessies verwijderd: 3" in line
    assert list(KeptSession.objects.values_list("session_key", flat=True)) == [running]
    assert client.get("/casussen/").status_code == 200  # the running one still logs in
    assert "verlopen sessies" not in _round(None)  # nothing ended since: nothing said
