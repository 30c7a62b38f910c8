"""E-mail to professionals about their cases.

E-mail is not a secure channel, so a message says *that* something needs the
reader (a match, an invitation, a deadline) and links to ketenzorg; it never
names the family or a child, nor anything of the content of the work.

Two ways out:
- `after_commit`: messages caused by a user's action go out once the action's
  transaction has committed, so a rolled-back action sends nothing, and a mail
  server that is down does not undo the action (the background passes remind).
- `send_once`: the background passes record a `SentNotification` with a unique
  key per (kind, object, day, recipient) in the same transaction as sending, so
  a second run, or a second worker, sends nothing twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from ketenzorg.coordination.models import SentNotification

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
    from django.urls import reverse

    base = getattr(settings, "KETENZORG_BASE_URL", "").rstrip("/")
    return base + reverse("coordination:detail", kwargs={"case_uuid": case.uuid})


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


def send_once(*, kind: str, object_uuid, day, recipient, mail: Mail) -> bool:
    """Send unless this (kind, object, day, recipient) was sent before; True if sent now."""
    if not recipient.email:
        return False
    try:
        with transaction.atomic():
            SentNotification.objects.create(
                kind=kind,
                object_uuid=object_uuid,
                day=day,
                recipient=recipient,
                sent_at=timezone.now(),
            )
            mail.message().send()  # raising rolls the record back, so the next pass retries
    except IntegrityError:
        return False
    except Exception:  # mail server down: nothing recorded, the next pass tries again
        log.exception("herinnering niet verstuurd: %s", mail.subject)
        return False
    return True
