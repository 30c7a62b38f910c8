"""The examples in docs/ijw.md are real messages: a changed schema or builder that breaks
them fails here, so the page cannot drift from the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ketenzorg.ijw import MessageKind, from_json, from_xml, to_json, to_xml, validate_xml

DOC = Path(__file__).resolve().parents[2] / "docs" / "ijw.md"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_every_xml_example_validates_and_builds():
    examples = blocks("xml")
    kinds = []
    for text in examples:
        data = text.encode()
        validate_xml(data)
        message = from_xml(data)
        assert to_xml(message) == data, "the example is not in the form to_xml writes"
        kinds.append(message.kind)
    assert sorted(kinds) == sorted(MessageKind)


def test_every_json_example_builds_and_matches_its_xml():
    by_kind = {from_xml(text.encode()).kind: from_xml(text.encode()) for text in blocks("xml")}
    examples = blocks("json")
    assert len(examples) == 2
    for text in examples:
        message = from_json(json.loads(text))
        assert message == by_kind[message.kind]
        assert to_json(message) == json.loads(text)
