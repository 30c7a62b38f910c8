"""The benchmark's steps that need Django: run as a subprocess, one per database.

    python bench/inside.py prepare      # accounts, sessions, tokens, targets, queries per request
    python bench/inside.py nightly      # the daily pass (coordination tick), timed

Django is configured once per process for one database, while the harness
(`bench/run.py`) measures SQLite and PostgreSQL in one run; so it calls this
script with the database in the environment and reads one JSON object from the
last line of its output.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenzorg.settings")

import django  # noqa: E402

django.setup()

from contacts_year import add_year  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, get_resolver, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from floors.aanbod_search import ENDPOINTS as AANBOD_ENDPOINTS  # noqa: E402
from floors.aanbod_search import QUERIES as AANBOD_QUERIES  # noqa: E402
from floors.signaal import PAGES as SIGNAAL_PAGES  # noqa: E402
from floors.target import aanbod_gebied, manager_user  # noqa: E402
from floors.verwijzing import verwijzing_targets  # noqa: E402
from inprocess import client_for  # noqa: E402

from ketenzorg.aanbod.models import Programme, ProgrammeStatus  # noqa: E402
from ketenzorg.accounts.api_keys import api_key_create  # noqa: E402
from ketenzorg.accounts.models import User  # noqa: E402
from ketenzorg.accounts.sessions import SessionStore  # noqa: E402
from ketenzorg.coordination.models import Case, CaseStatus  # noqa: E402
from ketenzorg.coordination.tasks import tick  # noqa: E402
from ketenzorg.families.models import Family, Involvement, Person  # noqa: E402
from ketenzorg.frontdoor.models import Topic  # noqa: E402
from ketenzorg.network.models import District, Professional, Role  # noqa: E402
from ketenzorg.signaal.warm import warm_releases  # noqa: E402
from ketenzorg.werkproces.models import Consultation, Werkproces  # noqa: E402

AGREEMENT_CASES = 50  # agreements are spread over this many cases, so no case's list keeps growing


def _active():
    today = timezone.localdate()
    return Q(ended_on__isnull=True) | Q(ended_on__gte=today)


def _professionals_by_open_cases():
    """Professionals with active involvements in families that have an open case, most first."""
    return (
        Involvement.objects.filter(_active(), family__cases__status=CaseStatus.OPEN)
        .values("professional_id")
        .annotate(n=Count("family_id", distinct=True))
        .order_by("-n", "professional_id")
    )


def _common_surname(professional: Professional) -> str:
    """The family name that occurs most among this professional's families: a search with results."""
    involved = Involvement.objects.filter(_active(), professional=professional).values("family_id")
    return (
        Person.objects.filter(family_id__in=involved)
        .values("family_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "family_name")
        .values_list("family_name", flat=True)
        .first()
    )


def _login(professional: Professional) -> tuple[str, str, User]:
    """A verified (password + TOTP) session and an API token, as a real login leaves them."""
    user = professional.user
    if user is None:
        user = User.objects.create_user(username=f"bench-{professional.pk}", password=None)
        Professional.objects.filter(pk=professional.pk).update(user=user)
        professional.refresh_from_db()
    if user.must_change_password:
        User.objects.filter(pk=user.pk).update(must_change_password=False)
    device = TOTPDevice.objects.filter(
        user=user, confirmed=True
    ).first() or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[
        -1
    ]  # the model backend, after axes
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["otp_device_id"] = device.persistent_id
    session.set_expiry(24 * 3600)
    session.save()
    key = api_key_create(actor=user, label="bench", lifetime_days=30, read_only=False)
    return session.session_key, key.secret, user


def _queries(client: Client, method: str, path: str, expect: int, **extra) -> int:
    call = getattr(client, method.lower())
    call(path, **extra)  # warm the caches a worker has after its first request
    with CaptureQueriesContext(connection) as ctx:
        response = call(path, **extra)
    if response.status_code != expect:
        raise SystemExit(f"{method} {path}: {response.status_code}, expected {expect}")
    return len(ctx.captured_queries)


def _privacy_officer() -> Professional:
    """The first privacy officer: every seeded city has one, as the floor's target picks it."""
    officer = (
        Professional.objects.select_related("user")
        .filter(role_assignments__role=Role.PRIVACY, is_active=True, user__isnull=False)
        .order_by("pk")
        .first()
    )
    if officer is None:
        raise SystemExit("de database heeft geen privacyfunctionaris; seed eerst (ketenzorg seed)")
    return officer


def _endpoints(professional: Professional, session_key: str, token: str, case_uuids: list[str], case_uuid: str, surname: str,
               topic, csrf: str, privacy_session: str) -> dict:  # fmt: skip
    """What the load generator sends: method, paths (one is picked per request), headers, body."""
    cookie = f"{settings.SESSION_COOKIE_NAME}={session_key}"
    api = {"Authorization": f"Token {token}", "Accept": "application/json"}
    due = (timezone.localdate().replace(day=1) + timedelta(days=60)).isoformat()
    question = (
        f"asker_kind=ouder&topic={topic}&child_age=7&name=&email=&website=&consent=on"
        f"&text=Mijn+zoon+slaapt+slecht+sinds+de+verhuizing.+Wat+kan+ik+doen%3F"
        f"&csrfmiddlewaretoken={csrf}"
    )
    return {
        "framework_floor": {"method": "GET", "paths": ["/gezondheid/"], "expect": 200},
        "dashboard": {"method": "GET", "paths": ["/casussen/"], "headers": {"Cookie": cookie}, "expect": 200},
        "case_page": {"method": "GET", "paths": [f"/casussen/{case_uuid}/"], "headers": {"Cookie": cookie},
                      "expect": 200},
        "case_list_api": {"method": "GET", "paths": ["/api/v1/casussen/"], "headers": api, "expect": 200},
        "case_detail_api": {"method": "GET", "paths": [f"/api/v1/casussen/{case_uuid}/"], "headers": api,
                            "expect": 200},
        # A search is a POST (no name in the URL): the form's fields and the CSRF token.
        "family_search": {"method": "POST", "paths": ["/gezinnen/"],
                          "headers": {"Cookie": f"{cookie}; {settings.CSRF_COOKIE_NAME}={csrf}",
                                      "Content-Type": "application/x-www-form-urlencoded"},
                          "body": f"q={surname}&geboortedatum=&bsn=&csrfmiddlewaretoken={csrf}",
                          "expect": 200},
        "agreement_create": {
            "method": "POST",
            "paths": [f"/api/v1/casussen/{u}/afspraken/" for u in case_uuids],
            "headers": {**api, "Content-Type": "application/json"},
            "body": json.dumps({"what": "Gezin belt school over de ochtendroutine", "due_on": due,
                               "responsible_professional": str(professional.uuid)}),
            "expect": 201,
        },
        "question_create": {
            "method": "POST",
            "paths": ["/publiek/vraag/"],
            "headers": {"Cookie": f"{settings.CSRF_COOKIE_NAME}={csrf}",
                        "Content-Type": "application/x-www-form-urlencoded"},
            "body": question,
            "expect": 302,
            "spread_addresses": True,
        },
        # The privacy officer's break-the-glass overview: the 25 newest grants to review.
        "emergency_overview": {"method": "GET", "paths": ["/toegangslog/noodtoegang/"],
                               "headers": {"Cookie": f"{settings.SESSION_COOKIE_NAME}={privacy_session}"},
                               "expect": 200},
    }  # fmt: skip


def _werkprocessen(biggest: bool):
    """Open cases' werkprocessen with consultations: the longest history first (as the floor's
    target picks it), or the shortest that still shows every block (`biggest=False`)."""
    found = (
        Werkproces.objects.filter(
            case__status=CaseStatus.OPEN,
            started_by__is_active=True,
            started_by__user__isnull=False,
        )
        .annotate(n=Count("consultations"))
        .filter(n__gte=1, version__gte=2)
        .select_related("case", "started_by__user")
    )
    return (
        found.order_by("-version", "-n", "pk") if biggest else found.order_by("version", "n", "pk")
    )


def _meedenkers(busiest: bool):
    """Meedenkers by their running consultations: the most first (the floor's target), or the fewest."""
    counted = (
        Consultation.objects.filter(
            access_until__gt=timezone.now(),
            meedenker__is_active=True,
            meedenker__user__isnull=False,
        )
        .values("meedenker_id")
        .annotate(n=Count("pk"))
    )
    return (
        counted.order_by("-n", "meedenker_id") if busiest else counted.order_by("n", "meedenker_id")
    )


def _werkproces_endpoints(werkproces: Werkproces, meedenker: Professional) -> dict:
    """The werkproces page of a case and the meedenker's list, as pages and API calls."""
    session, token, _ = _login(werkproces.started_by)
    m_session, m_token, _ = _login(meedenker)
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
    m_cookie = f"{settings.SESSION_COOKIE_NAME}={m_session}"
    case = werkproces.case.uuid

    def api(key):
        return {"Authorization": f"Token {key}", "Accept": "application/json"}

    return {
        "werkproces_page": {"method": "GET", "paths": [f"/werkproces/casus/{case}/"],
                            "headers": {"Cookie": cookie}, "expect": 200},
        "werkproces_api": {"method": "GET", "paths": [f"/api/v1/casussen/{case}/werkproces/"],
                           "headers": api(token), "expect": 200},
        "consultation_list": {"method": "GET", "paths": ["/werkproces/consultaties/"],
                              "headers": {"Cookie": m_cookie}, "expect": 200},
        "consultation_list_api": {"method": "GET", "paths": ["/api/v1/consultaties/"],
                                  "headers": api(m_token), "expect": 200},
    }  # fmt: skip


def _werkproces_world(biggest: bool) -> tuple[dict, dict]:
    werkproces = _werkprocessen(biggest).first()
    counted = _meedenkers(biggest).first()
    if werkproces is None or counted is None:
        raise SystemExit("de database heeft geen werkprocessen met consultaties; seed opnieuw")
    meedenker = Professional.objects.select_related("user").get(pk=counted["meedenker_id"])
    world = {
        "case_id": werkproces.case_id,
        "user_id": werkproces.started_by.user_id,
        "transitions": werkproces.version,
        "consultations": werkproces.n,
        "meedenker_user_id": meedenker.user_id,
        "running": counted["n"],
    }
    return world, _werkproces_endpoints(werkproces, meedenker)


def _aanbod_world() -> tuple[dict, dict]:
    """The public catalogue search: each query of the floor module as a page and an API call,
    in the gebied the floor's target picks (with the floor's own SQL, on Django's connection)."""
    connection.ensure_connection()
    gebied = District.objects.get(pk=aanbod_gebied(connection.connection, connection.vendor))
    endpoints = {}
    for name, (key, kind) in AANBOD_ENDPOINTS.items():
        aq = AANBOD_QUERIES[key]
        if kind == "page":
            path, headers = aq.page_path(gebied.uuid), {}
        else:
            path, headers = aq.api_path(gebied.uuid), {"Accept": "application/json"}
        endpoints[name] = {"method": "GET", "paths": [path], "headers": headers, "expect": 200}
    world = {
        "gebied_id": gebied.pk,
        "gebied": gebied.name,
        "published": Programme.objects.filter(status=ProgrammeStatus.PUBLISHED).count(),
    }
    return world, endpoints


# The referral lists (bench/floors/verwijzing.py): endpoint name -> (URL name, whose session).
REFERRAL_PAGES = {
    "referral_inbox": ("verwijzing:inbox", "verbinder_user_id"),
    "referral_provider_list": ("verwijzing:provider_list", "provider_user_id"),
}


def _referral_world(biggest: bool) -> tuple[dict, dict]:
    """The gebiedsknooppunt's inbox of the verbinder with the most referrals and the list of the
    provider with the most (or the fewest, `biggest=False`), as the floor's target picks them.
    A page whose URL name is not (yet) in the product is left out, so the run measures the rest."""
    connection.ensure_connection()
    found = verwijzing_targets(connection.connection, connection.vendor, busiest=biggest)
    endpoints = {}
    for name, (url_name, who) in REFERRAL_PAGES.items():
        try:
            path = reverse(url_name)
        except NoReverseMatch:
            continue
        professional = Professional.objects.select_related("user").get(user_id=found[who])
        session, _, _ = _login(professional)
        endpoints[name] = {"method": "GET", "paths": [path],
                           "headers": {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"},
                           "expect": 200}  # fmt: skip
    return found, endpoints


def _signaal_world() -> tuple[dict, dict]:
    """Three pages of the signal function's dashboard as the manager the floor's target picks,
    with the default filters (no query string: the last twelve full months, the whole city).
    The front door's year of contact moments is added first when the seed left it out
    (`contacts_year.py`). A page whose figure is not (yet) in the product is left out."""
    connection.ensure_connection()
    user_id = manager_user(connection.connection, connection.vendor)
    session, _, _ = _login(Professional.objects.select_related("user").get(user_id=user_id))
    world = {"manager_user_id": user_id, **add_year()}
    # As the worker beside the server does once an hour (signaal.warm): the months' releases
    # suppressed ahead. Its time is what the first look at a new month would cost.
    started = time.perf_counter()
    world["warm_figures"] = {key: round(s, 1) for key, s in warm_releases().items()}
    world["warm_seconds"] = round(time.perf_counter() - started, 1)
    endpoints = {}
    for name, (figure_key, _) in SIGNAAL_PAGES.items():
        try:
            path = reverse("signaal:figure", kwargs={"figure_key": figure_key})
        except NoReverseMatch:
            continue
        endpoints[name] = {"method": "GET", "paths": [path],
                           "headers": {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"},
                           "expect": 200}  # fmt: skip
    return world, endpoints


def _count_queries(endpoints: dict) -> dict[str, int]:
    """Queries per request of every endpoint, or of those `run.py --pages` measures (BENCH_PAGES):
    a page that takes minutes at nation scale (the signal function's contact figure) is not
    requested four times for a run that does not measure it."""
    from ketenzorg.frontdoor.models import SubmissionWindow

    only = set(filter(None, os.environ.get("BENCH_PAGES", "").split(",")))
    # The question's per-address limit counts these addresses in the kept database: every
    # earlier prepare (a profile, an A/B) posted from them within the hour.
    SubmissionWindow.objects.all().delete()
    counts = {}
    for name, spec in endpoints.items():
        if only and name not in only:
            continue
        client, extra = client_for(spec)
        if spec["method"] == "POST":
            extra["REMOTE_ADDR"] = f"10.9.{len(counts)}.1"
        counts[name] = _queries(client, spec["method"], spec["paths"][0], spec["expect"], **extra)
    return counts


def prepare() -> dict:
    ranked = list(_professionals_by_open_cases()[:1]) + list(
        _professionals_by_open_cases().filter(n__gte=3).order_by("n", "professional_id")[:1]
    )
    if not ranked:
        raise SystemExit("de database heeft geen open casussen; seed eerst (ketenzorg seed)")
    busiest = Professional.objects.select_related("user").get(pk=ranked[0]["professional_id"])
    quiet = Professional.objects.select_related("user").get(pk=ranked[-1]["professional_id"])
    session_key, token, user = _login(busiest)
    involved = Involvement.objects.filter(_active(), professional=busiest).values("family_id")
    cases = Case.objects.filter(status=CaseStatus.OPEN, family_id__in=involved)
    shown = cases.order_by("-level", "pk").select_related("family").first()
    # Never the case whose page is measured: agreements recorded by one run would make the
    # next run's case page longer (a kept database drifts otherwise).
    case_uuids = [
        str(u)
        for u in cases.exclude(pk=shown.pk)
        .order_by("pk")
        .values_list("uuid", flat=True)[:AGREEMENT_CASES]
    ]
    surname = _common_surname(busiest)
    topic = (
        Topic.objects.filter(is_active=True).order_by("pk").values_list("uuid", flat=True).first()
    )
    csrf = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret as the token
    privacy_session, _, officer = _login(_privacy_officer())
    endpoints = _endpoints(
        busiest, session_key, token, case_uuids, str(shown.uuid), surname, topic, csrf,
        privacy_session,
    )  # fmt: skip
    quiet_session, quiet_token, _ = _login(quiet)
    quiet_cases = Case.objects.filter(
        status=CaseStatus.OPEN,
        family_id__in=Involvement.objects.filter(_active(), professional=quiet).values("family_id"),
    )
    quiet_endpoints = _endpoints(quiet, quiet_session, quiet_token,
                                 [str(u) for u in quiet_cases.values_list("uuid", flat=True)[:3]],
                                 str(quiet_cases.order_by("-level", "pk").first().uuid), _common_surname(quiet), topic,
                                 csrf, privacy_session)  # fmt: skip
    werkproces, werkproces_endpoints = _werkproces_world(biggest=True)
    endpoints.update(werkproces_endpoints)
    quiet_endpoints.update(_werkproces_world(biggest=False)[1])
    verwijzing, verwijzing_endpoints = _referral_world(biggest=True)
    endpoints.update(verwijzing_endpoints)
    quiet_endpoints.update(_referral_world(biggest=False)[1])
    signaal, signaal_endpoints = _signaal_world()  # city-wide figures: the same for everyone
    endpoints.update(signaal_endpoints)
    quiet_endpoints.update(signaal_endpoints)
    aanbod, aanbod_endpoints = _aanbod_world()  # public: the same for everyone
    endpoints.update(aanbod_endpoints)
    quiet_endpoints.update(aanbod_endpoints)
    return {
        "vendor": connection.vendor,
        "families": Family.objects.count(),
        "open_cases": Case.objects.filter(status=CaseStatus.OPEN).count(),
        "busiest": {"professional_id": busiest.pk, "user_id": user.pk, "families": ranked[0]["n"]},
        "quiet": {"professional_id": quiet.pk, "families": ranked[-1]["n"]},
        "privacy": {"user_id": officer.pk},
        "case_id": shown.pk,
        "werkproces": werkproces,
        "aanbod": aanbod,
        "verwijzing": verwijzing,
        "signaal": signaal,
        "case_level": shown.level,
        "surname": surname,
        "endpoints": endpoints,
        "queries": _count_queries(endpoints),
        "queries_quiet": _count_queries(quiet_endpoints),
    }


class _RollBack(Exception):
    pass


def nightly() -> dict:
    """One pass as the long-running worker does it: URLs loaded (the mails link to cases).

    E-mail goes to Django's dummy backend (run.py sets it): delivery is the mail
    server's work, not ours; composing and recording each message is measured. The
    pass is rolled back at the end, so a kept database offers the same work next time
    (and the pages measured afterwards see the seeded world); that leaves out only the
    final commits, one per 1000 signals.
    """
    get_resolver().url_patterns  # noqa: B018 - the worker's first pass imports every view once
    started = time.perf_counter()
    try:
        with transaction.atomic():
            result = tick()
            seconds = time.perf_counter() - started
            raise _RollBack
    except _RollBack:
        pass
    return {"seconds": seconds, "result": str(result)}


if __name__ == "__main__":
    step = sys.argv[1] if len(sys.argv) > 1 else ""
    if step not in {"prepare", "nightly"}:
        raise SystemExit("usage: inside.py prepare|nightly")
    output = prepare() if step == "prepare" else nightly()
    print(json.dumps(output))
