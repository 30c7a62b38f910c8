"""`ketenzorg demo` on an empty database: a second run changes nothing, the load's own log
entries, the refusal on a real deployment, and a part that needs the city first."""

import io

import pytest
from django.core.management import CommandError, call_command

from ketenzorg.audit.models import Action, AuditEntry
from ketenzorg.network.models import District
from ketenzorg.synthetic.demo import city, loader
from ketenzorg.synthetic.demo import werkproces as demo_werkproces
from ketenzorg.werkproces.models import Werkproces
from tests.synthetic.test_demo import _counts, _run_demo

pytestmark = pytest.mark.django_db


def test_second_run_changes_nothing_and_still_prints_the_accounts():
    first = _run_demo()
    before = _counts()
    second = _run_demo()
    assert _counts() == before
    assert "Demostad bestaat al" in second
    assert first.split("\n\n", 1)[1] == second.split("\n\n", 1)[1]  # the same account table


def test_the_load_is_one_import_entry_per_part_and_the_werkproces_logged_as_its_writers():
    before = AuditEntry.objects.count()
    _run_demo()
    entries = list(AuditEntry.objects.order_by("pk")[before:])
    imports = [e for e in entries if e.action == Action.IMPORT]
    assert (imports[0].action, imports[0].reason) == (Action.IMPORT, "demostad geladen")
    assert len(imports) == 1 + len(loader.extensions())
    # The werkproces part goes through the real services: each write is in the log under the
    # demo professional who made it, not as an anonymous import.
    demo_users = {a.username for a in city.ACCOUNTS}
    written = [e for e in entries if e.action != Action.IMPORT]
    assert written
    assert all(e.username in demo_users for e in written)
    assert {e.object_type.split(".")[0] for e in written} == {
        "werkproces",
        "consent",
        "aanbod",
        "verwijzing",
    }


def test_refuses_on_a_real_deployment(settings):
    settings.SECRET_KEY = "a-real-production-secret-key-" + "y" * 40
    with pytest.raises(CommandError, match="echte installatie"):
        call_command("demo", stdout=io.StringIO())
    assert not District.objects.filter(name=city.CITY_NAME).exists()


def test_the_werkproces_demo_needs_the_city_first():
    out = io.StringIO()
    assert demo_werkproces.load_demo(stdout=out) is None
    assert "eerst de demostad laden" in out.getvalue()
    assert not Werkproces.objects.exists()
