"""Crash safety: `kill -9` of the real server under concurrent writes loses no acknowledged
write and no access-log entry (docs/crash-safety.md).

The short version of `ketenzorg crashtest`: two rounds against a scratch database of the kind
the suite runs on (SQLite; in CI also PostgreSQL, where it creates and drops its own database
beside the test database). The long version is run by hand and its figures are in the doc.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from ketenzorg.coordination import services
from ketenzorg.coordination.models import Agreement
from ketenzorg.site.crashtest import inside
from ketenzorg.site.crashtest.runner import Options, check, crash_rounds, summary
from ketenzorg.site.crashtest.scratch import scratch
from tests import factories


@pytest.mark.slow
def test_kill_9_under_write_load_keeps_every_acknowledged_write_and_its_log_entry():
    options = Options(rounds=2, writers=3, seconds_per_round=3.0, web_workers=2, seed=2026)
    with scratch() as box:
        outcome = crash_rounds(box, options)
        report = summary(box, options, outcome)
        assert outcome.ok, report
        # Not vacuous: writes were acknowledged, and the kills hit requests in flight.
        # Each writer has a write acknowledged before each kill (the runner waits for it);
        # on an idle machine it is some sixty.
        assert outcome.acknowledged >= options.rounds * options.writers, report
        assert outcome.kills_in_flight >= 1 and outcome.lost_in_flight >= 1, report
        assert outcome.retried >= 1, report
        assert outcome.report["agreements"] >= outcome.acknowledged
        assert outcome.report["chain"]["checkpoints"] == options.rounds

        # The same check on the same database finds what a crash would have lost.
        record = outcome.record
        some_key, some_uuid = next(iter(record["acknowledged"].items()))
        invented = str(uuid.uuid4())
        tampered = check(box, {**record, "acknowledged": {**record["acknowledged"],
                                                          "never-written": invented}})  # fmt: skip
        assert tampered["problems"] == [
            f"bevestigde schrijfactie never-written ({invented}) ontbreekt in de database"
        ]
        swapped = {**record["acknowledged"], some_key: invented, "other-key": some_uuid}
        problems = check(box, {**record, "acknowledged": swapped})["problems"]
        assert (
            f"bevestigde schrijfactie {some_key} ({invented}) ontbreekt in de database" in problems
        )
        assert (
            f"bevestigde schrijfactie other-key ({some_uuid}) heeft een andere inhoud" in problems
        )
        more = check(box, {**record, "checkpoints": options.rounds + 1})["problems"]
        assert more == [f"audit verify hield 2 van de {options.rounds + 1} ankerpunten aan"]


@pytest.fixture
def okt(db):
    return factories.make_professional("okt")


@pytest.fixture
def case(okt):
    family = factories.register_family(okt)
    return services.case_open(actor=okt.user, family=family, reason="Proef")


def _add(okt, case, key):
    return services.agreement_add(
        actor=okt.user,
        case=case,
        what=inside.marker(key),
        due_on=timezone.localdate() + timedelta(days=7),
        responsible_professional=okt,
    )


def test_the_check_passes_a_write_made_by_the_service(okt, case):
    agreement = _add(okt, case, "k1")
    problems, counts = inside.find_problems({"k1": str(agreement.uuid)}, ["k1", "k2"])
    assert problems == []
    assert counts["agreements"] == 1 and counts["unacknowledged_committed"] == 0
    _add(okt, case, "k2")  # committed, answer lost: allowed when whole
    assert (
        inside.find_problems({"k1": str(agreement.uuid)}, ["k1", "k2"])[1][
            "unacknowledged_committed"
        ]
        == 1
    )
    assert (
        inside.check({"acknowledged": {"k1": str(agreement.uuid)}, "sent": ["k1", "k2"]})[
            "problems"
        ]
        == []
    )


def test_the_check_reports_a_lost_row_a_double_write_and_a_write_without_log_entry(okt, case):
    gone = _add(okt, case, "gone")
    Agreement.objects.filter(pk=gone.pk).delete()  # as if the crash had lost the commit
    twice = _add(okt, case, "twice")
    _add(okt, case, "twice")  # a retry that wrote again instead of replaying
    # A row without its log entry, which only bypassing the service can make: what a write
    # committed apart from its entry would leave behind.
    unlogged = Agreement.objects.create(
        case=case,
        what=inside.marker("unlogged"),
        responsible_organisation=okt.organisation,
        due_on=timezone.localdate() + timedelta(days=7),
        created_by=okt,
    )
    problems, _ = inside.find_problems(
        {"gone": str(gone.uuid), "twice": str(twice.uuid)}, ["gone", "twice", "unlogged"]
    )
    assert problems == [
        f"bevestigde schrijfactie gone ({gone.uuid}) ontbreekt in de database",
        "Idempotency-Key twice is 2 keer geschreven",
        f"afspraak {unlogged.uuid} heeft 0 logregels in plaats van 1",
    ]
