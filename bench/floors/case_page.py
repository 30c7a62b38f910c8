"""The case page (GET /casussen/<uuid>/): everything about one case, after need-to-know.

One query per block of the page (members, involvements, coordinators, meetings, agreements
with their check-ins, signals, events, ...). What the page derives from the rows (which
agreements are late, the suggested level, who keeps their agreements, the level-2 age
warnings) comes from the product's own pure rules, `ketenzorg.coordination.rules`, so the
floor cannot drift from the page by re-deriving them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime

from ketenzorg.coordination import rules

from .audit import actor_of, audit_fields, log_look
from .connection import ensure_scratch
from .dialect import as_date, dicts, query, to_json
from .need_to_know import case_access
from .target import Target, uuid_of

CASE_BLOCKS = {
    "members": """
SELECT uuid, given_name, family_name, birthdate, role FROM families_person
 WHERE family_id = ? ORDER BY birthdate""",
    "involvements": """
SELECT i.uuid, i.capacity, i.started_on, i.ended_on, i.professional_id,
       p.uuid AS professional_uuid, p.first_name || ' ' || p.last_name AS professional_name,
       o.uuid AS organisation_uuid, o.name AS organisation_name,
       pe.uuid AS person, pe.given_name AS person_given_name
  FROM families_involvement i
  JOIN network_professional p ON p.id = i.professional_id
  JOIN network_organisation o ON o.id = i.organisation_id
  LEFT JOIN families_person pe ON pe.id = i.person_id
 WHERE i.family_id = ? ORDER BY i.started_on, i.id""",
    "history": """
SELECT h.action, h.occurred_at, h.note, a.first_name || ' ' || a.last_name AS actor,
       p.first_name || ' ' || p.last_name AS professional
  FROM coordination_involvementhistory h
  JOIN network_professional a ON a.id = h.actor_id
  JOIN families_involvement i ON i.id = h.involvement_id
  JOIN network_professional p ON p.id = i.professional_id
 WHERE h.case_id = ? ORDER BY h.occurred_at DESC LIMIT 50""",
    "coordinators": """
SELECT k.uuid, k.role, k.started_at, k.ended_at, k.note, p.uuid AS professional_uuid,
       p.first_name || ' ' || p.last_name AS professional_name, o.name AS organisation,
       b.first_name || ' ' || b.last_name AS assigned_by
  FROM coordination_casecoordinator k
  JOIN network_professional p ON p.id = k.professional_id
  JOIN network_organisation o ON o.id = p.organisation_id
  LEFT JOIN network_professional b ON b.id = k.assigned_by_id
 WHERE k.case_id = ? ORDER BY k.started_at DESC""",
    "meetings": """
SELECT m.uuid, m.kind, m.status, m.deadline, m.starts_at, m.duration_minutes, m.location,
       m.held_on, m.minutes, v.uuid AS convener_uuid,
       v.first_name || ' ' || v.last_name AS convener_name,
       (SELECT COUNT(*) FROM coordination_meetinginvitation n WHERE n.meeting_id = m.id) AS invited
  FROM coordination_meeting m LEFT JOIN network_professional v ON v.id = m.convener_id
 WHERE m.case_id = ? ORDER BY m.id DESC""",
    "agreements": """
SELECT a.id, a.uuid, a.what, a.due_on, a.status, a.done_on,
       rp.id AS rp_id, rp.uuid AS rp_uuid, rp.first_name || ' ' || rp.last_name AS rp_name,
       ro.id AS ro_id, ro.uuid AS ro_uuid, ro.name AS ro_name, mt.uuid AS meeting
  FROM coordination_agreement a
  JOIN network_organisation ro ON ro.id = a.responsible_organisation_id
  LEFT JOIN network_professional rp ON rp.id = a.responsible_professional_id
  LEFT JOIN coordination_meeting mt ON mt.id = a.meeting_id
 WHERE a.case_id = ? ORDER BY a.status, a.due_on, a.id""",
    "checkins": """
SELECT k.agreement_id, k.created_at, k.note, k.status_after,
       au.first_name || ' ' || au.last_name AS author
  FROM coordination_agreementcheckin k
  JOIN coordination_agreement a ON a.id = k.agreement_id
  JOIN network_professional au ON au.id = k.author_id
 WHERE a.case_id = ? ORDER BY k.created_at, k.id""",
    "signals": """
SELECT s.uuid, s.kind, s.status, s.raised_on, s.resolution, ag.uuid AS agreement,
       ag.what AS agreement_what, mt.uuid AS meeting,
       rb.first_name || ' ' || rb.last_name AS resolved_by
  FROM coordination_stagnationsignal s
  LEFT JOIN coordination_agreement ag ON ag.id = s.agreement_id
  LEFT JOIN coordination_meeting mt ON mt.id = s.meeting_id
  LEFT JOIN network_professional rb ON rb.id = s.resolved_by_id
 WHERE s.case_id = ? ORDER BY s.status, s.raised_on DESC""",
    "events": """
SELECT e.uuid, e.kind, e.occurred_at, e.summary, e.level_from, e.level_to, e.rule, e.reason,
       p.first_name || ' ' || p.last_name AS actor
  FROM coordination_caseevent e LEFT JOIN network_professional p ON p.id = e.actor_id
 WHERE e.case_id = ? ORDER BY e.occurred_at DESC, e.id DESC LIMIT 100""",
    "attendances": """
SELECT pe.given_name, ins.name AS institution, ins.kind,
       jc.first_name || ' ' || jc.last_name AS jgz_contact, jc.email, jc.phone,
       jo.name AS jgz_organisation
  FROM coordination_institutionattendance t
  JOIN families_person pe ON pe.id = t.person_id
  JOIN network_institution ins ON ins.id = t.institution_id
  LEFT JOIN network_professional jc ON jc.id = ins.jgz_contact_id
  LEFT JOIN network_organisation jo ON jo.id = jc.organisation_id
 WHERE t.case_id = ?""",
    "plan_versions": """
SELECT v.number, v.created_at, a.first_name || ' ' || a.last_name AS author
  FROM coordination_planversion v JOIN network_professional a ON a.id = v.author_id
 WHERE v.case_id = ? ORDER BY v.number DESC LIMIT 20""",
}
_BY_FAMILY = ("members", "involvements")


def _kept_by_party(agreements: list[dict], today: date) -> list[dict]:
    """One line per responsible professional (or organisation), as `selectors.kept_by_party`."""
    names: dict = {}
    rows: dict = defaultdict(list)
    for a in agreements:
        key = ("p", a["rp_id"]) if a["rp_id"] else ("o", a["ro_id"])
        names.setdefault(key, (a["rp_name"] or "", a["ro_name"]))
        rows[key].append((a["status"], as_date(a["due_on"]), as_date(a["done_on"])))
    parties = []
    for key, kept in rows.items():
        record = rules.kept_record(kept, today)
        parties.append(
            {
                "name": names[key][0],
                "organisation": names[key][1],
                "done_on_time": record.done_on_time,
                "done_late": record.done_late,
                "open": record.open,
                "overdue": record.overdue,
            }
        )
    return sorted(parties, key=lambda r: (-r["overdue"], r["name"] or r["organisation"]))


def _case_blocks(conn, vendor: str, case: dict, today: date) -> dict:
    blocks = {}
    for name, sql in CASE_BLOCKS.items():
        key = case["family_id"] if name in _BY_FAMILY else case["id"]
        blocks[name] = dicts(query(conn, vendor, sql, [key]))
    checkins = defaultdict(list)
    for row in blocks.pop("checkins"):
        checkins[row.pop("agreement_id")].append(row)
    for a in blocks["agreements"]:
        a["checkins"] = checkins[a["id"]]
        overdue = rules.agreement_is_overdue(
            status=a["status"], due_on=as_date(a["due_on"]), today=today
        )
        a["shown"] = "te_laat" if overdue else a["status"]
    # The product's counting rule, fed what the page shows: who is involved, and until when.
    involvements = blocks["involvements"]
    facts = [
        rules.InvolvementFact(i["professional_id"], None, as_date(i["ended_on"]))
        for i in involvements
    ]
    active = [rules.is_active(f, today) for f in facts]
    blocks["involvements"] = [i for i, on in zip(involvements, active, strict=True) if on]
    blocks["ended_involvements"] = [i for i, on in zip(involvements, active, strict=True) if not on]
    suggestion = rules.suggest_level(rules.active_professional_count(facts, today))
    blocks["suggestion"] = {"level": suggestion.level, "explanation": suggestion.explanation}
    blocks["kept"] = _kept_by_party(blocks["agreements"], today)
    children = [
        (f"{m['given_name']} {m['family_name']}", as_date(m["birthdate"]))
        for m in blocks["members"]
        if m["role"] in ("kind", "jongere")
    ]
    blocks["age_warnings"] = rules.level2_age_warnings(case["level"], children, today)
    return blocks


def case_page_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /casussen/<uuid>/: everything about one case, after the need-to-know check; one entry."""
    ensure_scratch(conn, vendor)
    now = datetime.now(UTC)
    actor = actor_of(conn, vendor, target.user_id)
    case_uuid = uuid_of(conn, vendor, "coordination_case", target.case_id)
    case, basis = case_access(conn, vendor, actor, target, now, case_uuid)
    if basis is None:
        persons = dicts(query(conn, vendor, CASE_BLOCKS["members"], [case["family_id"]]))
        fields = audit_fields(
            actor,
            action="read",
            outcome="denied",
            object_type="coordination.Case",
            object_uuid=case["uuid"],
            reason="niet betrokken en geen coördinator",
        )
        log_look(
            conn,
            vendor,
            fields,
            [("family", case["family"])] + [("person", p["uuid"]) for p in persons],
        )
        return to_json(
            {"detail": "U bent niet betrokken bij dit gezin en coördineert deze casus niet."}
        )
    blocks = _case_blocks(conn, vendor, case, target.today)
    body = to_json({"case": case, **blocks})
    fields = audit_fields(
        actor,
        action="read",
        object_type="coordination.Case",
        object_uuid=case["uuid"],
        basis=basis,
        reason="" if basis != "role" else "coördinator van de casus",
    )
    subjects = [("family", case["family"])] + [("person", m["uuid"]) for m in blocks["members"]]
    log_look(conn, vendor, fields, subjects)
    return body
