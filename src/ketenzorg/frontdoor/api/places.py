"""Walk-in locations, their hours and exceptions, the phone line and the topics: public reads, beheer writes."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.api.idempotency import idempotent
from ketenzorg.audit.models import Action
from ketenzorg.core.errors import NotFound
from ketenzorg.frontdoor import selectors, services
from ketenzorg.frontdoor.api.common import (
    PROBLEMS,
    PublicReadView,
    PublicView,
    manager_location,
    parse,
    require_manager,
)
from ketenzorg.frontdoor.serializers import (
    ExceptionSerializer,
    ExceptionWriteSerializer,
    HoursSerializer,
    HoursWriteSerializer,
    LocationSearchParams,
    LocationWriteSerializer,
    ManagedLocationSerializer,
    ManagedTopicSerializer,
    PhoneSerializer,
    PublicLocationSerializer,
    TopicSerializer,
    TopicWriteSerializer,
)


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
    @idempotent
    def post(self, request):
        require_manager(request, object_type="frontdoor.Location", action=Action.CREATE)
        data = parse(LocationWriteSerializer, request)
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
        location = manager_location(request, location_uuid)
        data = parse(LocationWriteSerializer, request)
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
        location = manager_location(request, location_uuid, object_type="frontdoor.OpeningHours")
        data = parse(HoursWriteSerializer, request)
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
    @idempotent
    def post(self, request, location_uuid):
        location = manager_location(
            request, location_uuid, object_type="frontdoor.OpeningException"
        )
        data = parse(ExceptionWriteSerializer, request)
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
        require_manager(
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
    @idempotent
    def post(self, request):
        require_manager(request, object_type="frontdoor.Topic", action=Action.CREATE)
        data = parse(TopicWriteSerializer, request)
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
        require_manager(request, object_type="frontdoor.Topic", object_uuid=topic_uuid)
        try:
            topic = selectors.topic_get(topic_uuid=topic_uuid)
        except NotFound as exc:
            raise Http404(exc.message) from None
        data = parse(TopicWriteSerializer, request)
        topic = services.topic_save(actor=request.user, topic=topic, **data)
        return Response(ManagedTopicSerializer(topic).data)
