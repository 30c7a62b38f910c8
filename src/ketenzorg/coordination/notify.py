"""E-mail to professionals about their cases.

E-mail is not a secure channel, so a message says *that* something needs the
reader (a match, an invitation, a deadline) and links to ketenzorg; it never
names the family or a child, nor anything of the content of the work.

Two ways out:
- `after_commit`: messages caused by a user's action go out once the action's
  transaction has committed, so a rolled-back action sends nothing, and a mail
  server that is down does not undo the action (the background passes remind).
- `send_many`: the background passes record a `SentNotification`
  with a unique key per (kind, object, day, recipient) in the same transaction as
  sending, so a second run, or a second worker, sends nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.utils import timezone

from ketenzorg.coordination.models import SentNotification
from ketenzorg.core.addresses import uuid_address
from ketenzorg.core.bulk import insert_rows
from ketenzorg.core.siteurl import absolute_url

log = logging.getLogger(__name__)
SIGNATURE = (
    "\n\n-- \nketenzorg · dit bericht is automatisch verstuurd. Log in om de casus te bekijken."
)


@dataclass
class Mail:
    to: list[str]
    subject: str
    body: str
    attachments: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (filename, content, mimetype)

    def message(self) -> EmailMessage:
        msg = EmailMessage(
            subject=self.subject,
            body=self.body + SIGNATURE,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=self.to,
        )
        for name, content, mimetype in self.attachments:
            msg.attach(name, content, mimetype)
        return msg


def case_link(case) -> str:
    return absolute_url(uuid_address("coordination:detail", case.uuid))


def _deliver(mails: list[Mail]) -> None:
    for mail in mails:
        if not mail.to:
            continue
        try:
            mail.message().send()
        except Exception:  # a mail server that is down must not break the user's action
            log.exception("e-mail niet verstuurd: %s", mail.subject)


def after_commit(mails: list[Mail]) -> None:
    mails = [m for m in mails if m.to]
    if mails:
        transaction.on_commit(lambda: _deliver(mails))


@dataclass(frozen=True)
class Notification:
    kind: str
    object_uuid: object
    day: object
    recipient: object  # network.Professional
    compose: Callable[[], Mail]  # only called when the notification is still unsent

    @property
    def key(self) -> tuple:
        return (self.kind, str(self.object_uuid), self.day, self.recipient.pk)


NOTIFICATION_LOCK = 7_150_001  # PostgreSQL advisory lock id: one sender of notifications at a time
CHUNK = 500


def _serialise_senders() -> None:
    """Two workers must not both decide that a notification is still unsent.

    SQLite already serialises writers (IMMEDIATE transactions); PostgreSQL gets a
    transaction-scoped advisory lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [NOTIFICATION_LOCK])


def send_many(notifications: list[Notification]) -> int:
    """Send each notification once: per chunk one transaction, one lookup and one insert.

    A notification already recorded is skipped; a mail that fails is not recorded,
    so the next pass tries it again. Returns how many were sent now.
    """
    pending = [n for n in notifications if n.recipient.email]
    sent = 0
    mail_connection = get_connection()
    for start in range(0, len(pending), CHUNK):
        chunk = pending[start : start + CHUNK]
        with transaction.atomic():
            _serialise_senders()
            known = {
                (kind, str(obj), day, recipient)
                for kind, obj, day, recipient in SentNotification.objects.filter(
                    kind__in={n.kind for n in chunk},
                    object_uuid__in={n.object_uuid for n in chunk},
                    day__in={n.day for n in chunk},
                ).values_list("kind", "object_uuid", "day", "recipient_id")
            }
            records, now = [], timezone.now()
            for n in chunk:
                if n.key in known:
                    continue
                known.add(n.key)
                mail = n.compose()
                message = mail.message()
                message.connection = mail_connection
                try:
                    message.send()
                except Exception:  # mail server down: nothing recorded, the next pass tries again
                    log.exception("herinnering niet verstuurd: %s", mail.subject)
                    continue
                records.append({"kind": n.kind, "object_uuid": n.object_uuid, "day": n.day,
                                "recipient_id": n.recipient.pk, "sent_at": now})  # fmt: skip
            insert_rows(SentNotification, records)
            sent += len(records)
    return sent
