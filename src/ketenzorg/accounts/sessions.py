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
from django.contrib.sessions.backends import db
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.utils import timezone

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


# Every page behind the login reads its session first: compiled once per process
# (`core.prepared`), as the session's user is (`accounts.backends`).
_SESSION = PreparedQuery(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now)[:1],
    name="session",
)


class SessionStore(db.SessionStore):
    """Django's database sessions (`SESSION_ENGINE`), the session row read by a compiled query."""

    def _get_session_from_db(self):
        session = _SESSION.first(self.session_key, timezone.now())
        if session is None:
            self._session_key = None
        return session
