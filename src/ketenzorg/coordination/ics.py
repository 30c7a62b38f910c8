"""A meeting invitation as iCalendar text (RFC 5545), written by hand: one VEVENT, METHOD:REQUEST.

Times are written in UTC (`...Z`), so no VTIMEZONE is needed and every calendar
shows the meeting in its own zone. Text is escaped (§3.3.11) and lines are folded
at 75 octets (§3.1). The summary names the kind of meeting, never the family:
an invitation travels by ordinary e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

PRODID = "-//ketenzorg//overleg//NL"


@dataclass(frozen=True)
class Attendee:
    name: str
    email: str


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        # A lone carriage return would end the line for some calendar programs: a new
        # property injected from a meeting's location. Escaped like a line break.
        .replace("\r", "\\n")
    )


def _param(value: str) -> str:
    """A parameter value (CN=...): quoted, with the characters RFC 5545 forbids there removed."""
    return '"' + value.replace('"', "").replace("\r", "").replace("\n", " ") + '"'


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with one space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def utc_stamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("aware datetime required")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def invitation(
    *,
    uid: str,
    sequence: int,
    starts_at: datetime,
    duration: timedelta,
    summary: str,
    location: str,
    description: str,
    organizer: Attendee,
    attendees: list[Attendee],
    stamp: datetime,
) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "METHOD:REQUEST",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SEQUENCE:{sequence}",
        f"DTSTAMP:{utc_stamp(stamp)}",
        f"DTSTART:{utc_stamp(starts_at)}",
        f"DTEND:{utc_stamp(starts_at + duration)}",
        f"SUMMARY:{escape_text(summary)}",
        f"LOCATION:{escape_text(location)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"ORGANIZER;CN={_param(organizer.name)}:mailto:{organizer.email}",
    ]
    for person in attendees:
        lines.append(
            f"ATTENDEE;CN={_param(person.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{person.email}"
        )
    lines += ["STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
