"""The messages on the wire: XML checked against the shipped XSD, and JSON for the API.

Both forms are walked from the dataclasses' own fields (the XML element name is in each
field's metadata), so a field added to a message appears in both forms at once and the XSD
test tells whether the schema followed. Everything that comes in goes through the same
builders as a message made in the code, so the checks are the same whatever the source.

XML from outside is hostile: it is parsed without a network, without entity expansion,
without a DTD, under a size limit, and a document with a DOCTYPE is refused outright.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from importlib import resources
from uuid import UUID

from django.utils.translation import gettext
from lxml import etree

from .codes import NAMESPACE, MessageKind
from .messages import MESSAGE_CLASSES, Message, MessageInvalid

XSD_NAME = "ketenzorg-ijw-1.0.xsd"
# A message is a few kilobytes; anything far larger is not one of ours.
MAX_XML_BYTES = 256 * 1024
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER_TEXT = re.compile(r"[0-9]{1,9}")


# --- the walk over the dataclasses ------------------------------------------------------------


@functools.cache
def _hints(cls: type) -> dict[str, typing.Any]:
    return typing.get_type_hints(cls)


def _base_type(hint) -> type:
    """`date | None` → date: whether a field is optional is the builder's concern."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return next(a for a in typing.get_args(hint) if a is not type(None))
    return hint


def _to_text(value) -> str | int:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | UUID):  # datetime is a date
        return value.isoformat() if isinstance(value, date) else str(value)
    return value


def _to_data(obj) -> dict:
    return {
        f.name: _to_data(v) if is_dataclass(v) else (None if v is None else _to_text(v))
        for f in fields(obj)
        for v in [getattr(obj, f.name)]
    }


class _Bad(Exception):
    pass


def _parse_scalar(value, base: type, *, from_text: bool):
    if issubclass(base, Enum) or base is str:
        # A code goes to the builder as it came: the builder names an unknown code.
        if not isinstance(value, str):
            raise _Bad(gettext("Hier hoort tekst."))
        return value
    if base is int:
        if from_text and isinstance(value, str) and _INTEGER_TEXT.fullmatch(value):
            return int(value)
        if not from_text and isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _Bad(gettext("De omvang is een geheel getal."))
    if base is datetime:
        try:
            return datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise _Bad(gettext("Hier hoort een tijdstip (ISO 8601, met tijdzone).")) from None
    if base is date:
        if isinstance(value, str) and _DAY.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise _Bad(gettext("Hier hoort een datum (JJJJ-MM-DD)."))
    if base is UUID:
        try:
            return UUID(value)
        except (TypeError, ValueError, AttributeError):
            raise _Bad(gettext("Hier hoort een uuid.")) from None
    raise TypeError(base)  # a field type this walk does not know: a programming error


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path and name else path or name


def _build(cls: type, data, path: str, problems: list, *, from_text: bool):
    """One object from plain data; every problem below it lands in `problems` with its path."""
    if not isinstance(data, dict):
        problems.append((path, gettext("Hier hoort een object.")))
        return None
    known = {f.name for f in fields(cls)}
    for name in sorted(set(data) - known, key=str):
        problems.append((_join(path, str(name)), gettext("Onbekend veld.")))
    before = len(problems)
    kwargs = {}
    for f in fields(cls):
        hint = _hints(cls)[f.name]
        base = _base_type(hint)
        here = _join(path, f.name)
        value = data.get(f.name)
        if value is None:
            if base is hint:  # not optional
                problems.append((here, gettext("Dit veld ontbreekt.")))
            else:
                kwargs[f.name] = None
        elif is_dataclass(base):
            kwargs[f.name] = _build(base, value, here, problems, from_text=from_text)
        else:
            try:
                kwargs[f.name] = _parse_scalar(value, base, from_text=from_text)
            except _Bad as bad:
                problems.append((here, str(bad)))
    if len(problems) > before:
        return None
    try:
        return cls(**kwargs)
    except MessageInvalid as invalid:
        problems.extend((_join(path, p), text) for p, text in invalid.problems)
        return None


def _message_from_data(cls: type, data: dict, *, from_text: bool) -> Message:
    problems: list[tuple[str, str]] = []
    message = _build(cls, data, "", problems, from_text=from_text)
    if problems:
        raise MessageInvalid(problems)
    return message


# --- JSON ------------------------------------------------------------------------------------


def to_json(message: Message) -> dict:
    """The API form: field names as keys, dates ISO 8601, codes as strings, absent as null."""
    return {"kind": message.kind.value, **_to_data(message)}


def from_json(data: dict) -> Message:
    """A message from the API form; unknown fields are refused, not ignored."""
    if not isinstance(data, dict):
        raise MessageInvalid([("", gettext("Hier hoort een object."))])
    body = dict(data)
    kind = body.pop("kind", None)
    try:
        cls = MESSAGE_CLASSES[MessageKind(kind)]
    except ValueError:
        raise MessageInvalid(
            [("kind", gettext("Onbekende berichtsoort: %(kind)s.") % {"kind": kind})]
        ) from None
    return _message_from_data(cls, body, from_text=False)


# --- XML -------------------------------------------------------------------------------------


def _qname(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _append(parent: etree._Element, obj) -> None:
    for f in fields(obj):
        value = getattr(obj, f.name)
        if value is None:
            continue
        child = etree.SubElement(parent, _qname(f.metadata["xml"]))
        if is_dataclass(value):
            _append(child, value)
        else:
            child.text = str(_to_text(value))


def to_xml(message: Message) -> bytes:
    """The message as a UTF-8 XML document in our namespace, indented for people who read it."""
    root = etree.Element(_qname(message.kind.value), nsmap={None: NAMESPACE})
    _append(root, message)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def _line_problem(line, message: str) -> tuple[str, str]:
    return ("xml", gettext("Regel %(line)s: %(message)s") % {"line": line, "message": message})


def _parse(data: bytes) -> etree._Element:
    if not isinstance(data, bytes):
        raise MessageInvalid([("xml", gettext("Een XML-bericht komt als bytes binnen."))])
    if len(data) > MAX_XML_BYTES:
        raise MessageInvalid(
            [
                (
                    "xml",
                    gettext("Het XML-bericht is groter dan %(max)s bytes.")
                    % {"max": MAX_XML_BYTES},
                )
            ]
        )
    try:
        root = etree.fromstring(data, _safe_parser())
    except etree.XMLSyntaxError as error:
        raise MessageInvalid([_line_problem(error.lineno, error.msg)]) from None
    if root.getroottree().docinfo.doctype:
        raise MessageInvalid(
            [("xml", gettext("Een XML-bericht met een DOCTYPE (of entiteiten) weigeren wij."))]
        )
    return root


@functools.cache
def schema() -> etree.XMLSchema:
    """The shipped XSD, loaded once; a broken schema file fails loudly at first use."""
    text = (resources.files(__package__) / "xsd" / XSD_NAME).read_bytes()
    return etree.XMLSchema(etree.fromstring(text, _safe_parser()))


def _validated(data: bytes) -> etree._Element:
    root = _parse(data)
    checker = schema()
    if not checker.validate(root):
        raise MessageInvalid([_line_problem(e.line, e.message) for e in checker.error_log])
    return root


def validate_xml(data: bytes) -> None:
    """Raise MessageInvalid, with the schema's line and message, unless `data` is one of our
    messages by the XSD. The builders' own checks (elfproef, dates) are from_xml's."""
    _validated(data)


def _element_data(element: etree._Element, cls: type) -> dict:
    by_name = {f.metadata["xml"]: f for f in fields(cls)}
    data = {}
    for child in element:
        f = by_name[etree.QName(child).localname]
        base = _base_type(_hints(cls)[f.name])
        data[f.name] = _element_data(child, base) if is_dataclass(base) else (child.text or "")
    return data


def from_xml(data: bytes) -> Message:
    """A message from a received XML document: safe parse, the XSD, then the builders."""
    root = _validated(data)
    cls = MESSAGE_CLASSES[MessageKind(etree.QName(root).localname)]
    return _message_from_data(cls, _element_data(root, cls), from_text=True)
