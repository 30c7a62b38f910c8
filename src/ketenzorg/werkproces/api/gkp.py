"""API operations of the GKP-overleg: the same guards, selectors and services as the screens.
A write on a case or an item is refused (and logged) before its input is read, so a refused
caller gets 403/404 and never a 400 that reveals the input's shape."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.api.idempotency import idempotent
from ketenzorg.api.input import validated
from ketenzorg.coordination import selectors as case_selectors
from ketenzorg.werkproces import guards_gkp, selectors_gkp
from ketenzorg.werkproces.api import serializers_gkp as s
from ketenzorg.werkproces.services import gkp as services


def _item(request, item_uuid):
    return s.ItemSerializer(
        selectors_gkp.gkp_item_view(actor=request.user, item_uuid=item_uuid)
    ).data


class MeetingsView(APIView):
    @extend_schema(
        operation_id="gkp_meetings_list",
        summary="GKP-overleggen van mijn stadsdeel: komend en van de laatste acht weken",
        responses=s.MeetingListItemSerializer(many=True),
    )
    def get(self, request):
        meetings = selectors_gkp.gkp_meetings_for(actor=request.user)
        return Response(s.MeetingListItemSerializer(meetings, many=True).data)

    @extend_schema(
        operation_id="gkp_meetings_create",
        summary="Een reeks GKP-overleggen plannen (alleen een AJH-verbinder van het stadsdeel)",
        request=s.PlanSerializer,
        responses={201: s.MeetingSerializer(many=True)},
    )
    @idempotent
    def post(self, request):
        guards_gkp.gkp_list_allowed(actor=request.user)
        data = validated(s.PlanSerializer, request.data)
        meetings = services.gkp_meetings_plan(actor=request.user, **data)
        return Response(
            s.MeetingSerializer(meetings, many=True).data, status=status.HTTP_201_CREATED
        )


class MeetingDetailView(APIView):
    @extend_schema(
        operation_id="gkp_meetings_retrieve",
        summary="Eén GKP-overleg met de agenda (op naam alleen zolang de toestemming dekt)",
        responses=s.MeetingDetailSerializer,
    )
    def get(self, request, gkp_meeting_uuid):
        view = selectors_gkp.gkp_meeting_view(actor=request.user, meeting_uuid=gkp_meeting_uuid)
        return Response(s.MeetingDetailSerializer(view).data)


class ItemDetailView(APIView):
    @extend_schema(
        operation_id="gkp_items_retrieve",
        summary="Eén agendapunt met de uitkomsten (de casus, en de AJH-verbinders van het stadsdeel)",
        responses=s.ItemSerializer,
    )
    def get(self, request, gkp_item_uuid):
        return Response(_item(request, gkp_item_uuid))


class OutcomesView(APIView):
    @extend_schema(
        operation_id="gkp_items_outcomes_create",
        summary="De uitkomst van het overleg vastleggen (één keer; met correction_reason: "
        "corrigeren, de vorige blijft bewaard)",
        request=s.OutcomeCreateSerializer,
        responses={201: s.OutcomeSerializer},
    )
    @idempotent
    def post(self, request, gkp_item_uuid):
        guards_gkp.item_get_for_outcome(actor=request.user, item_uuid=gkp_item_uuid)
        data = dict(validated(s.OutcomeCreateSerializer, request.data))
        reason = data.pop("correction_reason")
        if reason is None:
            outcome = services.gkp_outcome_record(
                actor=request.user, item_uuid=gkp_item_uuid, **data
            )
        else:
            outcome = services.gkp_outcome_correct(
                actor=request.user, item_uuid=gkp_item_uuid, reason=reason, **data
            )
        return Response(s.OutcomeSerializer(outcome).data, status=status.HTTP_201_CREATED)


class WithdrawView(APIView):
    @extend_schema(
        operation_id="gkp_items_withdraw",
        summary="De vraag van de agenda halen, vóór het overleg, met de reden",
        request=s.WithdrawSerializer,
        responses=s.ItemSerializer,
    )
    def post(self, request, gkp_item_uuid):
        guards_gkp.item_get_for_withdraw(actor=request.user, item_uuid=gkp_item_uuid)
        data = validated(s.WithdrawSerializer, request.data)
        services.gkp_item_withdraw(
            actor=request.user, item_uuid=gkp_item_uuid, reason=data["reason"]
        )
        return Response(_item(request, gkp_item_uuid))


class CaseMeetingsView(APIView):
    @extend_schema(
        operation_id="cases_gkp_meetings_list",
        summary="Komende GKP-overleggen voor een vraag van deze casus (stadsdeel van het gezin "
        "en het eigen stadsdeel; zonder wijk: het gekozen stadsdeel)",
        parameters=[OpenApiParameter("stadsdeel", str, description="uuid van een stadsdeel")],
        responses=s.MeetingSerializer(many=True),
    )
    def get(self, request, case_uuid):
        case = case_selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        params = validated(s.CaseMeetingsParamsSerializer, request.query_params)
        _stadsdelen, meetings = selectors_gkp.gkp_meetings_for_case(
            actor=request.user, case=case, stadsdeel=params["stadsdeel"]
        )
        return Response(s.MeetingSerializer(meetings, many=True).data)


class CaseItemsView(APIView):
    @extend_schema(
        operation_id="cases_gkp_items_create",
        summary="Agenderen voor het GKP-overleg (in de stap AJH verkennen; op naam alleen met "
        "toestemming)",
        request=s.ItemCreateSerializer,
        responses={201: s.ItemSerializer},
    )
    @idempotent
    def post(self, request, case_uuid):
        case = case_selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        data = validated(s.ItemCreateSerializer, request.data)
        item = services.gkp_item_add(actor=request.user, case=case, **data)
        return Response(_item(request, item.uuid), status=status.HTTP_201_CREATED)


urlpatterns = [
    path("gkp-overleggen/", MeetingsView.as_view(), name="api-gkp-meetings"),
    path(
        "gkp-overleggen/<uuid:gkp_meeting_uuid>/",
        MeetingDetailView.as_view(),
        name="api-gkp-meeting",
    ),
    path("gkp-agendapunten/<uuid:gkp_item_uuid>/", ItemDetailView.as_view(), name="api-gkp-item"),
    path(
        "gkp-agendapunten/<uuid:gkp_item_uuid>/uitkomsten/",
        OutcomesView.as_view(),
        name="api-gkp-item-outcomes",
    ),
    path(
        "gkp-agendapunten/<uuid:gkp_item_uuid>/intrekken/",
        WithdrawView.as_view(),
        name="api-gkp-item-withdraw",
    ),
    path(
        "casussen/<uuid:case_uuid>/gkp-overleggen/",
        CaseMeetingsView.as_view(),
        name="api-case-gkp-meetings",
    ),
    path(
        "casussen/<uuid:case_uuid>/gkp-agendapunten/",
        CaseItemsView.as_view(),
        name="api-case-gkp-items",
    ),
]
