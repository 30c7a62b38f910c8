"""Authorization matrix rows of the front door (informatie en advies)."""

from __future__ import annotations

from datetime import date, time, timedelta

from django.utils import timezone

from ketenzorg.frontdoor.models import (
    Channel,
    ContactMoment,
    Location,
    OpeningException,
    OpeningHours,
    Question,
    Topic,
)
from ketenzorg.network.models import Role
from tests import factories

RULES = {
    "advice": ("opvoedadviseurs (wachtrij online vragen, contactmomenten, meer hulp regelen)",
               lambda role, relation: role == "opvoedadviseur"),
    "advice_or_admin": ("opvoedadviseurs en de functioneel beheerder (rooster inloopspreekuren)",
                        lambda role, relation: role in {"opvoedadviseur", "beheerder"}),
}  # fmt: skip

WEB = {
    "frontdoor_public:locations": {"GET": "public"},
    "frontdoor_public:location_detail": {"GET": "public"},
    "frontdoor_public:phone": {"GET": "public"},
    "frontdoor_public:question": {"GET": "public", "POST": "public"},
    "frontdoor_public:question_sent": {"GET": "public"},
    "frontdoor_public:youth": {"GET": "public"},
    "frontdoor_public:privacy": {"GET": "public"},
    "frontdoor:queue": {"GET": "advice"},
    "frontdoor:question_detail": {"GET": "advice"},
    "frontdoor:question_pick_up": {"POST": "advice"},
    "frontdoor:question_release": {"POST": "advice"},
    "frontdoor:question_answer": {"POST": "advice"},
    "frontdoor:question_hand_over": {"POST": "advice"},
    "frontdoor:question_close": {"POST": "advice"},
    "frontdoor:question_more_help": {"GET": "advice", "POST": "advice"},
    "frontdoor:contact_list": {"GET": "advice"},
    "frontdoor:contact_create": {"GET": "advice", "POST": "advice"},
    "frontdoor:contact_detail": {"GET": "advice"},
    "frontdoor:contact_more_help": {"GET": "advice", "POST": "advice"},
    "frontdoor:schedule": {"GET": "advice_or_admin"},
    "frontdoor:manage": {"GET": "network_admin"},
    "frontdoor:location_create": {"GET": "network_admin", "POST": "network_admin"},
    "frontdoor:location_edit": {"GET": "network_admin", "POST": "network_admin"},
    "frontdoor:location_hours": {"GET": "network_admin", "POST": "network_admin"},
    "frontdoor:location_exceptions": {"GET": "network_admin", "POST": "network_admin"},
    "frontdoor:exception_delete": {"POST": "network_admin"},
    "frontdoor:topic_create": {"GET": "network_admin", "POST": "network_admin"},
    "frontdoor:topic_edit": {"GET": "network_admin", "POST": "network_admin"},
}

API = {
    "frontdoor_locations_list": "public",
    "frontdoor_locations_retrieve": "public",
    "frontdoor_phone_status": "public",
    "frontdoor_topics_list": "public",
    "frontdoor_questions_submit": "public",
    "frontdoor_questions_list": "advice",
    "frontdoor_questions_retrieve": "advice",
    "frontdoor_questions_pick_up": "advice",
    "frontdoor_questions_release": "advice",
    "frontdoor_questions_answer": "advice",
    "frontdoor_questions_hand_over": "advice",
    "frontdoor_questions_close": "advice",
    "frontdoor_questions_more_help": "advice",
    "frontdoor_contact_moments_list": "advice",
    "frontdoor_contact_moments_create": "advice",
    "frontdoor_contact_moments_retrieve": "advice",
    "frontdoor_contact_moments_more_help": "advice",
    "frontdoor_locations_create": "network_admin",
    "frontdoor_locations_update": "network_admin",
    "frontdoor_locations_hours_update": "network_admin",
    "frontdoor_locations_exceptions_create": "network_admin",
    "frontdoor_exceptions_delete": "network_admin",
    "frontdoor_topics_create": "network_admin",
    "frontdoor_topics_update": "network_admin",
}

# A parent's question and a contact moment are personal data (see matrix.PERSONAL_DATA);
# the public pages, the schedule and beheer are not.
PERSONAL_DATA = {
    "frontdoor:queue",
    "frontdoor:question_detail",
    "frontdoor:question_pick_up",
    "frontdoor:question_release",
    "frontdoor:question_answer",
    "frontdoor:question_hand_over",
    "frontdoor:question_close",
    "frontdoor:question_more_help",
    "frontdoor:contact_list",
    "frontdoor:contact_create",
    "frontdoor:contact_detail",
    "frontdoor:contact_more_help",
    "frontdoor_questions_list",
    "frontdoor_questions_retrieve",
    "frontdoor_questions_pick_up",
    "frontdoor_questions_release",
    "frontdoor_questions_answer",
    "frontdoor_questions_hand_over",
    "frontdoor_questions_close",
    "frontdoor_questions_more_help",
    "frontdoor_contact_moments_list",
    "frontdoor_contact_moments_create",
    "frontdoor_contact_moments_retrieve",
    "frontdoor_contact_moments_more_help",
}


def world_ids(world) -> dict:
    """A walk-in location with hours and an exception, a question with an e-mail address,
    and a contact moment: what the front door's URLs point at."""
    adviser = factories.make_professional(Role.OPVOEDADVISEUR)
    location = Location.objects.create(
        name="Inloop Proefhuis", health_centre="Gezondheidscentrum Proefhuis", street="Proefstraat 1",
        postcode="9911 AB", city="Demostad",
    )  # fmt: skip
    Location.objects.create(
        name="Telefoon Proefhuis", kind="telefoon", phone_number="(0999) 123 45 67"
    )
    OpeningHours.objects.create(
        location=location, weekday=1, opens=time(9), closes=time(11), adviser=adviser
    )
    exception = OpeningException.objects.create(
        location=location, date=date.today() + timedelta(days=10), reason="studiedag"
    )
    topic = Topic.objects.order_by("sort_order").first()
    question = Question.objects.create(
        reference="VR-PROE-F234", topic=topic, text="Hoe krijg ik mijn peuter beter in slaap?", child_age=2,
        email="ouder@voorbeeld.invalid", consent_at=timezone.now(), privacy_notice_version="test",
    )  # fmt: skip
    moment = ContactMoment.objects.create(
        channel=Channel.WALK_IN, location=location, adviser=adviser, occurred_at=timezone.now()
    )
    moment.topics.set([topic])
    return {
        "location_uuid": location.uuid,
        "question_uuid": question.uuid,
        "contact_uuid": moment.uuid,
        "exception_uuid": exception.uuid,
        "topic_uuid": topic.uuid,
    }
