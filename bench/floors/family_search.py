"""The family search (GET /gezinnen/?q=<surname>): visible families matching a name.

Matches the family name or a member's name the way Django's `icontains` does (`LIKE` on
SQLite, `ILIKE` on PostgreSQL), within the families the actor may see, first page only.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from .audit import actor_of, audit_fields, log_look
from .connection import ensure_scratch
from .dialect import dicts, ilike, like_pattern, marks, query, to_json
from .need_to_know import VISIBLE_FAMILIES, refuse_non_client
from .target import Target

FAMILY_PAGE = 50  # families.views.PAGE_SIZE

FAMILY_SEARCH = f"""
WITH {VISIBLE_FAMILIES},
hits AS (
    SELECT f.id, f.uuid, f.name, f.district_id FROM families_family f
      JOIN visible v ON v.id = f.id
     WHERE f.name {{like}} ? ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM families_person p WHERE p.family_id = f.id
                    AND (p.family_name {{like}} ? ESCAPE '\\'
                         OR p.given_name {{like}} ? ESCAPE '\\')))
SELECT h.id, h.uuid, h.name, d.name AS district, COUNT(*) OVER () AS total
  FROM hits h LEFT JOIN network_district d ON d.id = h.district_id
 ORDER BY h.name, h.id
 LIMIT ? OFFSET ?"""  # noqa: S608

FAMILY_MEMBERS = """
SELECT family_id, uuid, given_name, birthdate, bsn_last4 FROM families_person
 WHERE family_id IN ({ids}) ORDER BY birthdate, id"""


def family_search_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /gezinnen/?q=<surname>: the first 50 visible families matching the name, with members."""
    ensure_scratch(conn, vendor)
    now = datetime.now(UTC)
    actor = actor_of(conn, vendor, target.user_id)
    if not actor.works_with_clients:
        return refuse_non_client(conn, vendor, actor, "families.Family")
    pattern = like_pattern(target.surname)
    sql = FAMILY_SEARCH.format(like=ilike(vendor))
    families = dicts(
        query(
            conn,
            vendor,
            sql,
            [
                target.professional_id,
                target.today,
                target.user_id,
                now,
                pattern,
                pattern,
                pattern,
                FAMILY_PAGE,
                0,
            ],
        )
    )
    total = families[0]["total"] if families else 0
    ids = [f["id"] for f in families]
    members = defaultdict(list)
    if ids:
        for row in dicts(query(conn, vendor, FAMILY_MEMBERS.format(ids=marks(ids)), ids)):
            members[row.pop("family_id")].append(row)
    page = [
        {
            "uuid": f["uuid"],
            "name": f["name"],
            "district": f["district"],
            "members": members[f["id"]],
        }
        for f in families
    ]
    body = to_json({"total": total, "families": page})
    subjects = [("family", f["uuid"]) for f in page]
    subjects += [("person", m["uuid"]) for f in page for m in f["members"]]
    fields = audit_fields(
        actor,
        action="search",
        object_type="families.Family",
        basis="involvement",
        reason=f"zoeken op naam; {len(page)} van {total} getoond",
    )
    log_look(conn, vendor, fields, subjects)
    return body
