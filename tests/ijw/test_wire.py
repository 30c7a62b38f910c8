"""XML and JSON: every message survives the trip, the XSD agrees with the builders, and
hostile or broken XML is refused with a message that says where."""

from __future__ import annotations

import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest
from lxml import etree

from ketenzorg.aanbod.models import IjwCategory
from ketenzorg.ijw import (
    NAMESPACE,
    Category,
    Frequency,
    Gender,
    MessageInvalid,
    StopReason,
    Unit,
    Verwijzer,
    from_json,
    from_xml,
    to_json,
    to_xml,
    validate_xml,
    wire,
)
from tests.ijw import builders

ROOT = Path(__file__).resolve().parents[2]
XSD_PATH = ROOT / "src" / "ketenzorg" / "ijw" / "xsd" / wire.XSD_NAME


def xml_problems(data: bytes) -> list[str]:
    with pytest.raises(MessageInvalid) as caught:
        from_xml(data)
    return [text for _, text in caught.value.problems]


# --- round trips ------------------------------------------------------------------------------


@pytest.mark.parametrize("message", builders.every_kind(), ids=lambda m: m.kind.value)
def test_every_kind_round_trips_through_xml_and_validates(message):
    data = to_xml(message)
    validate_xml(data)
    assert from_xml(data) == message
    root = etree.fromstring(data)
    assert root.tag == f"{{{NAMESPACE}}}{message.kind.value}"
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n")


@pytest.mark.parametrize("message", builders.every_kind(), ids=lambda m: m.kind.value)
def test_every_kind_round_trips_through_json(message):
    data = to_json(message)
    assert data["kind"] == message.kind.value
    assert from_json(data) == message


def test_the_json_form_has_iso_dates_and_codes_as_strings():
    data = to_json(builders.request(end=None))
    assert data["begin"] == "2025-04-01" and data["end"] is None
    assert data["header"]["created"] == "2025-03-01T09:30:00+00:00"
    assert data["header"]["message_id"] == "0b6f1d6e-3f7a-4d2b-9a51-6c1f0e2d3a41"
    assert data["product"] == {"category": "45", "code": "45A01"}
    assert data["scope"] == {"volume": 3, "unit": "uur", "frequency": "week"}
    assert data["client"]["gender"] == "2" and type(data["client"]["gender"]) is str
    assert data["verwijzer"] == "gemeente"


def test_non_ascii_text_survives_both_forms():
    message = builders.stop(
        client=builders.client(family_name="Tëstfamilie-Özdemir", initials="ÖB")
    )
    assert from_xml(to_xml(message)) == message
    assert from_json(to_json(message)) == message


# --- the XSD and the code lists ---------------------------------------------------------------


def enumeration(type_name: str) -> set[str]:
    tree = etree.parse(str(XSD_PATH))
    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    values = tree.xpath(
        f"//xs:simpleType[@name='{type_name}']//xs:enumeration/@value", namespaces=ns
    )
    return set(values)


@pytest.mark.parametrize(
    ("type_name", "codes"),
    [
        ("Productcategorie", Category),
        ("Geslacht", Gender),
        ("Eenheid", Unit),
        ("Frequentie", Frequency),
        ("Verwijzer", Verwijzer),
        ("RedenBeeindiging", StopReason),
    ],
)
def test_the_xsd_enumerates_exactly_the_code_lists(type_name, codes):
    assert enumeration(type_name) == {c.value for c in codes}


def test_our_categories_are_the_catalogues():
    assert {c.value for c in Category} == set(IjwCategory.values)


def test_the_xsd_ships_with_the_package():
    """Without the package-data pattern a wheel would have the code and miss the schema."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["ketenzorg"]
    relative = XSD_PATH.relative_to(ROOT / "src" / "ketenzorg").as_posix()
    assert any(fnmatch(relative, pattern) for pattern in patterns)
    assert "lxml" in " ".join(config["project"]["dependencies"])


# --- broken and hostile XML -------------------------------------------------------------------


def good_xml() -> str:
    return to_xml(builders.request()).decode()


def test_a_missing_element_is_refused_with_its_line():
    text = re.sub(r"\s*<Verwijzer>gemeente</Verwijzer>", "", good_xml())
    (problem,) = xml_problems(text.encode())
    line = text.splitlines().index("  <Aanbieder>") + 1
    assert problem.startswith(f"Regel {line}: ")
    assert "Aanbieder" in problem and "Verwijzer" in problem


def test_a_bsn_of_the_wrong_shape_is_refused_by_the_schema():
    text = good_xml().replace("<Bsn>999990019</Bsn>", "<Bsn>99999001</Bsn>")
    (problem,) = xml_problems(text.encode())
    assert problem.startswith("Regel ") and "Bsn" in problem and "[0-9]{9}" in problem
    with pytest.raises(MessageInvalid):
        validate_xml(text.encode())


def test_a_bsn_failing_the_elfproef_passes_the_schema_but_not_the_builder():
    data = good_xml().replace("<Bsn>999990019</Bsn>", "<Bsn>999990018</Bsn>").encode()
    validate_xml(data)
    with pytest.raises(MessageInvalid) as caught:
        from_xml(data)
    assert caught.value.problems == [
        ("client.bsn", "Dit BSN klopt niet (de elfproef faalt). Controleer de cijfers.")
    ]


def test_an_unknown_category_is_refused_by_the_schema():
    text = good_xml().replace("<Categorie>45</Categorie>", "<Categorie>51</Categorie>")
    (problem,) = xml_problems(text.encode())
    assert "Categorie" in problem and "51" in problem


def test_an_end_before_the_begin_is_refused_after_the_schema():
    text = good_xml().replace(
        "<Einddatum>2025-12-31</Einddatum>", "<Einddatum>2025-01-01</Einddatum>"
    )
    assert xml_problems(text.encode()) == ["De einddatum ligt vóór de ingangsdatum."]


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE JW315 [<!ENTITY naam "Testfamilie">]>',
        '<!DOCTYPE JW315 [<!ENTITY naam SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE JW315 [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY naam "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    ],
    ids=["internal", "external", "expanding"],
)
def test_a_doctype_with_entities_is_refused(doctype):
    text = good_xml().replace("?>\n", f"?>\n{doctype}\n", 1)
    text = text.replace("<Achternaam>Testfamilie</Achternaam>", "<Achternaam>&naam;</Achternaam>")
    assert xml_problems(text.encode()) == [
        "Een XML-bericht met een DOCTYPE (of entiteiten) weigeren wij."
    ]
    with pytest.raises(MessageInvalid):
        validate_xml(text.encode())


def test_an_undeclared_entity_is_a_syntax_error():
    text = good_xml().replace(
        "<Achternaam>Testfamilie</Achternaam>", "<Achternaam>&naam;</Achternaam>"
    )
    (problem,) = xml_problems(text.encode())
    assert problem.startswith("Regel ") and "naam" in problem


def test_not_xml_and_too_much_xml_are_refused():
    (problem,) = xml_problems(b"<JW315><Header>")
    assert problem.startswith("Regel 1: ")
    (problem,) = xml_problems(b" " * (wire.MAX_XML_BYTES + 1))
    assert "groter dan" in problem
    assert xml_problems(good_xml()) == ["Een XML-bericht komt als bytes binnen."]


def test_another_namespace_or_root_is_refused():
    text = good_xml().replace(NAMESPACE, "urn:elders:1")
    assert len(xml_problems(text.encode())) == 1
    text = good_xml().replace("JW315", "JW316")
    assert len(xml_problems(text.encode())) == 1


def test_comments_and_processing_instructions_do_not_reach_the_message():
    text = good_xml().replace("<Referentie>", "<!-- opmerking --><?ander iets?><Referentie>")
    assert from_xml(text.encode()) == builders.request()


# --- JSON from outside ------------------------------------------------------------------------


def test_json_names_each_problem_with_its_path():
    data = to_json(builders.assignment())
    data["client"]["bsn"] = "999990018"
    data["scope"]["volume"] = "3"
    data["begin"] = "1-4-2025"
    data["provider"]["extra"] = True
    del data["header"]["gemeente"]
    with pytest.raises(MessageInvalid) as caught:
        from_json(data)
    assert dict(caught.value.problems) == {
        "header.gemeente": "Dit veld ontbreekt.",
        "client.bsn": "Dit BSN klopt niet (de elfproef faalt). Controleer de cijfers.",
        "scope.volume": "De omvang is een geheel getal.",
        "begin": "Hier hoort een datum (JJJJ-MM-DD).",
        "provider.extra": "Onbekend veld.",
    }


@pytest.mark.parametrize("data", [[], "JW315", {"kind": "JW316"}, {}])
def test_json_that_is_no_message_is_refused(data):
    with pytest.raises(MessageInvalid):
        from_json(data)


def test_json_wants_objects_where_the_message_has_parts():
    data = to_json(builders.start())
    data["client"] = "Testfamilie"
    data["header"]["created"] = "gisteren"
    with pytest.raises(MessageInvalid) as caught:
        from_json(data)
    assert set(dict(caught.value.problems)) == {"client", "header.created"}
