"""Idle sessions expire after SESSION_COOKIE_AGE, without a database write on every request;
every session ends KETENZORG_SESSION_MAX_SECONDS after its login, however busy.

Django's SESSION_SAVE_EVERY_REQUEST renews the expiry by saving the session on
every request: an UPDATE and a commit (an fsync on SQLite) even for a page that
only reads. Here a session is saved when something in it changed, or when its
last renewal is more than RENEW_AFTER_SECONDS old. The idle limit therefore holds
to within that minute, always on the strict side: a session never lives longer
than SESSION_COOKIE_AGE after the last request, and at worst a minute less.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.contrib.sessions.middleware import SessionMiddleware
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from ketenzorg.accounts.backends import ROLES, WITH_PROFESSIONAL
from ketenzorg.accounts.models import KeptSession
from ketenzorg.core.aggregates import CommaList
from ketenzorg.core.prepared import PreparedQuery

RENEW_AFTER_SECONDS = 60
RENEWED_KEY = "_renewed_at"
# When this user's session began: an absolute limit besides the idle one, so a session kept
# alive by a page that reloads itself still ends.
STARTED_KEY = "_started_at"
STARTED_FOR_KEY = "_started_for"


def _now() -> float:
    return time.time()


class IdleSessionMiddleware(SessionMiddleware):
    def process_request(self, request):
        super().process_request(request)
        started = request.session.get(STARTED_KEY)
        if started is not None and _now() - started > settings.KETENZORG_SESSION_MAX_SECONDS:
            request.session.flush()  # logged out: the login page follows

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = _now()
            user = getattr(request, "user", None)
            user_id = user.pk if user is not None and user.is_authenticated else None
            if user_id is not None and session.get(STARTED_FOR_KEY) != user_id:
                session[STARTED_KEY], session[STARTED_FOR_KEY] = now, user_id
            if session.modified or now - session.get(RENEWED_KEY, 0) >= RENEW_AFTER_SECONDS:
                session[RENEWED_KEY] = now  # (re)marks it modified: saved with a new expiry
        return super().process_response(request, response)


# Every page behind the login reads its session, its user and its device first: in one
# statement, compiled once per process (`core.prepared`). The user comes as the session user's
# query gives it (`accounts.backends`: professional, organisation, roles).
_SESSION = PreparedQuery(
    lambda key, now: (
        KeptSession.objects.select_related(f"user__{WITH_PROFESSIONAL}", "totp_device")
        .annotate(role_list=CommaList(f"user__{ROLES}"))
        .filter(session_key=key, expire_date__gt=now)[:1]
    ),
    name="session with its user and device",
)

TOTP_LABEL = "otp_totp.totpdevice"  # how django-otp names a TOTP device in a session


def _totp_device_id(persistent_id) -> int | None:
    """The TOTP device's id a session's `otp_device_id` names; None for any other."""
    label, _, device_id = str(persistent_id or "").rpartition("/")
    if label != TOTP_LABEL or not device_id.isdigit():
        return None
    return int(device_id)


def _user_id(value) -> int | None:
    return int(value) if isinstance(value, str | int) and str(value).isdigit() else None


class SessionStore(db.SessionStore):
    """Django's database sessions (`SESSION_ENGINE`) in `KeptSession`: the row read with its
    user and device by one compiled query; `read_along()` hands them to the login wall."""

    @classmethod
    def get_model_class(cls):
        return KeptSession

    def _get_session_from_db(self):
        session = _SESSION.first(self.session_key, timezone.now())
        if session is None:
            self._session_key = None
        self._row = session
        return session

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        instance.user_id = _user_id(data.get(SESSION_KEY))
        instance.totp_device_id = _totp_device_id(data.get(DEVICE_ID_SESSION_KEY))
        return instance

    def read_along(self, user_id, device_id) -> tuple[list, list] | None:
        """(the user's rows, the device's rows) as the session's query read them, when its
        columns name this user and this TOTP device; None when they do not (read them)."""
        row = getattr(self, "_row", None)
        if row is None or None in (user_id, device_id):
            return None
        if (row.user_id, row.totp_device_id) != (user_id, device_id):
            return None
        user = row.user  # None when the user is gone
        if user is not None:
            user.role_list = row.role_list
        device = row.totp_device
        return ([user] if user is not None else [], [device] if device is not None else [])


def remove_ended_sessions(sender=None, **kwargs) -> str:
    """Every session past its expiry removed, as Django's `clearsessions` does; the worker's
    round calls it (joined at site level). An ended session holds who was logged in and with
    which device, and is of no use to anyone after: nothing keeps it."""
    removed, _ = KeptSession.objects.filter(expire_date__lt=timezone.now()).delete()
    return f", verlopen sessies verwijderd: {removed}" if removed else ""
