"""The access log of a person, and every break of the glass, for the privacy officer."""

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.api.idempotency import idempotent
from ketenzorg.api.pagination import Pagination
from ketenzorg.api.problems import PROBLEM_CONTENT_TYPE as PROBLEM
from ketenzorg.audit.models import AuditEntry
from ketenzorg.audit.selectors import access_log_for_person
from ketenzorg.families import selectors as family_selectors
from ketenzorg.privacy import selectors, services
from ketenzorg.privacy.serializers import (
    EmergencyEventPageSerializer,
    EmergencyListParams,
    EmergencyReviewSerializer,
    EmergencyReviewWriteSerializer,
)

PROBLEMS = {
    (400, PROBLEM): OpenApiResponse(description="ongeldige invoer (problem+json)"),
    (403, PROBLEM): OpenApiResponse(description="geen toegang (problem+json)"),
    (404, PROBLEM): OpenApiResponse(description="niet gevonden (problem+json)"),
}
EMERGENCY_PAGE_SIZE = 100


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "uuid",
            "occurred_at",
            "action",
            "outcome",
            "username",
            "user_role",
            "user_organisation",
            "on_behalf_of",
            "object_type",
            "object_uuid",
            "source_address",
            "channel",
            "basis",
            "reason",
        ]


class PersonAccessLogView(APIView):
    @extend_schema(
        operation_id="persons_access_log",
        summary="Wie keek naar de gegevens van deze persoon",
        responses=AuditEntrySerializer(many=True),
    )
    def get(self, request, person_uuid):
        person = family_selectors.person_identity_for_privacy_officer(
            actor=request.user, person_uuid=person_uuid
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(access_log_for_person(person=person), request, view=self)
        return paginator.get_paginated_response(AuditEntrySerializer(page, many=True).data)


class EmergencyListView(APIView):
    @extend_schema(
        operation_id="emergency_access_list",
        summary="Elke noodtoegang (break the glass), nieuwste eerst, om te beoordelen",
        parameters=[
            OpenApiParameter("status", str, enum=list(selectors.STATUSES)),
            OpenApiParameter("page", int),
        ],
        responses={200: EmergencyEventPageSerializer, **PROBLEMS},
    )
    def get(self, request):
        selectors.emergency_events_allowed(actor=request.user)
        params = EmergencyListParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        page = selectors.emergency_event_page(
            actor=request.user,
            status=data["status"],
            page=data["page"],
            per_page=EMERGENCY_PAGE_SIZE,
        )
        body = {"count": page.total, "page": page.number, "results": page.events}
        return Response(EmergencyEventPageSerializer(body).data)


class EmergencyReviewView(APIView):
    @extend_schema(
        operation_id="emergency_access_review",
        summary="Noodtoegang beoordelen, met toelichting (een tweede beoordeling vult aan)",
        request=EmergencyReviewWriteSerializer,
        responses={201: EmergencyReviewSerializer, **PROBLEMS},
    )
    @idempotent
    def post(self, request, grant_uuid):
        # The role and "not one's own" are checked (and a refusal logged) before the body.
        services.emergency_review_allowed(actor=request.user, grant_uuid=grant_uuid)
        serializer = EmergencyReviewWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = services.emergency_review(
            actor=request.user, grant_uuid=grant_uuid, note=serializer.validated_data["note"]
        )
        return Response(EmergencyReviewSerializer(review).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path(
        "personen/<uuid:person_uuid>/toegangslog/",
        PersonAccessLogView.as_view(),
        name="api-person-access-log",
    ),
    path("noodtoegang/", EmergencyListView.as_view(), name="api-emergency-access"),
    path(
        "noodtoegang/<uuid:grant_uuid>/beoordelingen/",
        EmergencyReviewView.as_view(),
        name="api-emergency-access-review",
    ),
]
