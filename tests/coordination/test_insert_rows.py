"""`core.bulk.insert_rows`: the rows `bulk_create` would write, on both databases."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import DataError, IntegrityError, connection, transaction

from ketenzorg.coordination.models import CaseEvent, EventKind, SentNotification
from ketenzorg.core.bulk import insert_rows
from ketenzorg.verwijzing.models import Referral

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_values_come_back_as_given_and_left_out_columns_get_their_defaults(case, okt):
    # Just past the clock change, with microseconds.
    moment = datetime(2026, 3, 29, 3, 30, 15, 123456, tzinfo=AMSTERDAM)
    text = 'Aanhalingstekens " en \\ , een\nnieuwe regel, één 😀 en {"json": [1]}'
    insert_rows(CaseEvent, [
        {"case_id": case.pk, "kind": EventKind.STAGNATION, "occurred_at": moment, "summary": text,
         "level_from": 2, "level_to": 4},
        {"case_id": case.pk, "kind": EventKind.STAGNATION, "occurred_at": moment, "summary": "b"},
    ])  # fmt: skip
    first, second = CaseEvent.objects.filter(kind=EventKind.STAGNATION).order_by("pk")
    assert first.occurred_at == moment and first.summary == text
    assert (first.level_from, first.level_to) == (2, 4)
    assert (second.level_from, second.level_to, second.actor_id, second.rule) == (
        None,
        None,
        None,
        "",
    )
    assert first.uuid != second.uuid  # a callable default is called per row
    assert isinstance(first.uuid, uuid.UUID)


def test_a_duplicate_is_refused_or_skipped_as_asked(case, okt):
    row = {"kind": "stagnation", "object_uuid": case.uuid, "day": date(2026, 12, 4),
           "recipient_id": okt.pk, "sent_at": datetime(2026, 12, 4, 6, 0, tzinfo=AMSTERDAM)}  # fmt: skip
    insert_rows(SentNotification, [row])
    insert_rows(SentNotification, [row, {**row, "day": date(2026, 12, 5)}], ignore_conflicts=True)
    assert sorted(SentNotification.objects.values_list("day", flat=True)) == [
        date(2026, 12, 4),
        date(2026, 12, 5),
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(SentNotification, [{**row, "day": date(2026, 12, 6)}, row])
    assert SentNotification.objects.count() == 2  # nothing of the refused statement stays


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps any length")
def test_a_value_too_long_for_its_column_is_an_error_not_cut_short(case):
    longest = CaseEvent._meta.get_field("summary").max_length
    row = {"case_id": case.pk, "kind": EventKind.STAGNATION, "summary": "x" * (longest + 1),
           "occurred_at": datetime(2026, 12, 4, tzinfo=AMSTERDAM)}  # fmt: skip
    with pytest.raises(DataError), transaction.atomic():
        insert_rows(CaseEvent, [row])
    assert not CaseEvent.objects.filter(kind=EventKind.STAGNATION).exists()


def test_a_field_that_converts_its_own_values_is_refused(db):
    with pytest.raises(TypeError, match="EncryptedJSONField"):
        insert_rows(Referral, [{"status": "x"}])
