"""The crash test's steps inside Django, run as `python -m ketenzorg.site.crashtest.inside`
in the scratch database's environment (never in the runner's own process, whose settings
may point at a real database).

    … inside prepare --writers K --out people.json   # the synthetic network, its secrets
    … inside check --record record.json --out report.json

The people are made through the product's own services (a family registered, a case opened,
involvements registered), so the writes under test meet the same need-to-know checks and
the same access log as in production. Every name is fictional.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from collections import Counter
from datetime import date
from pathlib import Path

MARKER = "Crashtest "  # an agreement's text is MARKER + its Idempotency-Key


def marker(key: str) -> str:
    return MARKER + key


def prepare(writers: int) -> dict:
    """K professionals with a confirmed TOTP device, all involved in one family's case.

    One case for everyone: its writers then contend for the same rows and the same chain
    head, which is where a crash would tear a write from its log entry if anything could.
    """
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ketenzorg.coordination import services as coordination
    from ketenzorg.families import services as families
    from ketenzorg.network.models import (
        Organisation,
        OrganisationKind,
        Professional,
        Role,
        RoleAssignment,
    )

    password = secrets.token_urlsafe(18)
    organisation = Organisation.objects.create(
        name="Crashtest-OKT (verzonnen)", kind=OrganisationKind.OKT, domains=["zorg"]
    )
    people = []
    for n in range(1, writers + 1):
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                username=f"crashtest{n}",
                password=password,
                first_name="Crash",
                last_name=f"Test{n}",
            )
            device = TOTPDevice.objects.create(user=user, name="crashtest", confirmed=True)
            professional = Professional.objects.create(
                user=user,
                first_name="Crash",
                last_name=f"Test{n}",
                email=f"crashtest{n}@voorbeeld.invalid",
                organisation=organisation,
            )
            RoleAssignment.objects.create(professional=professional, role=Role.OKT)
        people.append((professional, device))
    first = people[0][0]
    family = families.family_register(
        actor=first.user,
        name="Gezin Crashtest (verzonnen)",
        members=[
            families.MemberInput("Kim", "Crashtest", date(2016, 4, 1), "kind"),
            families.MemberInput("Sam", "Crashtest", date(1986, 9, 2), "ouder", True),
        ],
    )
    case = coordination.case_open(actor=first.user, family=family, reason="Crashtest")
    for professional, _ in people[1:]:
        coordination.involvement_register(actor=first.user, case=case, professional=professional)
    return {
        "case": str(case.uuid),
        "password": password,
        "writers": [
            {
                "username": p.user.username,
                "professional": str(p.uuid),
                "totp": {"key": d.key, "step": d.step, "t0": d.t0, "digits": d.digits},
            }
            for p, d in people
        ],
    }


def find_problems(acknowledged: dict[str, str], sent: list[str]) -> tuple[list[str], dict]:
    """What the database says about the writes the load sent: problems, and counts.

    - every acknowledged write (Idempotency-Key → the uuid in its 2xx) is there, as itself;
    - no key was written twice (a retry with the same key must replay, not write again);
    - every crash-test agreement in the database, acknowledged or not (a write can commit
      and lose its answer), has exactly one access-log entry naming it: the write and its
      entry are one transaction, so a crash keeps both or neither.
    """
    from ketenzorg.audit.models import Action, AuditEntry, Outcome
    from ketenzorg.coordination.models import Agreement

    rows = list(
        Agreement.objects.filter(what__startswith=MARKER).values_list(
            "uuid", "what", "case__family__uuid"
        )
    )
    by_text = Counter(what for _, what, _ in rows)
    by_uuid = {str(u): what for u, what, _ in rows}
    logged = Counter(
        AuditEntry.objects.filter(
            action=Action.CREATE,
            outcome=Outcome.SUCCESS,
            object_type="coordination.Agreement",
        ).values_list("object_uuid", flat=True)
    )
    logged_family = set(
        AuditEntry.objects.filter(
            action=Action.CREATE, object_type="coordination.Agreement", subjects__kind="family"
        ).values_list("object_uuid", "subjects__subject_uuid")
    )
    problems = []
    for key, uuid in sorted(acknowledged.items()):
        if uuid not in by_uuid:
            problems.append(f"bevestigde schrijfactie {key} ({uuid}) ontbreekt in de database")
        elif by_uuid[uuid] != marker(key):
            problems.append(f"bevestigde schrijfactie {key} ({uuid}) heeft een andere inhoud")
    for key in sorted(set(sent) | set(acknowledged)):
        if by_text[marker(key)] > 1:
            problems.append(f"Idempotency-Key {key} is {by_text[marker(key)]} keer geschreven")
    for uuid, _what, family_uuid in rows:
        count = logged[str(uuid)]
        if count != 1:
            problems.append(f"afspraak {uuid} heeft {count} logregels in plaats van 1")
        elif (str(uuid), family_uuid) not in logged_family:
            problems.append(f"de logregel van afspraak {uuid} noemt het gezin niet")
    sent_texts = {marker(k) for k in sent}
    counts = {
        "agreements": len(rows),
        "audit_entries": AuditEntry.objects.count(),
        # Writes whose answer was lost but which did commit: allowed, as long as each is whole.
        "unacknowledged_committed": sum(
            1
            for _, what, _ in rows
            if what in sent_texts and what[len(MARKER) :] not in acknowledged
        ),
    }
    return problems, counts


def check(record: dict) -> dict:
    """`find_problems`, the chain as `audit verify` checks it, and the database's own check."""
    from django.db import connection

    from ketenzorg.audit.verify import audit_verify

    problems, counts = find_problems(record["acknowledged"], record["sent"])
    chain = audit_verify()
    if not chain.ok:
        problems.append(f"audit verify: {chain.problem or 'niet alles te controleren'}")
    expected = record.get("checkpoints", 0)
    if chain.checkpoints < expected:
        problems.append(f"audit verify hield {chain.checkpoints} van de {expected} ankerpunten aan")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            verdict = [row[0] for row in cursor.fetchall()]
        if verdict != ["ok"]:
            problems.append("SQLite integrity_check: " + "; ".join(verdict[:5]))
    return {
        "problems": problems,
        **counts,
        "chain": {
            "ok": chain.ok,
            "checked": chain.checked,
            "checkpoints": chain.checkpoints,
            "problem": chain.problem,
        },  # fmt: skip
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ketenzorg.site.crashtest.inside")
    parser.add_argument("step", choices=["prepare", "check"])
    parser.add_argument("--writers", type=int, default=1)
    parser.add_argument("--record", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenzorg.settings")
    import django

    django.setup()
    if args.step == "prepare":
        result = prepare(args.writers)
    else:
        result = check(json.loads(args.record.read_text()))
    args.out.write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
