"""Abuse limits on the public question form: counted per keyed address hash, never the address."""

from __future__ import annotations

import functools
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.core.errors import ValidationFailed
from ketenzorg.core.prepared import PreparedQuery
from ketenzorg.frontdoor import rules
from ketenzorg.frontdoor.models import (
    SubmissionWindow,
)

# --- abuse limits on the public question form ---------------------------------------------


def address_key(address: str) -> str:
    """A keyed hash of the source address: enough to count, useless to identify."""
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, f"frontdoor-limit:{address}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class LimitDecision:
    allowed: bool
    retry_after: int = 0


# The count so far, asked before every question: compiled once per process.
_SENT = PreparedQuery(
    lambda key, start: (
        SubmissionWindow.objects.filter(key=key, window_start=start)
        .order_by()
        .values_list("count", flat=True)[:1]
    ),
    name="questions sent from an address",
)


def submission_limit_check(*, address: str, now: datetime | None = None) -> LimitDecision:
    """May this address send another question in the current window?"""
    now = now or timezone.now()
    count = _SENT.first(address_key(address), rules.window_start(now)) or 0
    if count >= rules.QUESTIONS_PER_WINDOW:
        return LimitDecision(False, rules.retry_after_seconds(now))
    return LimitDecision(True)


@functools.cache
def _counting_sql() -> tuple[str, str]:
    """The window's upsert and the clean-up, written once per process (one database)."""
    table = connection.ops.quote_name(SubmissionWindow._meta.db_table)
    key, start, count = (
        connection.ops.quote_name(SubmissionWindow._meta.get_field(name).column)
        for name in ("key", "window_start", "count")
    )
    upsert = (
        f"INSERT INTO {table} ({key}, {start}, {count}) VALUES (%s, %s, 1) "  # noqa: S608 - our own table and columns
        f"ON CONFLICT ({key}, {start}) DO UPDATE SET {count} = {table}.{count} + 1"
    )
    forget = f"DELETE FROM {table} WHERE {start} < %s"  # noqa: S608 - our own table
    return upsert, forget


def submission_count(*, address: str, now: datetime | None = None) -> None:
    """Count one submission (accepted or a honeypot hit) and forget windows older than a day.

    One upsert on the window's unique key (SQLite and PostgreSQL both have `ON CONFLICT`): an
    update, then an insert in a savepoint of its own when no row was there yet, took four round
    trips and three compiled statements for every question. Two submissions at once both count:
    the second waits for the first's row and adds one to it.
    """
    now = now or timezone.now()
    start = rules.window_start(now)
    prepare = SubmissionWindow._meta.get_field("window_start").get_db_prep_value
    upsert, forget = _counting_sql()
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(upsert, [address_key(address), prepare(start, connection)])
        cursor.execute(forget, [prepare(now - timedelta(days=1), connection)])


class RateLimited(ValidationFailed):
    status = 429
    title = "Te veel verzoeken"

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


def rate_limited_message() -> str:
    return gettext(
        "Vanaf dit internetadres zijn het afgelopen uur al veel vragen gesteld. Uw vraag is daarom nog niet "
        "verstuurd. Probeer het over een uur opnieuw, of bel ons tijdens openingstijden."
    )
