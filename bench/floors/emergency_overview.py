"""The privacy officer's break-the-glass overview (GET /toegangslog/noodtoegang/), first page.

The 25 newest grants not reviewed yet, with who held them (name and organisation), the family
and its members (the page links to each member's access log), the reason, how long the grant
ran, and how often it was used: the holder's successful entries in the access log with basis
break-the-glass that touched the family inside the grant's window, the breaking itself
(action `emergency`) not counted. One query for the total, one for the page with the use
count as a correlated subquery (the audit table is the big one, reached through its index on
the user), one for the members; then the look is logged as a search of those families and
persons, as the real page logs it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from .audit import Actor, actor_of, audit_fields, log_look
from .connection import ensure_scratch
from .dialect import dicts, marks, query, to_json
from .target import Target

EMERGENCY_PAGE = 25  # privacy.views.EMERGENCY_PAGE_SIZE
PRIVACY_ROLE = "privacy"  # access.rules: who may read the access log

OPEN = "NOT EXISTS (SELECT 1 FROM access_emergencyaccessreview r WHERE r.grant_id = g.id)"

OPEN_TOTAL = f"SELECT COUNT(*) FROM access_emergencyaccess g WHERE {OPEN}"  # noqa: S608

OPEN_PAGE = f"""
SELECT g.id, g.uuid, g.reason, g.granted_at, g.expires_at, g.user_id,
       f.id AS family_id, f.uuid AS family_uuid, f.name AS family,
       u.username, p.first_name || ' ' || p.last_name AS professional, o.name AS organisation,
       (SELECT COUNT(*) FROM audit_auditentry e
         WHERE e.user_id_snapshot = g.user_id
           AND e.basis = 'break_the_glass' AND e.outcome = 'success' AND e.action <> 'emergency'
           AND e.occurred_at >= g.granted_at AND e.occurred_at <= g.expires_at
           AND EXISTS (SELECT 1 FROM audit_auditsubject s
                        WHERE s.entry_id = e.id AND s.kind = 'family'
                          AND s.subject_uuid = f.uuid)) AS uses
  FROM access_emergencyaccess g
  JOIN families_family f ON f.id = g.family_id
  JOIN accounts_user u ON u.id = g.user_id
  LEFT JOIN network_professional p ON p.user_id = g.user_id
  LEFT JOIN network_organisation o ON o.id = p.organisation_id
 WHERE {OPEN}
 ORDER BY g.granted_at DESC, g.id DESC
 LIMIT ?"""  # noqa: S608

MEMBERS = """
SELECT family_id, uuid, given_name, family_name FROM families_person
 WHERE family_id IN ({ids}) ORDER BY birthdate, id"""


def _moment(value) -> datetime:
    """PostgreSQL gives aware datetimes, SQLite Django's naive UTC text."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _refuse(conn, vendor: str, actor: Actor) -> bytes:
    fields = audit_fields(
        actor,
        action="search",
        outcome="denied",
        object_type="access.EmergencyAccess",
        reason="geen privacyrol",
    )
    log_look(conn, vendor, fields, ())
    return to_json({"detail": "Alleen de privacyfunctionaris kan het toegangslog inzien."})


def emergency_overview_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /toegangslog/noodtoegang/ as the privacy officer: the 25 newest open grants."""
    ensure_scratch(conn, vendor)
    actor = actor_of(conn, vendor, target.privacy_user_id)
    if PRIVACY_ROLE not in actor.roles.split(","):
        return _refuse(conn, vendor, actor)
    total = query(conn, vendor, OPEN_TOTAL).fetchone()[0]
    grants = dicts(query(conn, vendor, OPEN_PAGE, [EMERGENCY_PAGE]))
    ids = sorted({g["family_id"] for g in grants})
    members = defaultdict(list)
    if ids:
        for row in dicts(query(conn, vendor, MEMBERS.format(ids=marks(ids)), ids)):
            members[row.pop("family_id")].append(row)
    now = datetime.now(UTC)
    page = []
    for g in grants:
        granted_at, expires_at = _moment(g["granted_at"]), _moment(g["expires_at"])
        who = g["professional"] or g["username"]
        if g["professional"] and g["organisation"]:
            who = f"{who}, {g['organisation']}"
        page.append(
            {
                "uuid": g["uuid"],
                "granted_at": granted_at.isoformat(),
                "who": who,
                "family": g["family"],
                "reason": g["reason"],
                "active": expires_at > now,
                "until": expires_at.isoformat(),
                "hours": max(0, round((min(expires_at, now) - granted_at).total_seconds() / 3600)),
                "uses": g["uses"],
                "members": members[g["family_id"]],
                "may_review": g["user_id"] != actor.user_id,
            }
        )
    body = to_json({"total": total, "events": page})
    subjects = [("family", g["family_uuid"]) for g in grants]
    subjects += [("person", m["uuid"]) for g in grants for m in members[g["family_id"]]]
    fields = audit_fields(
        actor,
        action="search",
        object_type="access.EmergencyAccess",
        basis="role",
        reason=f"noodtoegang-overzicht (open); {len(page)} van {total} getoond",
    )
    log_look(conn, vendor, fields, subjects)
    return body
