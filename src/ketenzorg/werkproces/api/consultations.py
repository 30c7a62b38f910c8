"""API operations on consultations (meedenken/meedoen): the same guards, selectors and
services as the screens. A write on a case finds the case through `case_for_change` first,
so a refused caller gets 403/404 (logged) and never a 400 that reveals the input's shape."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.api.idempotency import idempotent
from ketenzorg.api.input import validated
from ketenzorg.coordination import selectors as case_selectors
from ketenzorg.core.errors import NotFound, ValidationFailed
from ketenzorg.network import selectors as network
from ketenzorg.werkproces import guards, rules, selectors
from ketenzorg.werkproces import serializers_consultations as s
from ketenzorg.werkproces.candidates import expertise_find, meedenker_candidates
from ketenzorg.werkproces.services import consultations as services


def _view(request, consultation_uuid):
    view = selectors.consultation_view(actor=request.user, consultation_uuid=consultation_uuid)
    return s.ConsultationSerializer(view).data


class MyConsultationsView(APIView):
    @extend_schema(
        operation_id="consultations_list",
        summary="Mijn consultaties: wat mij als meedenker gevraagd is (lopend en in de uitloop)",
        responses=s.ConsultationListItemSerializer(many=True),
    )
    def get(self, request):
        rows = selectors.consultations_for_meedenker(actor=request.user)
        return Response([s.consultation_list_item(c) for c in rows])


class ConsultationDetailView(APIView):
    @extend_schema(
        operation_id="consultations_retrieve",
        summary="Eén consultatie: de meedenker ziet alleen wat gedeeld is, zolang zij loopt",
        responses=s.ConsultationSerializer,
    )
    def get(self, request, consultation_uuid):
        return Response(_view(request, consultation_uuid))


class CaseConsultationsView(APIView):
    @extend_schema(
        operation_id="cases_consultations_create",
        summary="Consultatie vragen (op naam buiten de organisatie: alleen met toestemming)",
        request=s.ConsultationCreateSerializer,
        responses={201: s.ConsultationSerializer},
    )
    @idempotent
    def post(self, request, case_uuid):
        case = case_selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        data = validated(s.ConsultationCreateSerializer, request.data)
        consultation = services.consultation_ask(actor=request.user, case=case, **data)
        return Response(_view(request, consultation.uuid), status=status.HTTP_201_CREATED)


class FindingsView(APIView):
    @extend_schema(
        operation_id="consultations_findings_create",
        summary="Bevindingen vastleggen (alleen de meedenker; toevoegen, nooit wijzigen)",
        request=s.FindingCreateSerializer,
        responses={201: s.FindingSerializer},
    )
    @idempotent
    def post(self, request, consultation_uuid):
        guards.consultation_get_for_findings(
            actor=request.user, consultation_uuid=consultation_uuid
        )
        data = validated(s.FindingCreateSerializer, request.data)
        finding = services.finding_write(
            actor=request.user, consultation_uuid=consultation_uuid, text_value=data["text"]
        )
        return Response(s.FindingSerializer(finding).data, status=status.HTTP_201_CREATED)


class FindingsOnBehalfView(APIView):
    @extend_schema(
        operation_id="consultations_findings_on_behalf_create",
        summary="Bevindingen namens een meedenker zonder account vastleggen (wie bij het gezin "
        "betrokken is; geweigerd als de meedenker een account heeft)",
        request=s.FindingCreateSerializer,
        responses={201: s.FindingSerializer},
    )
    @idempotent
    def post(self, request, consultation_uuid):
        guards.consultation_get_for_findings_on_behalf(
            actor=request.user, consultation_uuid=consultation_uuid
        )
        data = validated(s.FindingCreateSerializer, request.data)
        finding = services.finding_write_on_behalf(
            actor=request.user, consultation_uuid=consultation_uuid, text_value=data["text"]
        )
        return Response(s.FindingSerializer(finding).data, status=status.HTTP_201_CREATED)


class ExpectationsView(APIView):
    @extend_schema(
        operation_id="consultations_expectations_create",
        summary="De meedenker bevestigt de verwachtingen en zegt wat zij terug verwacht "
        "(alleen de meedenker; toevoegen, nooit wijzigen)",
        request=s.ExpectationCreateSerializer,
        responses={201: s.ExpectationSerializer},
    )
    @idempotent
    def post(self, request, consultation_uuid):
        guards.consultation_get_for_expectations(
            actor=request.user, consultation_uuid=consultation_uuid
        )
        data = validated(s.ExpectationCreateSerializer, request.data)
        expectation = services.meedenker_expectation_add(
            actor=request.user,
            consultation_uuid=consultation_uuid,
            agrees=data["agrees"],
            text_value=data["text"],
        )
        return Response(s.ExpectationSerializer(expectation).data, status=status.HTTP_201_CREATED)


class EvaluationView(APIView):
    @extend_schema(
        operation_id="consultations_evaluation_create",
        summary="De gezamenlijke evaluatie: wat leverde het op, verder met de bestaande "
        "ondersteuning, welke aanvullende jeugdhulp",
        request=s.EvaluationCreateSerializer,
        responses={201: s.EvaluationSerializer},
    )
    @idempotent
    def post(self, request, consultation_uuid):
        guards.consultation_get_for_change(actor=request.user, consultation_uuid=consultation_uuid)
        data = validated(s.EvaluationCreateSerializer, request.data)
        evaluation = services.consultation_evaluate(
            actor=request.user, consultation_uuid=consultation_uuid, **data
        )
        return Response(s.EvaluationSerializer(evaluation).data, status=status.HTTP_201_CREATED)


class ProposalsView(APIView):
    @extend_schema(
        operation_id="cases_meedenkers_list",
        summary="Wie kan ik vragen: collega's met de expertise (eigen team eerst, dan het "
        "stadsdeel); van buiten ook de sociale kaart",
        parameters=[
            OpenApiParameter("expertise", str, description="uuid of naam van de expertise"),
            OpenApiParameter("scope", str, enum=[c for c, _ in s.ConsultationScope.choices]),
            OpenApiParameter("area", str, description="uuid van een werkgebied (sociale kaart)"),
        ],
        responses=s.ProposalSerializer(many=True),
    )
    def get(self, request, case_uuid):
        case_selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
        params = validated(s.ProposalParamsSerializer, request.query_params)
        expertise = expertise_find(params["expertise"])
        if expertise is None and params["scope"] != rules.SCOPE_AJH:
            message = gettext("Kies een bestaande expertise (uuid of naam).")
            raise ValidationFailed(message, field_errors={"expertise": [message]})
        area = None
        if params["area"] is not None:
            try:
                area = network.district_get(district_uuid=params["area"])
            except NotFound:
                message = gettext("Dit werkgebied bestaat niet.")
                raise ValidationFailed(message, field_errors={"area": [message]}) from None
        candidates = meedenker_candidates(
            actor=request.user, scope=params["scope"], expertise=expertise, area=area
        )
        return Response(s.ProposalSerializer(candidates, many=True).data)


urlpatterns = [
    path("consultaties/", MyConsultationsView.as_view(), name="api-consultations"),
    path(
        "consultaties/<uuid:consultation_uuid>/",
        ConsultationDetailView.as_view(),
        name="api-consultation",
    ),
    path(
        "consultaties/<uuid:consultation_uuid>/bevindingen/",
        FindingsView.as_view(),
        name="api-consultation-findings",
    ),
    path(
        "consultaties/<uuid:consultation_uuid>/bevindingen-namens/",
        FindingsOnBehalfView.as_view(),
        name="api-consultation-findings-on-behalf",
    ),
    path(
        "consultaties/<uuid:consultation_uuid>/verwachtingen/",
        ExpectationsView.as_view(),
        name="api-consultation-expectations",
    ),
    path(
        "consultaties/<uuid:consultation_uuid>/evaluatie/",
        EvaluationView.as_view(),
        name="api-consultation-evaluation",
    ),
    path(
        "casussen/<uuid:case_uuid>/consultaties/",
        CaseConsultationsView.as_view(),
        name="api-case-consultations",
    ),
    path(
        "casussen/<uuid:case_uuid>/meedenkers/",
        ProposalsView.as_view(),
        name="api-case-meedenkers",
    ),
]
