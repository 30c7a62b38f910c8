"""Maintaining the catalogue through the API: the same selectors, services and rules as the
screens. The programme is found first (guard, refusal logged), the body validated after, so a
refused caller never learns what the input should have been. Errors are problem+json.

The open-data export is public (no login): the published programmes' public fields only.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.aanbod import selectors, services, views_open_data
from ketenzorg.aanbod import selectors_maintenance as maintenance
from ketenzorg.aanbod import serializers_maintenance as s
from ketenzorg.access import policy
from ketenzorg.api.idempotency import idempotent
from ketenzorg.api.input import validated
from ketenzorg.audit.models import Action


def _result(result) -> dict:
    return {
        "programme": s.AanbodProgrammeMaintenanceSerializer(result.programme).data,
        "revision": s.AanbodRevisionSerializer(result.revision).data if result.revision else None,
    }


def _input(request, *, provider_default):
    serializer = s.AanbodProgrammeWriteSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.to_input(provider_default=provider_default, topics=selectors.search_topics())


class MaintenanceListView(APIView):
    @extend_schema(
        operation_id="aanbod_maintenance_list",
        summary="Het aanbod dat u beheert (aanbieder: eigen organisatie; beheerder: alles)",
        responses=s.AanbodProgrammeMaintenanceSerializer(many=True),
    )
    def get(self, request):
        programmes = maintenance.maintained_programmes(actor=request.user)
        return Response(s.AanbodProgrammeMaintenanceSerializer(programmes, many=True).data)

    @extend_schema(
        operation_id="aanbod_maintenance_create",
        summary="Nieuw aanbod (als concept; publiceren wacht op goedkeuring door een beheerder)",
        request=s.AanbodProgrammeWriteSerializer,
        responses={201: s.AanbodMaintenanceResultSerializer},
    )
    @idempotent
    def post(self, request):
        maintenance.maintained_programmes(actor=request.user, action=Action.CREATE)
        professional = policy.professional_of(request.user)
        data = _input(request, provider_default=professional.organisation if professional else None)
        result = services.programme_create(actor=request.user, data=data)
        return Response(_result(result), status=status.HTTP_201_CREATED)


class MaintenanceDetailView(APIView):
    @extend_schema(
        operation_id="aanbod_maintenance_retrieve",
        summary="Eén aanbod dat u beheert, met de interne velden",
        responses=s.AanbodProgrammeMaintenanceSerializer,
    )
    def get(self, request, programme_uuid):
        programme = maintenance.maintained_programme_get(
            actor=request.user, programme_uuid=programme_uuid
        )
        programme.has_pending = maintenance.pending_revision(programme) is not None
        return Response(s.AanbodProgrammeMaintenanceSerializer(programme).data)

    @extend_schema(
        operation_id="aanbod_maintenance_update",
        summary="Aanbod wijzigen: interne velden direct, openbare als voorstel (vier ogen)",
        request=s.AanbodProgrammeWriteSerializer,
        responses=s.AanbodMaintenanceResultSerializer,
    )
    def put(self, request, programme_uuid):
        programme = maintenance.maintained_programme_get(
            actor=request.user, programme_uuid=programme_uuid, action=Action.UPDATE
        )
        data = _input(request, provider_default=programme.provider)
        result = services.programme_change(actor=request.user, programme=programme, data=data)
        return Response(_result(result))


class WaitingTimeConfirmView(APIView):
    @extend_schema(
        operation_id="aanbod_maintenance_waiting_time_confirm",
        summary="Wachttijd bevestigen: nog steeds juist op vandaag",
        request=None,
        responses=s.AanbodProgrammeMaintenanceSerializer,
    )
    def post(self, request, programme_uuid):
        programme = maintenance.maintained_programme_get(
            actor=request.user, programme_uuid=programme_uuid, action=Action.UPDATE
        )
        services.waiting_time_confirm(actor=request.user, programme=programme)
        return Response(s.AanbodProgrammeMaintenanceSerializer(programme).data)


class HistoryView(APIView):
    @extend_schema(
        operation_id="aanbod_maintenance_history",
        summary="Geschiedenis van een aanbod: wie, wanneer, wat (oud → nieuw), goedgekeurd door",
        responses=s.AanbodChangeSerializer(many=True),
    )
    def get(self, request, programme_uuid):
        programme = maintenance.maintained_programme_get(
            actor=request.user, programme_uuid=programme_uuid
        )
        history = maintenance.programme_history(programme)
        return Response(s.AanbodChangeSerializer(history, many=True).data)


class RevisionListView(APIView):
    @extend_schema(
        operation_id="aanbod_revisions_list",
        summary="Voorstellen die op goedkeuring wachten (functioneel beheerder)",
        responses=s.AanbodRevisionSerializer(many=True),
    )
    def get(self, request):
        queue = maintenance.approval_queue(actor=request.user)
        return Response(s.AanbodRevisionSerializer(queue, many=True).data)


def _detail(revision) -> dict:
    revision.changes = maintenance.revision_diff(revision)
    return s.AanbodRevisionDetailSerializer(revision).data


class RevisionDetailView(APIView):
    @extend_schema(
        operation_id="aanbod_revisions_retrieve",
        summary="Eén voorstel met wat er voor het publiek verandert",
        responses=s.AanbodRevisionDetailSerializer,
    )
    def get(self, request, revision_uuid):
        revision = maintenance.revision_get(actor=request.user, revision_uuid=revision_uuid)
        return Response(_detail(revision))


class RevisionApproveView(APIView):
    @extend_schema(
        operation_id="aanbod_revisions_approve",
        summary="Voorstel goedkeuren: het aanbod verandert (nooit uw eigen voorstel)",
        request=None,
        responses=s.AanbodRevisionDetailSerializer,
    )
    def post(self, request, revision_uuid):
        revision = maintenance.revision_get(actor=request.user, revision_uuid=revision_uuid)
        services.revision_approve(actor=request.user, revision=revision)
        revision = maintenance.revision_get(actor=request.user, revision_uuid=revision_uuid)
        return Response(_detail(revision))


class RevisionRejectView(APIView):
    @extend_schema(
        operation_id="aanbod_revisions_reject",
        summary="Voorstel afwijzen, met een reden voor de aanbieder",
        request=s.AanbodRevisionRejectSerializer,
        responses=s.AanbodRevisionDetailSerializer,
    )
    def post(self, request, revision_uuid):
        revision = maintenance.revision_get(actor=request.user, revision_uuid=revision_uuid)
        data = validated(s.AanbodRevisionRejectSerializer, request.data)
        revision = services.revision_reject(
            actor=request.user, revision=revision, reason=data["reason"]
        )
        return Response(_detail(revision))


class ProfessionalView(APIView):
    @extend_schema(
        operation_id="aanbod_programmes_professional_retrieve",
        summary="Wat professionals van een aanbod zien: wachttijd, capaciteit, wie bel je",
        responses=s.AanbodProfessionalProgrammeSerializer,
    )
    def get(self, request, programme_uuid):
        view = maintenance.professional_programme_get(
            actor=request.user, programme_uuid=programme_uuid
        )
        return Response(s.AanbodProfessionalProgrammeSerializer(view).data)


class OpenDataView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="aanbod_open_data",
        summary="Open data: de openbare velden van al het gepubliceerde aanbod (openbaar)",
        responses=s.AanbodOpenDataSerializer,
    )
    def get(self, request):
        return Response(views_open_data.document())


urlpatterns = [
    path("aanbod/open-data/", OpenDataView.as_view(), name="api-aanbod-open-data"),
    path("aanbod/beheer/", MaintenanceListView.as_view(), name="api-aanbod-maintenance"),
    path(
        "aanbod/beheer/<uuid:programme_uuid>/",
        MaintenanceDetailView.as_view(),
        name="api-aanbod-maintenance-detail",
    ),
    path(
        "aanbod/beheer/<uuid:programme_uuid>/wachttijd-bevestigen/",
        WaitingTimeConfirmView.as_view(),
        name="api-aanbod-waiting-time-confirm",
    ),
    path(
        "aanbod/beheer/<uuid:programme_uuid>/geschiedenis/",
        HistoryView.as_view(),
        name="api-aanbod-history",
    ),
    path("aanbod/voorstellen/", RevisionListView.as_view(), name="api-aanbod-revisions"),
    path(
        "aanbod/voorstellen/<uuid:revision_uuid>/",
        RevisionDetailView.as_view(),
        name="api-aanbod-revision",
    ),
    path(
        "aanbod/voorstellen/<uuid:revision_uuid>/goedkeuren/",
        RevisionApproveView.as_view(),
        name="api-aanbod-revision-approve",
    ),
    path(
        "aanbod/voorstellen/<uuid:revision_uuid>/afwijzen/",
        RevisionRejectView.as_view(),
        name="api-aanbod-revision-reject",
    ),
    path(
        "aanbod/<uuid:programme_uuid>/professional/",
        ProfessionalView.as_view(),
        name="api-aanbod-professional",
    ),
]
