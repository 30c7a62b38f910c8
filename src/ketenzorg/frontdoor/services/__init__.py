"""Every write at the front door: validated, in one transaction, audited.

Questions and contact moments may hold personal data, so their audit entries name the
question (or the family it was linked to) as subject; the content is never logged.
Each service asks `frontdoor.guards` first (a refusal is logged there). One module
per part; callers import from here.
"""

from ketenzorg.frontdoor.services.beheer import (
    LocationInput,
    SlotInput,
    exception_add,
    exception_delete,
    hours_replace,
    location_save,
    topic_save,
)
from ketenzorg.frontdoor.services.contacts import ContactInput, contact_register
from ketenzorg.frontdoor.services.handing import (
    programme_email_text,
    programme_hand,
    send_programme_email,
)
from ketenzorg.frontdoor.services.limits import (
    LimitDecision,
    RateLimited,
    address_key,
    rate_limited_message,
    submission_count,
    submission_limit_check,
)
from ketenzorg.frontdoor.services.more_help import (
    MoreHelpInput,
    contact_more_help,
    question_more_help,
)
from ketenzorg.frontdoor.services.questions import (
    QuestionInput,
    advisers_for_handover,
    answer_email_text,
    question_answer,
    question_close,
    question_hand_over,
    question_pick_up,
    question_release,
    question_submit,
    send_answer_email,
)
from ketenzorg.frontdoor.subjects import contact_subjects, question_subjects

__all__ = [
    "programme_email_text",
    "programme_hand",
    "send_programme_email",
    "ContactInput",
    "LimitDecision",
    "LocationInput",
    "MoreHelpInput",
    "QuestionInput",
    "RateLimited",
    "SlotInput",
    "address_key",
    "advisers_for_handover",
    "answer_email_text",
    "contact_more_help",
    "contact_register",
    "contact_subjects",
    "exception_add",
    "exception_delete",
    "hours_replace",
    "location_save",
    "question_answer",
    "question_close",
    "question_hand_over",
    "question_more_help",
    "question_pick_up",
    "question_release",
    "question_submit",
    "question_subjects",
    "rate_limited_message",
    "send_answer_email",
    "submission_count",
    "submission_limit_check",
    "topic_save",
]
