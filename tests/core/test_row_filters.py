"""The row filters give what Django's `{% url %}` and `date` give, on every kind of value."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from django.template import engines
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

VIEWS = [
    "coordination:detail",
    "coordination:agreement_detail",
    "coordination:meeting_plan",
    "coordination:signal",
    "families:detail",
]


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize("viewname", VIEWS)
def test_uuid_url_is_the_url_tag(viewname):
    for value in (uuid4(), uuid4()):
        ours = render(f'{{{{ value|uuid_url:"{viewname}" }}}}', value=value)
        assert ours == render(f'{{% url "{viewname}" value %}}', value=value)
        assert ours == reverse(viewname, args=[value])


def test_uuid_url_follows_the_script_prefix():
    value = uuid4()
    set_script_prefix("/ketenzorg/")
    try:
        ours = render('{{ value|uuid_url:"coordination:detail" }}', value=value)
        assert ours.startswith("/ketenzorg/")
        assert ours == render('{% url "coordination:detail" value %}', value=value)
    finally:
        clear_script_prefix()
    assert not render('{{ value|uuid_url:"coordination:detail" }}', value=value).startswith(
        "/ketenzorg/"
    )


def test_uuid_url_of_a_uuid_as_text_is_reversed():
    value = str(uuid4())
    assert render('{{ value|uuid_url:"coordination:detail" }}', value=value) == reverse(
        "coordination:detail", args=[value]
    )


@pytest.mark.parametrize(
    "viewname", ["coordination:involvement_end", "network:governance_member_remove"]
)
def test_an_address_with_two_uuids_is_reverse(viewname):
    from ketenzorg.core.addresses import uuids_address

    first, second = uuid4(), uuid4()
    assert uuids_address(viewname, first, second) == reverse(viewname, args=[first, second])
    set_script_prefix("/ketenzorg/")
    try:
        assert uuids_address(viewname, second, first) == reverse(viewname, args=[second, first])
        assert uuids_address(viewname, first, second).startswith("/ketenzorg/")
    finally:
        clear_script_prefix()
    assert uuids_address(viewname, str(first), second) == reverse(viewname, args=[first, second])


VALUES = [
    date(2026, 3, 4),
    date(999, 12, 31),
    date(2026, 5, 1),
    datetime(2026, 3, 28, 23, 30, tzinfo=UTC),  # 00:30 on the 29th in Amsterdam (CET)
    datetime(2026, 3, 29, 1, 5, tzinfo=UTC),  # 03:05 CEST, after the clocks moved
    datetime(2026, 10, 25, 0, 59, 59, tzinfo=UTC),  # 02:59 CEST, before they moved back
    datetime(2026, 1, 1, 9, 7),  # naive: as it is
    None,
    "",
]


FORMATS = [
    ("numeric_date", "d-m-Y"),
    ("numeric_datetime", "d-m-Y H:i"),
    ("long_date", "j F Y"),
    ("long_datetime", "j F Y H:i"),
]


@pytest.mark.parametrize("value", VALUES)
def test_numeric_dates_are_the_date_filter(value):
    for language in ("nl", "en"):
        with translation.override(language):
            for ours, django in FORMATS:
                if type(value) is date and "H" in django:
                    # Django's filter fails on a date with a time in the format
                    assert render(f"{{{{ v|{ours} }}}}", v=value) == ""
                    continue
                assert render(f"{{{{ v|{ours} }}}}", v=value) == render(
                    f'{{{{ v|date:"{django}" }}}}', v=value
                )


FRAME_VIEWS = ["landing", "accounts:logout", "glossary:index", "set_language", "core:home",
               "coordination:dashboard", "families:list", "werkproces:my_consultations"]  # fmt: skip


@pytest.mark.parametrize("viewname", FRAME_VIEWS)
def test_address_is_the_url_tag_and_follows_the_script_prefix(viewname):
    assert render(f'{{{{ "{viewname}"|address }}}}') == render(f'{{% url "{viewname}" %}}')
    set_script_prefix("/ketenzorg/")
    try:
        ours = render("{{ name|address }}", name=viewname)
        assert ours.startswith("/ketenzorg/") and ours == render("{% url name %}", name=viewname)
    finally:
        clear_script_prefix()
    assert render("{{ name|address }}", name=viewname) == reverse(viewname)
