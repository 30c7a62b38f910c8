"""Fictional messages for the tests: test BSNs that pass the elfproef, "Test…" names, AGB-like
codes starting 99 and the gemeentecode 9999, which no gemeente has."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from ketenzorg.ijw import (
    Assignment,
    AssignmentRequest,
    CareStart,
    CareStop,
    Client,
    Header,
    Party,
    Product,
    Scope,
)

TEST_BSNS = ("999990019", "999990020", "999990032", "999990044")
PROVIDER = Party(code="99000001", name="Testaanbieder Jeugdhulp")
GEMEENTE = Party(code="99000002", name="Gemeente Demostad")


def header(**overrides) -> Header:
    values = {
        "sender": GEMEENTE,
        "receiver": PROVIDER,
        "gemeente": "9999",
        "message_id": UUID("0b6f1d6e-3f7a-4d2b-9a51-6c1f0e2d3a41"),
        "created": datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
    } | overrides
    return Header(**values)


def client(**overrides) -> Client:
    values = {
        "bsn": TEST_BSNS[0],
        "birth_date": date(2014, 6, 15),
        "family_name": "Testfamilie",
        "initials": "TJ",
        "given_names": "Tess Jansje",
        "gender": "2",
    } | overrides
    return Client(**values)


def request(**overrides) -> AssignmentRequest:
    values = {
        "header": header(sender=PROVIDER, receiver=GEMEENTE),
        "client": client(),
        "reference": "VZ-2025-0001",
        "product": Product(category="45", code="45A01"),
        "scope": Scope(volume=3, unit="uur", frequency="week"),
        "begin": date(2025, 4, 1),
        "end": date(2025, 12, 31),
        "verwijzer": "gemeente",
        "provider": PROVIDER,
    } | overrides
    return AssignmentRequest(**values)


def assignment(**overrides) -> Assignment:
    values = {
        "header": header(),
        "client": client(),
        "assignment_number": "TW-2025-0001",
        "request_reference": "VZ-2025-0001",
        "product": Product(category="45", code="45A01"),
        "scope": Scope(volume=3, unit="uur", frequency="week"),
        "begin": date(2025, 4, 1),
        "end": date(2025, 12, 31),
        "provider": PROVIDER,
    } | overrides
    return Assignment(**values)


def start(**overrides) -> CareStart:
    values = {
        "header": header(sender=PROVIDER, receiver=GEMEENTE),
        "client": client(),
        "assignment_number": "TW-2025-0001",
        "start": date(2025, 4, 7),
    } | overrides
    return CareStart(**values)


def stop(**overrides) -> CareStop:
    values = {
        "header": header(sender=PROVIDER, receiver=GEMEENTE),
        "client": client(),
        "assignment_number": "TW-2025-0001",
        "end": date(2025, 11, 28),
        "reason": "01",
    } | overrides
    return CareStop(**values)


def every_kind():
    """One of each message, and one with every optional element left out."""
    return [
        request(),
        assignment(),
        start(),
        stop(),
        request(end=None, product=Product(category="54"), client=client(given_names=None)),
        assignment(end=None),
    ]
