"""Benchmark the case dashboard and the case list API: p50/p99 and query count per request.

    .venv/bin/python bench/bench_dashboard.py                     # the current database
    KETENZORG_VAR_DIR=/tmp/metro .venv/bin/python bench/bench_dashboard.py --seed-scale metro
    DATABASE_URL=postgres://... .venv/bin/python bench/bench_dashboard.py --requests 200

With --seed-scale the city is generated first (`ketenzorg seed`) if the database
has no families yet. Families with active involvements but no case get one,
set-based (`coordination.demo.place_cases`, levels by the counting rule). The
busiest professional (most cases) and a procescoördinator are then measured
through Django's test client, so the numbers include middleware, access checks
and the audit entry every look writes. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

print = functools.partial(print, flush=True)  # noqa: A001 - progress shows while it runs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenzorg.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from ketenzorg.coordination.demo import Coordinators, FamilyFacts, levels_by_rule, place_cases  # noqa: E402
from ketenzorg.coordination.models import Case, CaseCoordinator  # noqa: E402
from ketenzorg.families.models import Family, Involvement  # noqa: E402
from ketenzorg.network.models import Professional, Role  # noqa: E402


def ensure_cases() -> int:
    today = timezone.localdate()
    active = Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    rows = (
        Involvement.objects.filter(active)
        .exclude(family__cases__status="open")
        .order_by("family_id", "started_on", "pk")
        .values_list("family_id", "professional_id")
    )
    involved: dict[int, list[int]] = defaultdict(list)
    for family_id, professional_id in rows.iterator(chunk_size=20_000):
        involved[family_id].append(professional_id)
    if not involved:
        return 0
    facts = [FamilyFacts(f, p) for f, p in involved.items()]

    def first(role):
        return (
            Professional.objects.filter(role_assignments__role=role, is_active=True)
            .values_list("pk", flat=True)
            .first()
        )

    coordinators = Coordinators(
        first(Role.ZORGCOORDINATOR), first(Role.PROCESCOORDINATOR), first(Role.BRANDPUNT)
    )
    started = time.perf_counter()
    with transaction.atomic():
        placed = place_cases(
            facts,
            today=today,
            coordinators=coordinators,
            rng=random.Random(1),
            levels=levels_by_rule(facts),
            with_plan=False,
        )
    print(
        f"casussen geplaatst: {placed.cases} in {time.perf_counter() - started:.1f} s ({dict(sorted(placed.by_level.items()))})"
    )
    return placed.cases


def client_for(professional: Professional) -> Client:
    user = professional.user
    if user is None:
        user = get_user_model().objects.create_user(
            username=f"bench-{professional.pk}", password=None
        )
        Professional.objects.filter(pk=professional.pk).update(user=user)
    device = TOTPDevice.objects.filter(
        user=user, confirmed=True
    ).first() or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def measure(client: Client, url: str, requests: int) -> str:
    client.get(url)  # warm up
    times, queries = [], []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(ctx.captured_queries))
    times.sort()
    p99 = times[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]
    return f"{url:<22} p50 {statistics.median(times):7.1f} ms   p99 {p99:7.1f} ms   queries {min(queries)}–{max(queries)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seed-scale",
        choices=["city", "metro", "nation"],
        help="generate this city first if there are no families",
    )
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    if args.seed_scale and not Family.objects.exists():
        call_command("migrate", verbosity=0)
        call_command("seed", "--scale", args.seed_scale, "--no-progress")
    ensure_cases()
    print(
        f"gezinnen: {Family.objects.count()}, open casussen: {Case.objects.filter(status='open').count()}, database: {connection.vendor}"
    )
    busiest = (
        Involvement.objects.filter(ended_on__isnull=True)
        .values("professional_id")
        .annotate(n=Count("family_id", distinct=True))
        .order_by("-n")
        .first()
    )
    subjects = []
    if busiest:
        subjects.append(
            (
                Professional.objects.get(pk=busiest["professional_id"]),
                f"meest betrokken professional ({busiest['n']} gezinnen)",
            )
        )
    coordinating = (
        CaseCoordinator.objects.filter(ended_at__isnull=True, role="procescoordinator")
        .values("professional_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if coordinating:
        subjects.append(
            (
                Professional.objects.get(pk=coordinating["professional_id"]),
                f"procescoördinator ({coordinating['n']} casussen)",
            )
        )
    for professional, label in subjects:
        client = client_for(professional)
        print(f"\n{label}:")
        print(measure(client, "/casussen/", args.requests))
        print(measure(client, "/api/v1/casussen/", args.requests))


if __name__ == "__main__":
    main()
