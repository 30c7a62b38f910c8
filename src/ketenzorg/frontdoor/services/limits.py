"""Abuse limits on the public question form: counted per keyed address hash, never the address."""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.core.errors import ValidationFailed
from ketenzorg.frontdoor import rules
from ketenzorg.frontdoor.models import (
    SubmissionWindow,
)

logger = logging.getLogger(__name__)


# --- abuse limits on the public question form ---------------------------------------------


def address_key(address: str) -> str:
    """A keyed hash of the source address: enough to count, useless to identify."""
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, f"frontdoor-limit:{address}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class LimitDecision:
    allowed: bool
    retry_after: int = 0


def submission_limit_check(*, address: str, now: datetime | None = None) -> LimitDecision:
    """May this address send another question in the current window?"""
    now = now or timezone.now()
    start = rules.window_start(now)
    count = (
        SubmissionWindow.objects.filter(key=address_key(address), window_start=start)
        .values_list("count", flat=True)
        .first()
        or 0
    )
    if count >= rules.QUESTIONS_PER_WINDOW:
        return LimitDecision(False, rules.retry_after_seconds(now))
    return LimitDecision(True)


def submission_count(*, address: str, now: datetime | None = None) -> None:
    """Count one submission (accepted or a honeypot hit) and forget windows older than a day."""
    now = now or timezone.now()
    start = rules.window_start(now)
    key = address_key(address)
    # Inside the submission's own transaction: no savepoint of its own (only the create below,
    # whose failure is caught, needs one).
    with transaction.atomic(savepoint=False):
        updated = SubmissionWindow.objects.filter(key=key, window_start=start).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    SubmissionWindow.objects.create(key=key, window_start=start, count=1)
            except IntegrityError:  # a concurrent first submission created the row
                SubmissionWindow.objects.filter(key=key, window_start=start).update(
                    count=F("count") + 1
                )
        SubmissionWindow.objects.filter(window_start__lt=now - timedelta(days=1)).delete()


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
