"""The referral's queued work (decision 0016): rendering and sealing its documents, and the
notifications that say only that something is waiting.

Both are queued in the step's transaction (`core.queue.enqueue_on_commit`), so a rolled-back
step queues nothing and a renderer or mail server that is down is retried without undoing the
step. Both are idempotent: a sealed document is not sealed again, a notification already sent
(`coordination.SentNotification`, unique per event and recipient) is not sent again.

A notification carries no personal data: the issue's rule is that the mail says only that
something is waiting; the reader logs in and the look is logged there.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from ketenzorg.coordination.notify import Mail, Notification, send_many
from ketenzorg.core.queue import enqueue_on_commit, queued
from ketenzorg.core.siteurl import absolute_url
from ketenzorg.network.models import Professional, Role
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import ReferralEvent
from ketenzorg.werkproces.selectors_gkp import verbinders_of

MAX_ATTEMPTS = 5


class NotAllSent(Exception):
    """Some notifications did not go out; the queue tries again (those sent are skipped)."""


@queued(max_attempts=MAX_ATTEMPTS, takes_context=True)
def render_document(context, document_uuid: str) -> None:
    from ketenzorg.verwijzing.services import documents

    try:
        documents.document_render(document_uuid)
    except Exception:
        if context.attempt >= MAX_ATTEMPTS:
            documents.document_failed(document_uuid)
        raise


def enqueue_render(document) -> None:
    enqueue_on_commit(render_document, str(document.uuid))


# Who is told of which step: the next party in the chain, and the professional of every answer.
TO_VERBINDERS = frozenset({rules.SEND, rules.DECLINE})
TO_PROVIDER = frozenset({rules.FORWARD})
TO_PROFESSIONAL = frozenset(
    {
        rules.MATCH,
        rules.ACCEPT,
        rules.DECLINE,
        rules.FIRST_CONTACT,
        rules.START_CARE,
        rules.END_CARE,
    }
)


def recipients(event: ReferralEvent) -> list[tuple[Professional, str]]:
    """(professional, the page they open) for this step."""
    referral = event.referral
    detail = reverse("verwijzing:referral", kwargs={"referral_uuid": referral.uuid})
    out = []
    if event.action in TO_VERBINDERS:
        out += [(p, reverse("verwijzing:inbox")) for p in verbinders_of(referral.stadsdeel)]
    if event.action in TO_PROVIDER and referral.provider_id:
        staff = Professional.objects.filter(
            Q(organisation_id=referral.provider_id),
            role_assignments__role=Role.AANBIEDER,
            is_active=True,
        ).distinct()
        out += [(p, detail) for p in staff]
    if event.action in TO_PROFESSIONAL and referral.referred_by.is_active:
        out.append((referral.referred_by, detail))
    return out


@queued(max_attempts=MAX_ATTEMPTS)
def notify_step(event_uuid: str) -> None:
    event = (
        ReferralEvent.objects.select_related("referral__stadsdeel", "referral__referred_by")
        .filter(uuid=event_uuid)
        .first()
    )
    if event is None:  # the step was rolled back after all: nothing to tell
        return
    with translation.override("nl"):
        subject = gettext("Er wacht een verwijzing op u in ketenzorg")
        label = event.get_action_display()
        pending = [
            Notification(
                kind=f"verwijzing:{event.action}"[:32],
                object_uuid=event.uuid,
                day=timezone.localdate(event.occurred_at),
                recipient=person,
                compose=lambda person=person, path=path: Mail(
                    to=[person.email],
                    subject=subject,
                    body=gettext(
                        "Een verwijzing naar aanvullende jeugdhulp is bijgewerkt (%(step)s). "
                        "Log in om te zien wat er van u gevraagd wordt:\n%(link)s"
                    )
                    % {"step": label, "link": absolute_url(path)},
                ),
            )
            for person, path in recipients(event)
            if person.email
        ]
        sent = send_many(pending)
    if sent < len(pending):
        from ketenzorg.coordination.models import SentNotification

        done = SentNotification.objects.filter(object_uuid=event.uuid).count()
        if done < len(pending):
            raise NotAllSent(f"{len(pending) - done} van {len(pending)} niet verstuurd")


def enqueue_notify(event: ReferralEvent) -> None:
    enqueue_on_commit(notify_step, str(event.uuid))
