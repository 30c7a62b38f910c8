"""The demo's year of contact moments gives the demo manager figures above the threshold."""

from __future__ import annotations

import pytest

from ketenzorg.network.models import Role
from ketenzorg.signaal import figures
from ketenzorg.signaal.forms import default_period
from ketenzorg.synthetic.demo import signaal as demo
from tests import factories


@pytest.mark.django_db
def test_a_year_of_contacts_shows_lines_and_the_rising_topic():
    factories.make_professional(Role.OPVOEDADVISEUR)
    written = demo.load_demo()
    assert written > demo.MONTHS * demo.PER_MONTH * 0.8
    assert demo.load_demo() == 0  # once only
    first, last = default_period()
    channel = figures.contacts("channel", first, last)
    assert len(channel.rows) == demo.MONTHS
    assert all(total is not None and total >= 10 for total in channel.row_totals)
    topic = figures.contacts("topic", first, last)
    rising = [name for name, test in topic.extra["rises"].items() if test.rises]
    assert rising == [demo.RISING_TOPIC]
