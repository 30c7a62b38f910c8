"""The advisers' and beheer screens, mounted at /advies/ (login and second factor required)."""

from django.urls import path

from ketenzorg.frontdoor import views, views_manage

app_name = "frontdoor"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("vragen/<uuid:question_uuid>/", views.question_detail, name="question_detail"),
    path("vragen/<uuid:question_uuid>/oppakken/", views.question_pick_up, name="question_pick_up"),
    path(
        "vragen/<uuid:question_uuid>/teruggeven/", views.question_release, name="question_release"
    ),
    path(
        "vragen/<uuid:question_uuid>/beantwoorden/", views.question_answer, name="question_answer"
    ),
    path(
        "vragen/<uuid:question_uuid>/overdragen/",
        views.question_hand_over,
        name="question_hand_over",
    ),
    path("vragen/<uuid:question_uuid>/sluiten/", views.question_close, name="question_close"),
    path(
        "vragen/<uuid:question_uuid>/meer-hulp/",
        views.question_more_help,
        name="question_more_help",
    ),
    path("contactmomenten/", views.contact_list, name="contact_list"),
    path("contactmomenten/nieuw/", views.contact_create, name="contact_create"),
    path("contactmomenten/<uuid:contact_uuid>/", views.contact_detail, name="contact_detail"),
    path(
        "contactmomenten/<uuid:contact_uuid>/meer-hulp/",
        views.contact_more_help,
        name="contact_more_help",
    ),
    path(
        "contactmomenten/<uuid:contact_uuid>/aanbod/",
        views.contact_hand_programme,
        name="contact_hand_programme",
    ),
    path(
        "aanbod/<uuid:programme_uuid>/afdrukken/",
        views.programme_print,
        name="programme_print",
    ),
    path("rooster/", views.schedule, name="schedule"),
    path("beheer/", views_manage.manage, name="manage"),
    path("beheer/locaties/nieuw/", views_manage.location_create, name="location_create"),
    path("beheer/locaties/<uuid:location_uuid>/", views_manage.location_edit, name="location_edit"),
    path(
        "beheer/locaties/<uuid:location_uuid>/openingstijden/",
        views_manage.location_hours,
        name="location_hours",
    ),
    path(
        "beheer/locaties/<uuid:location_uuid>/uitzonderingen/",
        views_manage.location_exceptions,
        name="location_exceptions",
    ),
    path(
        "beheer/uitzonderingen/<uuid:exception_uuid>/verwijderen/",
        views_manage.exception_delete,
        name="exception_delete",
    ),
    path("beheer/onderwerpen/nieuw/", views_manage.topic_create, name="topic_create"),
    path("beheer/onderwerpen/<uuid:topic_uuid>/", views_manage.topic_edit, name="topic_edit"),
]
