"""Idle sessions expire after SESSION_COOKIE_AGE, without a database write on every request.

Django's SESSION_SAVE_EVERY_REQUEST renews the expiry by saving the session on
every request: an UPDATE and a commit (an fsync on SQLite) even for a page that
only reads. Here a session is saved when something in it changed, or when its
last renewal is more than RENEW_AFTER_SECONDS old. The idle limit therefore holds
to within that minute, always on the strict side: a session never lives longer
than SESSION_COOKIE_AGE after the last request, and at worst a minute less.
"""

from __future__ import annotations

import time

from django.contrib.sessions.middleware import SessionMiddleware

RENEW_AFTER_SECONDS = 60
RENEWED_KEY = "_renewed_at"


def _now() -> float:
    return time.time()


class IdleSessionMiddleware(SessionMiddleware):
    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = _now()
            if session.modified or now - session.get(RENEWED_KEY, 0) >= RENEW_AFTER_SECONDS:
                session[RENEWED_KEY] = now  # (re)marks it modified: saved with a new expiry
        return super().process_response(request, response)
