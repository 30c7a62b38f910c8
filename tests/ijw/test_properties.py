"""Any valid message survives XML and JSON unchanged, and its XML passes the XSD."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st
from stdnum.nl import bsn as stdnum_bsn

from ketenzorg.ijw import (
    Assignment,
    AssignmentRequest,
    CareStart,
    CareStop,
    Category,
    Client,
    Frequency,
    Gender,
    Header,
    Party,
    Product,
    Scope,
    StopReason,
    Unit,
    Verwijzer,
    from_json,
    from_xml,
    to_json,
    to_xml,
    validate_xml,
)

# Letters, digits, punctuation and spaces from all of Unicode: what a name may hold.
text = st.text(
    st.characters(categories=("L", "M", "N", "P", "Zs", "S")), min_size=1, max_size=40
).filter(str.strip)
digits = lambda n: st.text("0123456789", min_size=n, max_size=n)  # noqa: E731


def with_check_digit(eight: str) -> str | None:
    """The ninth digit that makes a BSN pass the elfproef, if there is one."""
    return next((eight + d for d in "0123456789" if stdnum_bsn.is_valid(eight + d)), None)


bsns = st.integers(1, 99_999_999).map(lambda n: with_check_digit(f"{n:08d}")).filter(bool)
days = st.dates(date(2000, 1, 1), date(2030, 12, 31))
references = st.from_regex(r"[A-Za-z0-9-]{1,20}", fullmatch=True)
parties = st.builds(Party, code=digits(8), name=text)
headers = st.builds(
    Header,
    sender=parties,
    receiver=parties,
    gemeente=digits(4),
    message_id=st.uuids(),
    created=st.datetimes(datetime(2031, 1, 1), datetime(2040, 1, 1), timezones=st.just(UTC)),
)
clients = st.builds(
    Client,
    bsn=bsns,
    birth_date=days,
    family_name=text,
    initials=st.from_regex(r"[A-ZÀ-Ö]{1,6}", fullmatch=True),
    gender=st.sampled_from(Gender),
    given_names=st.none() | text,
)
products = st.builds(
    Product,
    category=st.sampled_from(Category),
    code=st.none() | st.from_regex(r"[A-Za-z0-9]{5}", fullmatch=True),
)
scopes = st.builds(
    Scope,
    volume=st.integers(1, 99_999_999),
    unit=st.sampled_from(Unit),
    frequency=st.sampled_from(Frequency),
)


@st.composite
def periods(draw):
    begin = draw(days)
    end = draw(st.none() | st.dates(begin, date(2035, 12, 31)))
    return begin, end


@st.composite
def messages(draw):
    common = {
        "header": draw(headers),
        "client": draw(clients),
    }
    kind = draw(st.sampled_from([AssignmentRequest, Assignment, CareStart, CareStop]))
    if kind is CareStart:
        return CareStart(**common, assignment_number=draw(references), start=draw(days))
    if kind is CareStop:
        return CareStop(
            **common,
            assignment_number=draw(references),
            end=draw(days),
            reason=draw(st.sampled_from(StopReason)),
        )
    begin, end = draw(periods())
    body = {
        "product": draw(products),
        "scope": draw(scopes),
        "begin": begin,
        "end": end,
        "provider": draw(parties),
    }
    if kind is AssignmentRequest:
        return AssignmentRequest(
            **common, **body, reference=draw(references), verwijzer=draw(st.sampled_from(Verwijzer))
        )
    return Assignment(
        **common,
        **body,
        assignment_number=draw(references),
        request_reference=draw(references),
    )


@given(messages())
def test_any_message_round_trips_and_validates(message):
    data = to_xml(message)
    validate_xml(data)
    assert from_xml(data) == message
    assert from_json(to_json(message)) == message
