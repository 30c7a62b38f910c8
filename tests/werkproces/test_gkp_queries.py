"""No N+1 on the GKP pages: the AJH-verbinder's list, an agenda of anonymous items and the
werkproces page cost the same number of queries for one row as for three. (An item on name
costs its consent check at every look, on purpose: the consent is asked at the moment of
sharing, so that a withdrawal counts at once.)"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.werkproces.gkp_world import *  # noqa: F403 (its fixtures)
from tests.werkproces.gkp_world import add_item


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_agenda_and_the_werkproces_page_do_not_grow_with_their_items(
    client, okt, case, at_ajh, meetings, verbinder
):
    first, second, third = meetings
    add_item(okt, case, first)
    factories.verified_login(client, verbinder.user)
    agenda = reverse("werkproces:gkp_meeting", args=[first.uuid])
    listing = reverse("werkproces:gkp_meetings")
    one_agenda, one_list = queries(client, agenda), queries(client, listing)
    factories.verified_login(client, okt.user)
    page = reverse("werkproces:case", args=[case.uuid])
    one_page = queries(client, page)
    add_item(okt, case, first)
    add_item(okt, case, first)
    add_item(okt, case, second)
    add_item(okt, case, third)
    assert queries(client, page) == one_page
    factories.verified_login(client, verbinder.user)
    assert queries(client, agenda) == one_agenda
    assert queries(client, listing) == one_list
