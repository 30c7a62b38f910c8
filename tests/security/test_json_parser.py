"""The bounded JSON parser on its own: the depth rule, strings, size, and Dutch messages."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import RequestDataTooBig
from rest_framework.exceptions import ParseError

from ketenzorg.api.parsers import (
    MAX_DEPTH,
    BoundedJSONParser,
    RequestTooLarge,
    nesting_depth_exceeds,
)
from ketenzorg.api.problems import problem_exception_handler


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def parse(text: str | bytes, charset: str = "utf-8"):
    raw = text.encode(charset) if isinstance(text, str) else text
    return BoundedJSONParser().parse(io.BytesIO(raw), "application/json", {"encoding": charset})


def test_the_limit_itself_is_allowed_and_one_more_is_not():
    assert not nesting_depth_exceeds(nested(MAX_DEPTH))
    assert nesting_depth_exceeds(nested(MAX_DEPTH + 1))
    assert parse(nested(MAX_DEPTH))
    with pytest.raises(ParseError, match="dieper genest dan 32"):
        parse(nested(MAX_DEPTH + 1))


def test_siblings_do_not_add_up():
    wide = json.dumps({"a": [[1], [2], {"b": [3]}], "c": [[[]]] * 1000})
    assert not nesting_depth_exceeds(wide, limit=4)
    assert nesting_depth_exceeds(wide, limit=3)


def test_brackets_in_strings_and_escaped_quotes_do_not_count():
    text = json.dumps({"t": "[" * 1000 + '"{' * 1000 + "\\" * 3 + "]"})
    assert not nesting_depth_exceeds(text, limit=1)
    assert parse(text)["t"].startswith("[[[")


def test_unclosed_or_mismatched_deep_input_is_refused_without_decoding():
    for text in ("[" * 100_000, "{" * 50_000, "[" * 50_000 + "}" * 50_000, '{"a":' * 40_000):
        with pytest.raises(ParseError, match="dieper genest"):
            parse(text)


def test_shallow_malformed_json_gets_the_decoders_position():
    with pytest.raises(ParseError, match=r"regel 1, kolom \d+"):
        parse('{"a": [1, 2}')
    with pytest.raises(ParseError, match="geen geldige JSON"):
        parse('{"a": NaN}')


def test_the_body_is_read_no_further_than_the_limit(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    stream = io.BytesIO(b'"' + b"a" * 1_000_000 + b'"')
    with pytest.raises(RequestTooLarge):
        BoundedJSONParser().parse(stream, "application/json", {})
    assert stream.tell() == 101


def test_a_body_that_is_not_text_in_its_charset_is_a_parse_error():
    with pytest.raises(ParseError, match="tekenset utf-8"):
        parse(b'{"a": "\xff"}')


def test_djangos_too_big_error_is_a_413_problem_inside_drf_too(rf, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = problem_exception_handler(
        RequestDataTooBig("te groot"), {"request": rf.post("/api/v1/x/")}
    )
    assert response.status_code == 413 and response.content_type == "application/problem+json"
    assert "100 bytes" in response.data["detail"]
