"""The builders refuse what is not a message, each problem with its own Dutch text."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from django.utils import translation

from ketenzorg.core.errors import ValidationFailed
from ketenzorg.ijw import (
    Category,
    Client,
    Gender,
    Header,
    MessageInvalid,
    Party,
    Product,
    Scope,
    StopReason,
)
from tests.ijw import builders


def problems_of(build) -> dict[str, str]:
    with pytest.raises(MessageInvalid) as caught:
        build()
    return dict(caught.value.problems)


def test_codes_given_as_strings_become_the_code_lists_members():
    message = builders.stop()
    assert message.reason is StopReason.AS_PLANNED
    assert message.client.gender is Gender.FEMALE
    assert builders.request().product.category is Category.AMBULANT
    assert Category.AMBULANT.label == "45 jeugdhulp ambulant"


@pytest.mark.parametrize("bsn", ["999990018", "123456789", "000000000"])
def test_a_bsn_failing_the_elfproef_is_refused(bsn):
    problems = problems_of(lambda: builders.client(bsn=bsn))
    assert problems == {"bsn": "Dit BSN klopt niet (de elfproef faalt). Controleer de cijfers."}


@pytest.mark.parametrize("bsn", ["99999001", "9999900190", "99999001a", 999990019])
def test_a_bsn_without_nine_digits_is_refused(bsn):
    assert problems_of(lambda: builders.client(bsn=bsn)) == {"bsn": "Een BSN heeft 9 cijfers."}


def test_every_problem_of_a_client_is_named_at_once():
    problems = problems_of(
        lambda: Client(
            bsn="1", birth_date="2014-06-15", family_name=" ", initials="t.j.", gender="3"
        )
    )
    assert set(problems) == {"bsn", "birth_date", "family_name", "initials", "gender"}
    assert problems["gender"] == "Onbekende code: 3."
    assert problems["birth_date"] == "Hier hoort een datum."


def test_an_unknown_category_is_refused():
    for code in ("51", "4", "045", "99"):
        assert problems_of(lambda c=code: Product(category=c)) == {
            "category": f"Onbekende productcategorie: {code}."
        }


def test_a_product_code_has_five_characters():
    assert "code" in problems_of(lambda: Product(category="45", code="45A0"))
    assert Product(category="45", code="45A01").code == "45A01"


@pytest.mark.parametrize("volume", [0, -1, 100_000_000])
def test_a_volume_out_of_range_is_refused(volume):
    problems = problems_of(lambda: Scope(volume=volume, unit="uur", frequency="week"))
    assert problems == {"volume": "De omvang is groter dan 0 en hoogstens 99999999."}


@pytest.mark.parametrize("volume", [True, 2.5, "3"])
def test_a_volume_that_is_no_whole_number_is_refused(volume):
    problems = problems_of(lambda: Scope(volume=volume, unit="uur", frequency="week"))
    assert problems == {"volume": "De omvang is een geheel getal."}


def test_unit_and_frequency_come_from_their_lists():
    problems = problems_of(lambda: Scope(volume=1, unit="jaar", frequency="eeuw"))
    assert set(problems) == {"unit", "frequency"}


def test_an_end_before_the_begin_is_refused():
    problems = problems_of(lambda: builders.request(end=date(2025, 3, 31)))
    assert problems == {"end": "De einddatum ligt vóór de ingangsdatum."}
    problems = problems_of(lambda: builders.assignment(end=date(2025, 3, 31)))
    assert problems == {"end": "De einddatum ligt vóór de ingangsdatum."}
    # One day of care is a period.
    assert builders.request(end=date(2025, 4, 1)).end == date(2025, 4, 1)


def test_a_message_names_every_problem_of_its_own():
    problems = problems_of(
        lambda: builders.request(
            reference="VZ 1", begin=date(2025, 4, 1), end="2025-12-31", verwijzer="buurman"
        )
    )
    assert set(problems) == {"reference", "end", "verwijzer"}


def test_a_birth_date_after_the_message_is_refused():
    problems = problems_of(
        lambda: builders.start(client=builders.client(birth_date=date(2026, 1, 1)))
    )
    assert problems == {
        "client.birth_date": "De geboortedatum ligt na het aanmaakmoment van het bericht."
    }


def test_the_header_wants_an_aware_moment_and_stores_it_in_utc():
    assert "created" in problems_of(lambda: builders.header(created=datetime(2025, 3, 1, 9, 30)))
    amsterdam = timezone(timedelta(hours=1))
    made = builders.header(created=datetime(2025, 3, 1, 10, 30, tzinfo=amsterdam))
    assert made.created.utcoffset() == timedelta(0)
    assert made.created == builders.header().created


def test_the_header_knows_only_our_profile_and_checks_its_codes():
    problems = problems_of(
        lambda: builders.header(profile="ketenzorg-ijw-2.0", gemeente="363", message_id="x")
    )
    assert set(problems) == {"profile", "gemeente", "message_id"}


def test_a_party_has_an_eight_digit_code_and_a_name():
    problems = problems_of(lambda: Party(code="9900001", name="x" * 101))
    assert problems == {
        "code": "Een organisatiecode heeft 8 cijfers.",
        "name": "Maximaal 100 tekens.",
    }
    assert "name" in problems_of(lambda: Party(code="99000001", name="Test\x00aanbieder"))


def test_a_part_of_the_wrong_kind_is_refused():
    problems = problems_of(lambda: builders.stop(header="kop", client=None))
    assert set(problems) == {"header", "client"}


def test_messages_are_frozen():
    message = builders.start()
    with pytest.raises(AttributeError):
        message.start = date(2025, 1, 1)


def test_the_error_is_a_validation_error_with_field_errors_for_the_api():
    with pytest.raises(ValidationFailed) as caught:
        Header(
            sender=builders.PROVIDER,
            receiver=builders.GEMEENTE,
            gemeente="abcd",
            message_id="not a uuid",
            created=None,
        )
    assert caught.value.status == 400
    assert set(caught.value.field_errors) == {"gemeente", "message_id", "created"}


def test_the_texts_are_translated_when_raised():
    with translation.override("en"):
        problems = problems_of(lambda: builders.client(bsn="999990018"))
    assert problems == {"bsn": "This BSN is not valid (the eleven test fails). Check the digits."}
