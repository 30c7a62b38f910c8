"""A cap per account, across addresses, on top of django-axes' lock per username and address.

Axes locks `username + address` after five wrong passwords: one person mistyping cannot
lock out a colleague, but someone guessing from many addresses never meets the limit. So
every failure is also counted per username, whatever the address (axes' failure log), and
KETENZORG_ACCOUNT_FAILURE_LIMIT failures within KETENZORG_ACCOUNT_FAILURE_WINDOW lock that
username from every address for AXES_COOLOFF_TIME.

The lock is a row in axes' own attempts table, under an address no client has
(`LOCK_ADDRESS`), so it expires with axes' cool-off, a beheerder lifts it with axes' own reset
(`axes_reset_username`), and no migration is needed. Its creation is the one moment the
alert goes out: `account_locked` is sent once per lock (the row's unique key settles a race
between two workers), and the network app logs it and mails the functioneel beheerders and
the user (`network.lockout_alerts`; accounts sits below network and cannot know roles).

An unknown username is locked the same way and shows the same page: the lock says nothing
about whether an account exists.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone

# No client connects from the unspecified address, so axes' per-address rows never match it.
LOCK_ADDRESS = "0.0.0.0"  # noqa: S104 - a marker in the lock table, not a bind address
LOCK_AGENT = "ketenzorg: account geblokkeerd na te veel pogingen vanaf alle adressen"

# Sent once per lock: username (str), user (the account, or None if the name is unknown),
# failures (within the window) and addresses (how many different ones).
account_locked = Signal()


def _lock_rows(username: str):
    return AccessAttempt.objects.filter(
        username=username, ip_address=LOCK_ADDRESS, user_agent=LOCK_AGENT
    )


def account_is_locked(username: str | None, *, now=None) -> bool:
    """Is this username locked from every address right now?"""
    if not username:
        return False
    now = now or timezone.now()
    return _lock_rows(username).filter(attempt_time__gt=now - settings.AXES_COOLOFF_TIME).exists()


def recent_failures(username: str, *, now=None) -> tuple[int, int]:
    """Failures for this username within the window, and from how many addresses."""
    now = now or timezone.now()
    failures = AccessFailureLog.objects.filter(
        username=username, attempt_time__gt=now - settings.KETENZORG_ACCOUNT_FAILURE_WINDOW
    )
    return failures.count(), failures.values("ip_address").distinct().count()


def _start_lock(username: str, *, failures: int, now) -> bool:
    """Write the lock; True only for the request that started it (the one that alerts)."""
    expired_before = now - settings.AXES_COOLOFF_TIME
    with transaction.atomic():
        row = _lock_rows(username).select_for_update().first()
        if row is not None:
            if row.attempt_time > expired_before:
                return False  # locked already: one alert per lock
            # An expired lock not yet cleaned away: it starts again (axes' attempt_time is
            # auto_now_add, so only update() can move it).
            _lock_rows(username).update(attempt_time=now, failures_since_start=failures)
            return True
        try:
            with transaction.atomic():
                AccessAttempt.objects.create(
                    username=username,
                    ip_address=LOCK_ADDRESS,
                    user_agent=LOCK_AGENT,
                    http_accept="",
                    path_info="",
                    get_data="",
                    post_data="",
                    failures_since_start=failures,
                )
        except IntegrityError:  # another worker started this lock a moment ago
            return False
        return True


class AccountCapHandler(AxesDatabaseHandler):
    """Axes' database handler, plus the lock per account across addresses."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return account_is_locked(get_client_username(request, credentials))

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        # A try refused by a lock was no guess at the password: axes does not record it
        # (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False) and it does not count here.
        refused = bool(getattr(request, "axes_locked_out", False))
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or refused:
            return
        username = get_client_username(request, credentials)
        if not username:
            return
        now = timezone.now()
        failures, addresses = recent_failures(username, now=now)
        if failures < settings.KETENZORG_ACCOUNT_FAILURE_LIMIT:
            return
        started = _start_lock(username, failures=failures, now=now)
        # This try already answers with the locked page, as axes does at its own limit.
        request.axes_locked_out = True
        request.axes_credentials = credentials
        if started:
            user = (
                get_user_model()
                ._default_manager.filter(**{get_user_model().USERNAME_FIELD: username})
                .first()
            )
            account_locked.send(
                sender=AccountCapHandler,
                username=username,
                user=user,
                failures=failures,
                addresses=addresses,
            )
