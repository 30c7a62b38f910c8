"""The notifications of the referral chain: queued with the step, sent by the task code, saying
only that something waits (no name, no document), once per step and recipient."""

from __future__ import annotations

from django.core import mail

from ketenzorg.verwijzing import tasks
from ketenzorg.verwijzing.models import ReferralEvent


# The recipients come first in the arguments: they must exist when the step is taken.
def test_the_mail_says_only_that_something_waits_and_goes_once(verbinder, sent, kim):
    to_verbinder = [m for m in mail.outbox if verbinder.email in m.to]
    assert len(to_verbinder) == 1
    body = to_verbinder[0].body + to_verbinder[0].subject
    assert kim.given_name not in body and kim.family_name not in body
    assert "/verwijzingen/gebiedsknooppunt/" in body
    event = ReferralEvent.objects.get(referral=sent, action="verzenden")
    tasks.notify_step.call(str(event.uuid))
    assert len([m for m in mail.outbox if verbinder.email in m.to]) == 1


def test_the_professional_hears_of_the_match_and_the_provider_of_the_forwarding(
    aanbieder, okt, forwarded
):
    assert any(okt.email in m.to for m in mail.outbox)
    to_provider = [m for m in mail.outbox if aanbieder.email in m.to]
    assert len(to_provider) == 1
    assert f"/verwijzingen/{forwarded.uuid}/" in to_provider[0].body
