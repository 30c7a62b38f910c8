"""The assignment exchange of issue 15: JW315, JW301, JW305 and JW307 modelled on the
iStandaard iJw, as frozen dataclasses with XML (against the shipped XSD) and JSON forms.

Infrastructure: no models, no views, nothing of ours but core (docs/ijw.md).
"""

from .codes import (
    NAMESPACE,
    PROFILE,
    Category,
    Frequency,
    Gender,
    MessageKind,
    StopReason,
    Unit,
    Verwijzer,
)
from .messages import (
    MESSAGE_CLASSES,
    Assignment,
    AssignmentRequest,
    CareStart,
    CareStop,
    Client,
    Header,
    Message,
    MessageInvalid,
    Party,
    Product,
    Scope,
)
from .wire import from_json, from_xml, to_json, to_xml, validate_xml

__all__ = [
    "MESSAGE_CLASSES",
    "NAMESPACE",
    "PROFILE",
    "Assignment",
    "AssignmentRequest",
    "CareStart",
    "CareStop",
    "Category",
    "Client",
    "Frequency",
    "Gender",
    "Header",
    "Message",
    "MessageInvalid",
    "MessageKind",
    "Party",
    "Product",
    "Scope",
    "StopReason",
    "Unit",
    "Verwijzer",
    "from_json",
    "from_xml",
    "to_json",
    "to_xml",
    "validate_xml",
]
