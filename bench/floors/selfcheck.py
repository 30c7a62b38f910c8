"""`python bench/floors`: time every floor, then check its rows against the real selectors.

A floor is not allowed to be cheaper by showing less: for two professionals (the busiest
involved one and the busiest coordinator) the ids, figures and totals each floor returns are
compared with what the product's selectors return (the break-the-glass overview as the
privacy officer: grants, who, duration, uses, members and total; the werkproces page of the
longest history and the busiest meedenker's list; each catalogue search: programmes, order,
total, districts and topics; the gebiedsknooppunt's inbox and the provider's list; the signal
function's dashboard: each figure's aggregate against `signaal.queries`, and the access-log
entry of the look), and the
nightly floor's counts with a
real `tick` (in a transaction that is rolled back). The timing part runs without Django; the
comparison imports it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from . import FLOORS
from .aanbod_search import ENDPOINTS as AANBOD_ENDPOINTS
from .aanbod_search import PAGE_SIZE as AANBOD_PAGE
from .aanbod_search import QUERIES as AANBOD_QUERIES
from .audit import NON_CLIENT_ROLES
from .case_lists import API_PAGE, DASHBOARD_PAGE, case_list_api_floor, dashboard_floor
from .case_page import case_page_floor
from .connection import connect
from .emergency_overview import EMERGENCY_PAGE, emergency_overview_floor
from .family_search import FAMILY_PAGE, family_search_floor
from .nightly import nightly_floor, reset_nightly
from .seeding import seed_floor
from .target import Target, pick_target, uuid_of
from .werkproces import (
    consultation_list_api_floor,
    consultation_list_floor,
    werkproces_api_floor,
    werkproces_page_floor,
)


def _timed(fn, repeat: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = len(fn())
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), size


def _u(value) -> str:
    return str(uuid.UUID(str(value)))


def _check(name: str, floor_ids: list, real_ids: list, problems: list[str]) -> None:
    floor_ids, real_ids = [_u(v) for v in floor_ids], [_u(v) for v in real_ids]
    same = floor_ids == real_ids
    print(f"  {'ok ' if same else 'DIFF'} {name}: {len(floor_ids)} floor, {len(real_ids)} real")
    if not same:
        problems.append(name)


def _django(database_url: str | None):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenzorg.settings")
    os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()


def _verify(conn, vendor: str, target: Target, nightly: dict | None) -> list[str]:
    """The floors' rows against the real selectors (in a transaction that is rolled back)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from ketenzorg.coordination import selectors, tasks
    from ketenzorg.families.selectors import FamilySearch, family_search
    from ketenzorg.privacy.selectors import OPEN, emergency_event_page

    user = get_user_model().objects.get(pk=target.user_id)
    problems: list[str] = []
    floor = json.loads(case_list_api_floor(conn, vendor, target))
    board = json.loads(dashboard_floor(conn, vendor, target))
    found = json.loads(family_search_floor(conn, vendor, target))
    page = json.loads(case_page_floor(conn, vendor, target))
    overview = json.loads(emergency_overview_floor(conn, vendor, target))
    with transaction.atomic():
        cases, total = selectors.case_list(actor=user, limit=API_PAGE)
        _check(
            "case_list_api cases",
            [c["uuid"] for c in floor["results"]],
            [c.uuid for c in cases],
            problems,
        )
        figures = [
            (
                c["level"],
                c["overdue_agreements"],
                c["open_signals"],
                str(c["next_deadline"]),
                sorted(k["professional"]["name"] for k in c["coordinators"]),
            )
            for c in floor["results"]
        ]
        real = [
            (
                c.level,
                c.overdue_agreements,
                c.open_signals,
                str(c.next_deadline),
                sorted(k.professional.full_name for k in c.active_coordinators),
            )
            for c in cases
        ]
        _check_equal(
            "case_list_api figures and total", (figures, floor["count"]), (real, total), problems
        )
        real_board = selectors.dashboard(actor=user, limit=DASHBOARD_PAGE)
        for key, rows in (
            ("cases", real_board.cases),
            ("events", real_board.events),
            ("matches", real_board.matches),
            ("signals", real_board.signals),
        ):
            _check(
                f"dashboard {key}",
                [r["uuid"] for r in board[key]],
                [r.uuid for r in rows],
                problems,
            )
        # Ordered by a date alone in the selector: rows of the same date may come in any order.
        for key, rows, day in (
            ("tasks", real_board.tasks, "deadline"),
            ("my_agreements", real_board.my_agreements, "due_on"),
        ):
            _check_ties(
                f"dashboard {key}",
                [(str(r["at"])[:10], _u(r["uuid"])) for r in board[key]],
                [(str(getattr(r, day)), _u(r.uuid)) for r in rows],
                problems,
            )
        families, total = family_search(
            actor=user, search=FamilySearch(name=target.surname), limit=FAMILY_PAGE
        )
        _check(
            "family_search families",
            [f["uuid"] for f in found["families"]],
            [f.uuid for f in families],
            problems,
        )
        _check_equal("family_search total", found["total"], total, problems)
        case_uuid = uuid_of(conn, vendor, "coordination_case", target.case_id)
        view = selectors.case_view(actor=user, case_uuid=uuid.UUID(str(case_uuid)))
        for key in (
            "involvements",
            "ended_involvements",
            "meetings",
            "agreements",
            "signals",
            "events",
        ):
            _check(
                f"case_page {key}",
                [r["uuid"] for r in page[key]],
                [r.uuid for r in getattr(view, key)],
                problems,
            )
        _check_equal(
            "case_page suggestion", page["suggestion"]["level"], view.suggestion.level, problems
        )
        _check_equal("case_page age warnings", page["age_warnings"], view.age_warnings, problems)
        officer = get_user_model().objects.get(pk=target.privacy_user_id)
        grants = emergency_event_page(actor=officer, status=OPEN, per_page=EMERGENCY_PAGE)
        _check(
            "emergency_overview grants",
            [e["uuid"] for e in overview["events"]],
            [e.uuid for e in grants.events],
            problems,
        )
        shown = [
            (e["who"], e["active"], e["hours"], e["uses"], [_u(m["uuid"]) for m in e["members"]])
            for e in overview["events"]
        ]
        real = [
            (
                f"{e.professional.full_name}, {e.professional.organisation.name}",
                e.active,
                e.hours,
                e.uses,
                [_u(m.uuid) for m in e.family.members.all()],
            )
            for e in grants.events
        ]
        _check_equal(
            "emergency_overview who, duration, uses, members and total",
            (shown, overview["total"]),
            (real, grants.total),
            problems,
        )
        if nightly is not None:
            started = time.perf_counter()
            result = tasks.tick(target.today)
            print(f"  real tick {1000 * (time.perf_counter() - started):.0f} ms (rolled back)")
            real = {
                "suggestions": result.suggestions,
                "signals": result.signals,
                "signal_mails": result.signal_mails,
                "reminders": result.reminders,
            }
            _check_equal("nightly counts", nightly, real, problems)
        transaction.set_rollback(True)
    return problems


def _verify_werkproces(conn, vendor: str, target: Target) -> list[str]:
    """The werkproces page and the meedenker's list against `werkproces.selectors`."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from ketenzorg.coordination.models import Case
    from ketenzorg.werkproces import selectors

    problems: list[str] = []
    page = json.loads(werkproces_page_floor(conn, vendor, target))
    api = json.loads(werkproces_api_floor(conn, vendor, target))
    listed = json.loads(consultation_list_floor(conn, vendor, target))
    listed_api = json.loads(consultation_list_api_floor(conn, vendor, target))
    users = get_user_model().objects
    with transaction.atomic():
        case = Case.objects.select_related("family").get(pk=target.werkproces_case_id)
        view = selectors.werkproces_view(actor=users.get(pk=target.werkproces_user_id), case=case)
        for key in ("transitions", "evaluations", "consultations"):
            _check(
                f"werkproces_page {key}",
                [r["uuid"] for r in page[key]],
                [r.uuid for r in getattr(view, key)],
                problems,
            )
        for key in ("transitions", "evaluations"):
            _check(
                f"werkproces_api {key}",
                [r["uuid"] for r in api[key]],
                [r.uuid for r in getattr(view, key)],
                problems,
            )
        werkproces = view.werkproces
        _check(
            "werkproces_page gkp_items",
            list(dict.fromkeys(r["uuid"] for r in page["gkp_items"])),
            [i.item.uuid for i in view.gkp_items],
            problems,
        )
        current = [e for e in view.evaluations if e.version == werkproces.version]
        _check_equal(
            "werkproces_page step, possible transitions, current evaluation, findings",
            (
                page["step"],
                page["possible_transitions"],
                _u(page["current_evaluation"]["uuid"]) if page["current_evaluation"] else None,
                [c["findings"] for c in page["consultations"]],
            ),
            (
                werkproces.step,
                list(view.possible),
                _u(current[-1].uuid) if current else None,
                [c.finding_count for c in view.consultations],
            ),
            problems,
        )
        rows = selectors.consultations_for_meedenker(actor=users.get(pk=target.meedenker_user_id))
        _check(
            "consultation_list_api consultations",
            [r["uuid"] for r in listed_api],
            [c.uuid for c in rows],
            problems,
        )
        now = timezone.now()
        shown = sorted(rows, key=lambda c: (c.ends_at <= now, c.ends_at))  # the view's order
        _check(
            "consultation_list consultations",
            [r["uuid"] for r in listed],
            [c.uuid for c in shown],
            problems,
        )
        transaction.set_rollback(True)
    return problems


def _verify_aanbod(conn, vendor: str, target: Target) -> list[str]:
    """Each catalogue query's page and API call against `aanbod.selectors.programme_search`:
    the same programmes in the same order, the same total, their districts and topics."""
    from ketenzorg.aanbod.selectors import SearchParams, programme_search

    problems: list[str] = []
    gebied = uuid_of(conn, vendor, "network_district", target.aanbod_gebied_id)
    for name, (key, kind) in AANBOD_ENDPOINTS.items():
        aq = AANBOD_QUERIES[key]
        floor = json.loads(FLOORS[name](conn, vendor, target))
        rows, total = floor["results"], floor["total" if kind == "page" else "count"]
        real = programme_search(
            SearchParams(text=aq.text, age=aq.age, district_uuid=gebied if aq.in_gebied else None,
                         page_size=AANBOD_PAGE)
        )  # fmt: skip
        _check(f"{name} programmes", [r["uuid"] for r in rows], [p.uuid for p in real.results],
               problems)  # fmt: skip
        shown = [(total, [[_u(d["uuid"]) for d in r["districts"]] for r in rows])]
        expected = [(real.total, [[_u(d.uuid) for d in p.districts] for p in real.results])]
        if kind == "api":
            shown.append([[_u(t["uuid"]) for t in r["topics"]] for r in rows])
            expected.append([[_u(t.uuid) for t in p.topics] for p in real.results])
        _check_equal(f"{name} total, districts{', topics' if kind == 'api' else ''}", shown,
                     expected, problems)  # fmt: skip
    return problems


def _verify_verwijzing(conn, vendor: str, target: Target) -> list[str]:
    """The gebiedsknooppunt's inbox and the provider's list against `verwijzing.selectors`: the
    same stadsdelen, the same referrals per column or group in the same order, the same counts,
    and the same provider groups."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from ketenzorg.verwijzing import rules, selectors

    from .verwijzing import INBOX_COLUMNS, LIST_LIMIT, PROVIDER_GROUP, PROVIDER_GROUPS

    problems: list[str] = []
    inbox = json.loads(FLOORS["referral_inbox"](conn, vendor, target))
    listed = json.loads(FLOORS["referral_provider_list"](conn, vendor, target))
    users = get_user_model().objects
    with transaction.atomic():
        _check_equal(
            "referral inbox columns, provider groups, list limit",
            (INBOX_COLUMNS, PROVIDER_GROUPS, LIST_LIMIT),
            (rules.INBOX_COLUMNS, selectors.PROVIDER_GROUPS, selectors.LIST_LIMIT),
            problems,
        )
        real = selectors.inbox_for(actor=users.get(pk=target.verbinder_user_id))
        _check_equal(
            "referral_inbox stadsdelen, counts",
            (inbox["stadsdelen"], inbox["counts"]),
            ([s.pk for s in real.stadsdelen], real.counts),
            problems,
        )
        for column, rows in real.columns.items():
            _check(
                f"referral_inbox {column}",
                [r["uuid"] for r in inbox["columns"][column]],
                [r.uuid for r in rows],
                problems,
            )
        real_list = selectors.provider_referrals(
            actor=users.get(pk=target.provider_user_id), group=PROVIDER_GROUP
        )
        rows = real_list.referrals
        _check("referral_provider_list rows", [r["uuid"] for r in listed["rows"]],
               [r.uuid for r in rows], problems)  # fmt: skip
        _check_equal("referral_provider_list counts", listed["counts"], real_list.counts, problems)
        _check_equal(
            "referral_provider_list documents",
            [(sorted(r["documents"]["requested"]), sorted(r["documents"]["released"]))
             for r in listed["rows"]],
            [(sorted(real_list.documents[r.pk].requested), sorted(real_list.documents[r.pk].released))
             for r in rows],
            problems,
        )  # fmt: skip
        _check_equal(
            "referral rows: provider and programme names",
            [(r["provider_name"], r["programme_name"]) for r in listed["rows"]],
            [(r.provider.name, r.matched_programme.name) for r in rows],
            problems,
        )
        transaction.set_rollback(True)
    return problems


def _verify_signaal(conn, vendor: str, target: Target) -> list[str]:
    """Each dashboard floor's aggregate against the product's exact one (`signaal.queries`,
    `queries_verwijzing`) on the same database, with the same default period; the copied rules;
    and the access-log entry the floor writes against the one the product writes for the same
    look (in a transaction that is rolled back)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from ketenzorg.access import rules
    from ketenzorg.audit.models import AuditEntry
    from ketenzorg.signaal import catalogue, forms, guards, queries, queries_verwijzing, selectors

    from . import signaal

    problems: list[str] = []
    first, last = signaal.default_period(target.today)
    _check_equal(
        "signaal copies: period, wait bins, steps, roles, object type",
        ((first, last), signaal.WAIT_BINS, signaal.STEPS, frozenset(signaal.SIGNAL_ROLES),
         signaal.FIGURE_TYPE),
        (forms.default_period(target.today), queries_verwijzing.WAIT_BINS,
         queries_verwijzing.STEPS, frozenset(map(str, rules.SIGNAL_ROLES)), guards.FIGURE_TYPE),
        problems,
    )  # fmt: skip
    floor = {
        "signaal_zorgniveaus": {
            (d, level): n for d, level, n in signaal.open_cases_by_level(conn, vendor)
        },
        "signaal_contacten": {
            (m, d, t): n for m, d, t, n in signaal.contacts_by_topic(conn, vendor, first, last)
        },
        "signaal_wachttijd": {
            (m, step, b): n for m, step, b, n in signaal.waits_by_step(conn, vendor, first, last)
        },
    }
    real = {
        "signaal_zorgniveaus": queries.open_cases_by_level(),
        "signaal_contacten": {
            (str(m), d, t): n
            for (m, d, t), n in queries.contacts_by_month("topic", first, last).items()
        },
        "signaal_wachttijd": {
            (str(m), step, b): n
            for (m, step, b), n in queries_verwijzing.waits_by_step(first, last).items()
        },
    }
    for name in signaal.PAGES:
        _check_equal(
            f"{name} aggregate ({len(floor[name])} groups, {sum(floor[name].values())} counted)",
            floor[name],
            real[name],
            problems,
        )
    user = get_user_model().objects.get(pk=target.manager_user_id)
    logged = (
        "action outcome object_type object_uuid basis reason user_role user_organisation".split()
    )
    for name, (key, _) in signaal.PAGES.items():
        signaal.FLOORS[name](conn, vendor, target)
        cursor = conn.execute(
            f"SELECT {', '.join(logged)}, (SELECT COUNT(*) FROM bench_floor_audit_subject s"
            " WHERE s.entry_id = a.id) FROM bench_floor_audit a ORDER BY a.id DESC LIMIT 1"
        )  # noqa: S608 - constant names
        floor_entry = tuple(cursor.fetchone())
        entry = catalogue.get(key)
        form = forms.FilterForm({}, period=entry.period, area=entry.area)  # views._filters
        form.is_valid()
        with transaction.atomic():
            selectors.figure_view(actor=user, name=entry.selector, **entry.fixed,
                                  **form.filters())  # fmt: skip
            made = AuditEntry.objects.order_by("-id").first()
            real_entry = (*(getattr(made, f) for f in logged), made.subjects.count())
            transaction.set_rollback(True)
        _check_equal(f"{name} access-log entry", floor_entry, real_entry, problems)
    return problems


def _check_ties(name: str, floor: list[tuple], real: list[tuple], problems: list[str]) -> None:
    """The same dates in the same order, and the same rows per date (the last date may be cut)."""
    last = real[-1][0] if real else None

    def groups(rows):
        found = defaultdict(set)
        for day, value in rows:
            found[day[:10]].add(value if day[:10] != str(last) else "")
        return [d[:10] for d, _ in rows], found

    _check_equal(
        name + f" ({len(floor)} floor, {len(real)} real)", groups(floor), groups(real), problems
    )


def _check_equal(name: str, floor, real, problems: list[str]) -> None:
    same = floor == real
    print(
        f"  {'ok ' if same else 'DIFF'} {name}"
        + ("" if same else f": floor {floor!r}, real {real!r}")
    )
    if not same:
        problems.append(name)


def _check_roles(problems: list[str]) -> None:
    """The one rule the floors must copy: the role set lives beside Django models."""
    from ketenzorg.access import rules

    _check_equal(
        "non-client roles", NON_CLIENT_ROLES, frozenset(map(str, rules.NON_CLIENT_ROLES)), problems
    )


def _measure(conn, vendor: str, target: Target, repeat: int) -> None:
    print(f"{vendor}: {target}")
    for name, floor in FLOORS.items():
        floor(conn, vendor, target)  # warm the caches and prepared statements
        median, size = _timed(lambda f=floor: f(conn, vendor, target), repeat)
        print(f"  {name:<18} median {median:8.2f} ms   body {size:>8} bytes")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=25, help="runs per floor (median shown)")
    parser.add_argument("--no-verify", action="store_true", help="skip the comparison with Django")
    parser.add_argument(
        "--seed-tables", default="families_family,families_person,families_involvement"
    )
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL") or None
    var_dir = Path(os.environ.get("KETENZORG_VAR_DIR", Path.cwd() / "var"))
    conn, vendor = connect(database_url, None if database_url else var_dir / "ketenzorg.sqlite3")
    today = datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    targets = [pick_target(conn, vendor, today), pick_target(conn, vendor, today, coordinator=True)]
    for target in targets:
        _measure(conn, vendor, target, args.repeat)
    reset_nightly(conn, vendor)  # measured as run.py measures it: without the reset
    started = time.perf_counter()
    nightly = nightly_floor(conn, vendor, today, reset=False)
    print(f"nightly floor {1000 * (time.perf_counter() - started):8.1f} ms   {nightly}")
    seeded = seed_floor(conn, vendor, [t for t in args.seed_tables.split(",") if t])
    print("seed floor    " + ", ".join(f"{t} {s:.3f} s" for t, s in seeded.items()))
    if args.no_verify:
        return 0
    _django(database_url)
    problems: list[str] = []
    _check_roles(problems)
    for number, target in enumerate(targets):
        print(f"verify against the selectors: professional {target.professional_id}")
        nightly = nightly_floor(conn, vendor, today) if number == 0 else None
        problems += _verify(conn, vendor, target, nightly)
        if number == 0:
            problems += _verify_werkproces(conn, vendor, target)
            problems += _verify_aanbod(conn, vendor, target)
            problems += _verify_verwijzing(conn, vendor, target)
            problems += _verify_signaal(conn, vendor, target)
    print(
        "verification: " + ("all the same" if not problems else "DIFFERENT: " + ", ".join(problems))
    )
    return 1 if problems else 0
