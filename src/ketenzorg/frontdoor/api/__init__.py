"""The front door in the API: the same selectors and services as the screens.

Public operations (locations, the phone line, topics, asking a question) need no
authentication; asking is limited per address by a throttle that counts in the database.
The advisers' operations check the role (and log refusals) before reading any input.
One module per part (places, questions, contacts, and what they share); the routes are here.
"""

from django.urls import path

from ketenzorg.frontdoor.api.contacts import (
    ContactDetailView,
    ContactHandedView,
    ContactListView,
    ContactMoreHelpView,
)
from ketenzorg.frontdoor.api.places import (
    ExceptionDetailView,
    LocationDetailView,
    LocationExceptionsView,
    LocationHoursView,
    LocationListView,
    PhoneView,
    TopicDetailView,
    TopicListView,
)
from ketenzorg.frontdoor.api.questions import (
    QuestionAnswerView,
    QuestionCloseView,
    QuestionDetailView,
    QuestionHandOverView,
    QuestionMoreHelpView,
    QuestionPickUpView,
    QuestionQueueView,
    QuestionReleaseView,
    QuestionSubmitView,
)

urlpatterns = [
    path("inloopspreekuren/", LocationListView.as_view(), name="api-frontdoor-locations"),
    path(
        "inloopspreekuren/<uuid:location_uuid>/",
        LocationDetailView.as_view(),
        name="api-frontdoor-location",
    ),
    path(
        "inloopspreekuren/<uuid:location_uuid>/openingstijden/",
        LocationHoursView.as_view(),
        name="api-frontdoor-location-hours",
    ),
    path(
        "inloopspreekuren/<uuid:location_uuid>/uitzonderingen/",
        LocationExceptionsView.as_view(),
        name="api-frontdoor-location-exceptions",
    ),
    path(
        "uitzonderingen/<uuid:exception_uuid>/",
        ExceptionDetailView.as_view(),
        name="api-frontdoor-exception",
    ),
    path("telefoon/", PhoneView.as_view(), name="api-frontdoor-phone"),
    path("onderwerpen/", TopicListView.as_view(), name="api-frontdoor-topics"),
    path("onderwerpen/<uuid:topic_uuid>/", TopicDetailView.as_view(), name="api-frontdoor-topic"),
    path("vragen/", QuestionSubmitView.as_view(), name="api-frontdoor-question-submit"),
    path("adviesvragen/", QuestionQueueView.as_view(), name="api-frontdoor-questions"),
    path(
        "adviesvragen/<uuid:question_uuid>/",
        QuestionDetailView.as_view(),
        name="api-frontdoor-question",
    ),
    path(
        "adviesvragen/<uuid:question_uuid>/oppakken/",
        QuestionPickUpView.as_view(),
        name="api-frontdoor-question-pick-up",
    ),
    path(
        "adviesvragen/<uuid:question_uuid>/teruggeven/",
        QuestionReleaseView.as_view(),
        name="api-frontdoor-question-release",
    ),
    path(
        "adviesvragen/<uuid:question_uuid>/antwoord/",
        QuestionAnswerView.as_view(),
        name="api-frontdoor-question-answer",
    ),
    path(
        "adviesvragen/<uuid:question_uuid>/overdragen/",
        QuestionHandOverView.as_view(),
        name="api-frontdoor-question-hand-over",
    ),
    path(
        "adviesvragen/<uuid:question_uuid>/sluiten/",
        QuestionCloseView.as_view(),
        name="api-frontdoor-question-close",
    ),
    path(
        "adviesvragen/<uuid:question_uuid>/meer-hulp/",
        QuestionMoreHelpView.as_view(),
        name="api-frontdoor-question-more-help",
    ),
    path("contactmomenten/", ContactListView.as_view(), name="api-frontdoor-contacts"),
    path(
        "contactmomenten/<uuid:contact_uuid>/",
        ContactDetailView.as_view(),
        name="api-frontdoor-contact",
    ),
    path(
        "contactmomenten/<uuid:contact_uuid>/aanbod/",
        ContactHandedView.as_view(),
        name="api-frontdoor-contact-programmes",
    ),
    path(
        "contactmomenten/<uuid:contact_uuid>/meer-hulp/",
        ContactMoreHelpView.as_view(),
        name="api-frontdoor-contact-more-help",
    ),
]
