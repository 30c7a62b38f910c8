"""The front door in the API: the same selectors and services as the screens.

Public operations (locations, the phone line, topics, asking a question) need no
authentication; asking is limited per address by a throttle that counts in the database.
The advisers' operations check the role (and log refusals) before reading any input.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from ketenzorg.api.problems import PROBLEM_CONTENT_TYPE as PROBLEM
from ketenzorg.api.problems import problem_response
from ketenzorg.audit.models import Action
from ketenzorg.core import requestcontext
from ketenzorg.core.errors import NotFound, ValidationFailed
from ketenzorg.families.services import MemberInput
from ketenzorg.frontdoor import guards, selectors, services
from ketenzorg.frontdoor.serializers import (
    AnswerSerializer,
    ContactCreateSerializer,
    ContactMomentPageSerializer,
    ContactMomentSerializer,
    ContactParams,
    ExceptionSerializer,
    ExceptionWriteSerializer,
    HandOverSerializer,
    HoursSerializer,
    HoursWriteSerializer,
    LocationSearchParams,
    LocationWriteSerializer,
    ManagedLocationSerializer,
    ManagedTopicSerializer,
    MoreHelpResultSerializer,
    MoreHelpSerializer,
    PhoneSerializer,
    PublicLocationSerializer,
    QuestionDetailSerializer,
    QuestionPageSerializer,
    QuestionSubmitSerializer,
    QuestionSubmittedSerializer,
    QueueParams,
    TopicSerializer,
    TopicWriteSerializer,
)
from ketenzorg.frontdoor.subjects import contact_subjects, question_subjects
from ketenzorg.network.models import Professional

PAGE_SIZE = 100
PROBLEMS = {
    (400, PROBLEM): OpenApiResponse(description="ongeldige invoer (problem+json)"),
    (403, PROBLEM): OpenApiResponse(description="geen toegang (problem+json)"),
    (404, PROBLEM): OpenApiResponse(description="niet gevonden (problem+json)"),
}


class QuestionSubmitThrottle(BaseThrottle):
    """The abuse limit per address, counted in the database (shared by all servers)."""

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        decision = services.submission_limit_check(address=requestcontext.current().source_address)
        self._wait = decision.retry_after
        return decision.allowed

    def wait(self):
        return getattr(self, "_wait", None)


class PublicView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class PublicReadView(APIView):
    """Reading is public; writing needs a login, and the services need the functioneel beheerder."""

    def initialize_request(self, request, *args, **kwargs):
        self._method = request.method
        return super().initialize_request(request, *args, **kwargs)

    def _is_read(self) -> bool:
        method = getattr(self, "_method", None) or getattr(
            getattr(self, "request", None), "method", "GET"
        )
        return method in SAFE_METHODS

    def get_authenticators(self):
        if self._is_read():
            return []
        return [auth() for auth in api_settings.DEFAULT_AUTHENTICATION_CLASSES]

    def get_permissions(self):
        return [AllowAny()] if self._is_read() else [IsAuthenticated()]


def _require_manager(request, *, object_type: str, action=Action.UPDATE, object_uuid="") -> None:
    """Refuse (and log) anyone but the functioneel beheerder, before any input is read."""
    guards.frontdoor_manage_allowed(
        actor=request.user,
        object_type=object_type,
        action=action,
        object_uuid=str(object_uuid or ""),
    )


def _parse(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _manager_location(request, location_uuid, *, object_type="frontdoor.Location"):
    _require_manager(request, object_type=object_type, object_uuid=location_uuid)
    try:
        return selectors.location_get(location_uuid=location_uuid)
    except NotFound as exc:
        raise Http404(exc.message) from None


class LocationListView(PublicReadView):
    @extend_schema(
        operation_id="frontdoor_locations_list",
        summary="Inloopspreekuren met openingstijden en of ze nu open zijn (openbaar)",
        parameters=[
            OpenApiParameter("district", str, description="uuid van een stadsdeel"),
            OpenApiParameter(
                "postcode", str, description="postcode, bijv. 9911 AB; de dichtstbijzijnde locaties"
            ),
        ],
        responses={200: PublicLocationSerializer(many=True), **PROBLEMS},
    )
    def get(self, request):
        params = LocationSearchParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        search = selectors.public_locations(
            district_uuid=data["district"], postcode=data["postcode"]
        )
        return Response(PublicLocationSerializer(search.results, many=True).data)

    @extend_schema(
        operation_id="frontdoor_locations_create",
        summary="Locatie (inloopspreekuur of telefoonlijn) toevoegen (functioneel beheerder)",
        request=LocationWriteSerializer,
        responses={201: ManagedLocationSerializer, **PROBLEMS},
    )
    def post(self, request):
        _require_manager(request, object_type="frontdoor.Location", action=Action.CREATE)
        data = _parse(LocationWriteSerializer, request)
        location = services.location_save(actor=request.user, data=services.LocationInput(**data))
        return Response(ManagedLocationSerializer(location).data, status=status.HTTP_201_CREATED)


class LocationDetailView(PublicReadView):
    @extend_schema(
        operation_id="frontdoor_locations_retrieve",
        summary="Eén inloopspreekuur (openbaar)",
        responses={200: PublicLocationSerializer, **PROBLEMS},
    )
    def get(self, request, location_uuid):
        try:
            view = selectors.public_location_get(location_uuid=location_uuid)
        except NotFound as exc:
            raise Http404(exc.message) from None
        return Response(PublicLocationSerializer(view).data)

    @extend_schema(
        operation_id="frontdoor_locations_update",
        summary="Locatie wijzigen; ontbrekende velden krijgen hun standaardwaarde (functioneel beheerder)",
        request=LocationWriteSerializer,
        responses={200: ManagedLocationSerializer, **PROBLEMS},
    )
    def put(self, request, location_uuid):
        location = _manager_location(request, location_uuid)
        data = _parse(LocationWriteSerializer, request)
        location = services.location_save(
            actor=request.user, data=services.LocationInput(**data), location=location
        )
        return Response(ManagedLocationSerializer(location).data)


class LocationHoursView(APIView):
    @extend_schema(
        operation_id="frontdoor_locations_hours_update",
        summary="De weekse openingstijden van een locatie in zijn geheel vervangen (functioneel beheerder)",
        request=HoursWriteSerializer,
        responses={200: HoursSerializer(many=True), **PROBLEMS},
    )
    def put(self, request, location_uuid):
        location = _manager_location(request, location_uuid, object_type="frontdoor.OpeningHours")
        data = _parse(HoursWriteSerializer, request)
        slots = [services.SlotInput(**slot) for slot in data["slots"]]
        services.hours_replace(actor=request.user, location=location, slots=slots)
        hours = location.hours.select_related("adviser").order_by("weekday", "opens")
        return Response(HoursSerializer(hours, many=True).data)


class LocationExceptionsView(APIView):
    @extend_schema(
        operation_id="frontdoor_locations_exceptions_create",
        summary="Uitzondering (gesloten of afwijkende tijden) voor één datum toevoegen (functioneel beheerder)",
        request=ExceptionWriteSerializer,
        responses={201: ExceptionSerializer, **PROBLEMS},
    )
    def post(self, request, location_uuid):
        location = _manager_location(
            request, location_uuid, object_type="frontdoor.OpeningException"
        )
        data = _parse(ExceptionWriteSerializer, request)
        exception = services.exception_add(
            actor=request.user, location=location, day=data["date"], is_closed=data["is_closed"],
            opens=data["opens"], closes=data["closes"], reason=data["reason"],
        )  # fmt: skip
        return Response(ExceptionSerializer(exception).data, status=status.HTTP_201_CREATED)


class ExceptionDetailView(APIView):
    @extend_schema(
        operation_id="frontdoor_exceptions_delete",
        summary="Uitzondering verwijderen (functioneel beheerder)",
        request=None,
        responses={204: None, **PROBLEMS},
    )
    def delete(self, request, exception_uuid):
        _require_manager(
            request, object_type="frontdoor.OpeningException", action=Action.DELETE,
            object_uuid=exception_uuid,
        )  # fmt: skip
        try:
            exception = selectors.exception_get(exception_uuid=exception_uuid)
        except NotFound as exc:
            raise Http404(exc.message) from None
        services.exception_delete(actor=request.user, exception=exception)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PhoneView(PublicView):
    @extend_schema(
        operation_id="frontdoor_phone_status",
        summary="De telefoonlijn: nummer, tijden, nu open of wanneer weer (openbaar)",
        responses={200: PhoneSerializer, **PROBLEMS},
    )
    def get(self, request):
        view = selectors.phone_line()
        if view is None:
            raise Http404(gettext("Er is geen telefoonlijn ingesteld."))
        return Response(PhoneSerializer(view).data)


class TopicListView(PublicReadView):
    @extend_schema(
        operation_id="frontdoor_topics_list",
        summary="Onderwerpen voor een vraag of contactmoment (openbaar)",
        responses={200: TopicSerializer(many=True)},
    )
    def get(self, request):
        return Response(TopicSerializer(selectors.active_topics(), many=True).data)

    @extend_schema(
        operation_id="frontdoor_topics_create",
        summary="Onderwerp toevoegen (functioneel beheerder)",
        request=TopicWriteSerializer,
        responses={201: ManagedTopicSerializer, **PROBLEMS},
    )
    def post(self, request):
        _require_manager(request, object_type="frontdoor.Topic", action=Action.CREATE)
        data = _parse(TopicWriteSerializer, request)
        topic = services.topic_save(actor=request.user, **data)
        return Response(ManagedTopicSerializer(topic).data, status=status.HTTP_201_CREATED)


class TopicDetailView(APIView):
    @extend_schema(
        operation_id="frontdoor_topics_update",
        summary="Onderwerp wijzigen of (in)actief maken (functioneel beheerder)",
        request=TopicWriteSerializer,
        responses={200: ManagedTopicSerializer, **PROBLEMS},
    )
    def put(self, request, topic_uuid):
        _require_manager(request, object_type="frontdoor.Topic", object_uuid=topic_uuid)
        try:
            topic = selectors.topic_get(topic_uuid=topic_uuid)
        except NotFound as exc:
            raise Http404(exc.message) from None
        data = _parse(TopicWriteSerializer, request)
        topic = services.topic_save(actor=request.user, topic=topic, **data)
        return Response(ManagedTopicSerializer(topic).data)


class QuestionSubmitView(PublicView):
    throttle_classes = [QuestionSubmitThrottle]

    @extend_schema(
        operation_id="frontdoor_questions_submit",
        summary="Een vraag stellen als ouder of jongere (openbaar; beperkt per adres)",
        request=QuestionSubmitSerializer,
        responses={
            201: QuestionSubmittedSerializer,
            (429, PROBLEM): OpenApiResponse(description="te veel vragen vanaf dit adres"),
            **PROBLEMS,
        },
    )
    def post(self, request):
        serializer = QuestionSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            question = services.question_submit(
                data=services.QuestionInput(
                    topic=data["topic"], text=data["text"], child_age=data["child_age"], consent=data["consent"],
                    email=data["email"], name=data["name"], asker_kind=data["asker_kind"], honeypot=data["website"],
                ),
                address=requestcontext.current().source_address,
            )  # fmt: skip
        except services.RateLimited as exc:
            return problem_response(
                429,
                exc.message,
                instance=request.path,
                headers={"Retry-After": str(exc.retry_after)},
            )
        return Response(
            QuestionSubmittedSerializer(
                {"reference": question.reference, "answer_by_email": bool(question.email)}
            ).data,
            status=status.HTTP_201_CREATED,
        )


# --- the advisers -----------------------------------------------------------------------------


class QuestionQueueView(APIView):
    @extend_schema(
        operation_id="frontdoor_questions_list",
        summary="De wachtrij van online vragen (opvoedadviseurs)",
        parameters=[
            OpenApiParameter("status", str, enum=["nieuw", "opgepakt", "beantwoord", "gesloten"]),
            OpenApiParameter("mine", bool, description="alleen vragen die u behandelt"),
            OpenApiParameter("page", int),
        ],
        responses={200: QuestionPageSerializer, **PROBLEMS},
    )
    def get(self, request):
        selectors.queue_allowed(actor=request.user)
        params = QueueParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        questions, total, _ = selectors.question_queue(
            actor=request.user,
            status=data["status"],
            mine=data["mine"],
            limit=PAGE_SIZE,
            offset=(data["page"] - 1) * PAGE_SIZE,
        )
        return Response(
            QuestionPageSerializer(
                {"count": total, "page": data["page"], "results": questions}
            ).data
        )


class QuestionDetailView(APIView):
    @extend_schema(
        operation_id="frontdoor_questions_retrieve",
        summary="Eén online vraag (opvoedadviseurs; wordt gelogd)",
        responses={200: QuestionDetailSerializer, **PROBLEMS},
    )
    def get(self, request, question_uuid):
        question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
        return Response(QuestionDetailSerializer(question).data)


def _question_response(request, question_uuid):
    question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
    return Response(QuestionDetailSerializer(question).data)


class QuestionPickUpView(APIView):
    @extend_schema(
        operation_id="frontdoor_questions_pick_up",
        summary="Vraag oppakken",
        request=None,
        responses={
            200: QuestionDetailSerializer,
            (409, PROBLEM): OpenApiResponse(description="status laat dit niet toe"),
            **PROBLEMS,
        },
    )
    def post(self, request, question_uuid):
        question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
        services.question_pick_up(actor=request.user, question=question)
        return _question_response(request, question_uuid)


class QuestionReleaseView(APIView):
    @extend_schema(
        operation_id="frontdoor_questions_release",
        summary="Vraag teruggeven aan de wachtrij (alleen wie de vraag heeft)",
        request=None,
        responses={
            200: QuestionDetailSerializer,
            (409, PROBLEM): OpenApiResponse(description="status laat dit niet toe"),
            **PROBLEMS,
        },
    )
    def post(self, request, question_uuid):
        question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
        services.question_release(actor=request.user, question=question)
        return _question_response(request, question_uuid)


class QuestionAnswerView(APIView):
    @extend_schema(
        operation_id="frontdoor_questions_answer",
        summary="Vraag beantwoorden (opgeslagen en, met e-mailadres, gemaild)",
        request=AnswerSerializer,
        responses={
            200: QuestionDetailSerializer,
            (409, PROBLEM): OpenApiResponse(description="status laat dit niet toe"),
            **PROBLEMS,
        },
    )
    def post(self, request, question_uuid):
        question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
        serializer = AnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.question_answer(
            actor=request.user, question=question, answer=serializer.validated_data["answer"]
        )
        return _question_response(request, question_uuid)


class QuestionHandOverView(APIView):
    @extend_schema(
        operation_id="frontdoor_questions_hand_over",
        summary="Vraag overdragen aan een collega-opvoedadviseur",
        request=HandOverSerializer,
        responses={
            200: QuestionDetailSerializer,
            (409, PROBLEM): OpenApiResponse(description="status laat dit niet toe"),
            **PROBLEMS,
        },
    )
    def post(self, request, question_uuid):
        question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
        serializer = HandOverSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.question_hand_over(
            actor=request.user, question=question, to_professional_uuid=serializer.validated_data["to"],
            note=serializer.validated_data["note"],
        )  # fmt: skip
        return _question_response(request, question_uuid)


class QuestionCloseView(APIView):
    @extend_schema(
        operation_id="frontdoor_questions_close",
        summary="Vraag sluiten (naam en e-mailadres worden verwijderd)",
        request=None,
        responses={
            200: QuestionDetailSerializer,
            (409, PROBLEM): OpenApiResponse(description="status laat dit niet toe"),
            **PROBLEMS,
        },
    )
    def post(self, request, question_uuid):
        question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
        services.question_close(actor=request.user, question=question)
        return _question_response(request, question_uuid)


def _more_help_input(request) -> services.MoreHelpInput:
    serializer = MoreHelpSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    members = [MemberInput(**m) for m in data.pop("members")]
    return services.MoreHelpInput(members=members, **data)


def _more_help(request, *, source, object_type: str, subjects, arrange) -> Response:
    """Refused (and logged) before the input is read; then the family and its case, in one go."""
    guards.more_help_allowed(
        actor=request.user, object_type=object_type, object_uuid=source.uuid, subjects=subjects
    )
    family, case = arrange(_more_help_input(request))
    return Response({"family": family.uuid, "case": case.uuid}, status=status.HTTP_201_CREATED)


class QuestionMoreHelpView(APIView):
    @extend_schema(
        operation_id="frontdoor_questions_more_help",
        summary="Meer hulp regelen: gezin registreren (u wordt betrokken) en de casus openen",
        request=MoreHelpSerializer,
        responses={
            201: MoreHelpResultSerializer,
            (409, PROBLEM): OpenApiResponse(description="status laat dit niet toe"),
            **PROBLEMS,
        },
    )
    def post(self, request, question_uuid):
        question = selectors.question_get(actor=request.user, question_uuid=question_uuid)
        return _more_help(
            request,
            source=question,
            object_type="frontdoor.Question",
            subjects=question_subjects(question),
            arrange=lambda data: services.question_more_help(
                actor=request.user, question=question, data=data
            ),
        )


class ContactListView(APIView):
    @extend_schema(
        operation_id="frontdoor_contact_moments_list",
        summary="Contactmomenten: eigen, of van het hele team met team=true (opvoedadviseurs)",
        parameters=[OpenApiParameter("team", bool), OpenApiParameter("page", int)],
        responses={200: ContactMomentPageSerializer, **PROBLEMS},
    )
    def get(self, request):
        selectors.contacts_allowed(actor=request.user)
        params = ContactParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        moments, total = selectors.contact_list(
            actor=request.user,
            mine=not data["team"],
            limit=PAGE_SIZE,
            offset=(data["page"] - 1) * PAGE_SIZE,
        )
        return Response(
            ContactMomentPageSerializer(
                {"count": total, "page": data["page"], "results": moments}
            ).data
        )

    @extend_schema(
        operation_id="frontdoor_contact_moments_create",
        summary="Contactmoment registreren (anoniem mag)",
        request=ContactCreateSerializer,
        responses={201: ContactMomentSerializer, **PROBLEMS},
    )
    def post(self, request):
        selectors.contacts_allowed(actor=request.user, action="create")
        serializer = ContactCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        adviser = None
        if data["adviser"] is not None:
            adviser = Professional.objects.filter(uuid=data["adviser"]).first()
            if adviser is None:
                message = gettext("Kies een opvoedadviseur.")
                raise ValidationFailed(message, field_errors={"adviser": [message]})
        moment = services.contact_register(
            actor=request.user,
            data=services.ContactInput(
                channel=data["channel"], topics=list(data["topics"]), age_group=data["age_group"], outcome=data["outcome"],
                advice=data["advice"], location=data["location"], adviser=adviser, occurred_at=data["occurred_at"],
                visitor_name=data["visitor_name"],
            ),
        )  # fmt: skip
        moment = selectors.contact_get(actor=request.user, contact_uuid=moment.uuid)
        return Response(ContactMomentSerializer(moment).data, status=status.HTTP_201_CREATED)


class ContactDetailView(APIView):
    @extend_schema(
        operation_id="frontdoor_contact_moments_retrieve",
        summary="Eén contactmoment (opvoedadviseurs; wordt gelogd)",
        responses={200: ContactMomentSerializer, **PROBLEMS},
    )
    def get(self, request, contact_uuid):
        return Response(
            ContactMomentSerializer(
                selectors.contact_get(actor=request.user, contact_uuid=contact_uuid)
            ).data
        )


class ContactMoreHelpView(APIView):
    @extend_schema(
        operation_id="frontdoor_contact_moments_more_help",
        summary="Meer hulp regelen vanuit een contactmoment",
        request=MoreHelpSerializer,
        responses={
            201: MoreHelpResultSerializer,
            (409, PROBLEM): OpenApiResponse(description="al geregeld"),
            **PROBLEMS,
        },
    )
    def post(self, request, contact_uuid):
        moment = selectors.contact_get(actor=request.user, contact_uuid=contact_uuid)
        return _more_help(
            request,
            source=moment,
            object_type="frontdoor.ContactMoment",
            subjects=contact_subjects(moment),
            arrange=lambda data: services.contact_more_help(
                actor=request.user, moment=moment, data=data
            ),
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
        "contactmomenten/<uuid:contact_uuid>/meer-hulp/",
        ContactMoreHelpView.as_view(),
        name="api-frontdoor-contact-more-help",
    ),
]
