"""API of the professional's side of the referral: the perspectiefplan, the voorziening, the
referral from draft to sent or withdrawn, the ONE referral view for every party, and its
documents as PDF. The same guards, selectors and services as the screens.

A write on a case, a voorziening or a referral is refused (and logged) before its input is read,
so a refused caller gets 403/404 and never a 400 that reveals the input's shape. Errors are
problem+json; a stale `version`/`based_on` is a 409.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.access.policy import client_professional_of
from ketenzorg.api.idempotency import idempotent
from ketenzorg.api.input import validated
from ketenzorg.audit.models import Action
from ketenzorg.coordination import selectors as case_selectors
from ketenzorg.verwijzing import guards, guards_professional, render, selectors
from ketenzorg.verwijzing import selectors_professional as reads
from ketenzorg.verwijzing.api import serializers_professional as s
from ketenzorg.verwijzing.models import Party
from ketenzorg.verwijzing.services import documents as document_services
from ketenzorg.verwijzing.services import plan as plan_services
from ketenzorg.verwijzing.services import referral as referral_services
from ketenzorg.verwijzing.services import voorziening as voorziening_services

PDF = {(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="De pdf.")}
CHANGES = {"-": "verwijderd", "+": "toegevoegd", " ": "gelijk"}


class PdfRenderer(renderers.BaseRenderer):
    """Lets a client ask for the PDF by its type; the view answers the bytes itself."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else renderers.JSONRenderer().render(data)


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _case(request, case_uuid, *, write=False):
    if write:
        return case_selectors.case_for_change(actor=request.user, case_uuid=case_uuid)
    return case_selectors.case_get(actor=request.user, case_uuid=case_uuid)


def _by_uuid(rows, value):
    return {str(r.uuid): r for r in rows}.get(str(value)) if value else None


# --- the perspectiefplan -----------------------------------------------------------------------


class PlanView(APIView):
    @extend_schema(
        operation_id="cases_perspectiefplan_list",
        summary="De versies van het perspectiefplan, nieuwste eerst",
        responses=s.PlanVersionSerializer(many=True),
    )
    def get(self, request, case_uuid):
        case = _case(request, case_uuid)
        versions = selectors.perspectiefplan_versions(actor=request.user, case=case)
        return Response(s.PlanVersionSerializer(versions, many=True).data)

    @extend_schema(
        operation_id="cases_perspectiefplan_create",
        summary="Het plan opslaan als nieuwe versie (based_on: de versie waarvan u uitging)",
        request=s.PlanSaveSerializer,
        responses={201: s.PlanVersionSerializer},
    )
    @idempotent
    def post(self, request, case_uuid):
        case = _case(request, case_uuid, write=True)
        data = validated(s.PlanSaveSerializer, request.data)
        version = plan_services.perspectiefplan_save(
            actor=request.user,
            case=case,
            family_question=data["family_question"],
            analysis=[dict(row) for row in data["analysis"]],
            agreements=[dict(row) for row in data["agreements"]],
            based_on=data["based_on"],
        )
        return Response(s.PlanVersionSerializer(version).data, status=status.HTTP_201_CREATED)


class PlanVersionView(APIView):
    @extend_schema(
        operation_id="cases_perspectiefplan_retrieve",
        summary="Eén versie van het perspectiefplan",
        responses=s.PlanVersionSerializer,
    )
    def get(self, request, case_uuid, number):
        case = _case(request, case_uuid)
        version, _versions = reads.plan_version(actor=request.user, case=case, number=number)
        return Response(s.PlanVersionSerializer(version).data)


class PlanPdfView(APIView):
    renderer_classes = [renderers.JSONRenderer, PdfRenderer]

    @extend_schema(
        operation_id="cases_perspectiefplan_pdf",
        summary="Eén versie van het perspectiefplan als pdf",
        responses=PDF,
    )
    def get(self, request, case_uuid, number):
        case = _case(request, case_uuid)
        version, _versions = reads.plan_version(actor=request.user, case=case, number=number)
        filename, data = render.plan_pdf(version)
        return _pdf(data, filename)


class PlanCompareView(APIView):
    @extend_schema(
        operation_id="cases_perspectiefplan_compare",
        summary="Twee versies vergelijken: elke regel verwijderd, toegevoegd of gelijk",
        parameters=[
            OpenApiParameter("van", int, required=True, description="de oudere versie"),
            OpenApiParameter("naar", int, required=True, description="de nieuwere versie"),
        ],
        responses=s.CompareLineSerializer(many=True),
    )
    def get(self, request, case_uuid):
        case = _case(request, case_uuid)
        params = validated(s.CompareParamsSerializer, request.query_params)
        older, _ = reads.plan_version(actor=request.user, case=case, number=params["van"])
        newer, _ = reads.plan_version(actor=request.user, case=case, number=params["naar"])
        lines = [
            {"change": CHANGES[sign], "line": line}
            for sign, line in selectors.plan_compare(older, newer)
        ]
        return Response(s.CompareLineSerializer(lines, many=True).data)


class PlanDefinitiveView(APIView):
    @extend_schema(
        operation_id="cases_perspectiefplan_definitive",
        summary="De nieuwste versie definitief maken, met wanneer en hoe het gezin instemde",
        request=s.PlanDefinitiveSerializer,
        responses=s.PlanVersionSerializer,
    )
    def post(self, request, case_uuid, number):
        case = _case(request, case_uuid, write=True)
        data = validated(s.PlanDefinitiveSerializer, request.data)
        version = plan_services.perspectiefplan_make_definitive(
            actor=request.user, case=case, number=number, **data
        )
        return Response(s.PlanVersionSerializer(version).data)


# --- the voorziening ---------------------------------------------------------------------------


def _voorziening_data(request, voorziening_uuid):
    row = guards_professional.voorziening_get(actor=request.user, voorziening_uuid=voorziening_uuid)
    return s.VoorzieningSerializer(row).data


class CaseVoorzieningenView(APIView):
    @extend_schema(
        operation_id="cases_voorzieningen_list",
        summary="De voorzieningen van de casus met hun geschiedenis",
        responses=s.VoorzieningSerializer(many=True),
    )
    def get(self, request, case_uuid):
        case = _case(request, case_uuid)
        rows = selectors.voorzieningen_of_case(actor=request.user, case=case)
        return Response(s.VoorzieningSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="cases_voorzieningen_create",
        summary="Een voorlopige voorziening voor een kind van het gezin",
        request=s.VoorzieningCreateSerializer,
        responses={201: s.VoorzieningSerializer},
    )
    @idempotent
    def post(self, request, case_uuid):
        case = _case(request, case_uuid, write=True)
        data = dict(validated(s.VoorzieningCreateSerializer, request.data))
        child = _by_uuid(reads.children_of(case), data.pop("child"))
        row = voorziening_services.voorziening_create(
            actor=request.user, case=case, child=child, **data
        )
        return Response(_voorziening_data(request, row.uuid), status=status.HTTP_201_CREATED)


class VoorzieningView(APIView):
    @extend_schema(
        operation_id="voorzieningen_retrieve",
        summary="Eén voorziening met haar geschiedenis",
        responses=s.VoorzieningSerializer,
    )
    def get(self, request, voorziening_uuid):
        return Response(_voorziening_data(request, voorziening_uuid))

    @extend_schema(
        operation_id="voorzieningen_update",
        summary="De voorziening wijzigen (de vorige stand blijft in de geschiedenis; een "
        "definitieve alleen met een reden)",
        request=s.VoorzieningUpdateSerializer,
        responses=s.VoorzieningSerializer,
    )
    def put(self, request, voorziening_uuid):
        row = guards_professional.voorziening_get(
            actor=request.user, voorziening_uuid=voorziening_uuid, for_change=True
        )
        data = dict(validated(s.VoorzieningUpdateSerializer, request.data))
        voorziening_services.voorziening_change(actor=request.user, voorziening=row, **data)
        return Response(_voorziening_data(request, row.uuid))


class VoorzieningDefinitiveView(APIView):
    @extend_schema(
        operation_id="voorzieningen_definitive",
        summary="De voorziening definitief maken",
        request=s.VersionSerializer,
        responses=s.VoorzieningSerializer,
    )
    def post(self, request, voorziening_uuid):
        row = guards_professional.voorziening_get(
            actor=request.user, voorziening_uuid=voorziening_uuid, for_change=True
        )
        data = validated(s.VersionSerializer, request.data)
        voorziening_services.voorziening_make_definitive(
            actor=request.user, voorziening=row, version=data["version"]
        )
        return Response(_voorziening_data(request, row.uuid))


# --- the referral ------------------------------------------------------------------------------


def _referral_data(request, referral_uuid):
    view = selectors.referral_view(actor=request.user, referral_uuid=referral_uuid)
    return s.ReferralViewSerializer(view).data


class CaseReferralsView(APIView):
    @extend_schema(
        operation_id="cases_verwijzingen_list",
        summary="De verwijzingen van de casus met de tijd van elke stap",
        responses=s.ReferralListItemSerializer(many=True),
    )
    def get(self, request, case_uuid):
        case = _case(request, case_uuid)
        rows = selectors.referrals_of_case(actor=request.user, case=case)
        return Response(s.ReferralListItemSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="cases_verwijzingen_create",
        summary="Een verwijzing (concept) voor een kind: een gekozen aanbod of een verzoek om een "
        "match; het verwijsformat wordt gevuld uit het dossier",
        request=s.ReferralCreateSerializer,
        responses={201: s.ReferralViewSerializer},
    )
    @idempotent
    def post(self, request, case_uuid):
        case = _case(request, case_uuid, write=True)
        data = validated(s.ReferralCreateSerializer, request.data)
        voorzieningen = selectors.voorzieningen_of_case(actor=request.user, case=case)
        stadsdelen = reads.stadsdelen_for(case, client_professional_of(request.user))
        made = referral_services.referral_create(
            actor=request.user,
            case=case,
            child=_by_uuid(reads.children_of(case), data["child"]),
            voorziening=_by_uuid(voorzieningen, data["voorziening"]),
            request_kind=data["request_kind"],
            requested_programme=reads.programme_by_uuid(data["requested_programme"]),
            stadsdeel=_by_uuid(stadsdelen, data["stadsdeel"]),
        )
        return Response(_referral_data(request, made.uuid), status=status.HTTP_201_CREATED)


class ReferralView(APIView):
    @extend_schema(
        operation_id="verwijzingen_retrieve",
        summary="Eén verwijzing zoals uw partij in de keten haar ziet (professional, "
        "gebiedsknooppunt of aanbieder)",
        responses=s.ReferralViewSerializer,
    )
    def get(self, request, referral_uuid):
        return Response(_referral_data(request, referral_uuid))


class ReferralFormView(APIView):
    @extend_schema(
        operation_id="verwijzingen_verwijsformat_update",
        summary="Het verwijsformat aanvullen zolang het een concept is (alleen de gegeven "
        "velden; de toestemming komt bij het verzenden uit het register)",
        request=s.ReferralFormSaveSerializer,
        responses=s.ReferralViewSerializer,
    )
    def put(self, request, referral_uuid):
        referral, party, _decision = guards.referral_get_for_step(
            actor=request.user, referral_uuid=referral_uuid, action=Action.UPDATE
        )
        guards.party_required(request.user, referral, party, Party.PROFESSIONAL, Action.UPDATE)
        data = validated(s.ReferralFormSaveSerializer, request.data)
        referral_services.referral_form_save(
            actor=request.user,
            referral_uuid=referral.uuid,
            form=data["form"],
            version=data["version"],
        )
        return Response(_referral_data(request, referral.uuid))


class ReferralSendView(APIView):
    @extend_schema(
        operation_id="verwijzingen_send",
        summary="Verzenden naar het gebiedsknooppunt: alleen compleet, met een plan en met de "
        "toestemming van het gezin",
        request=s.VersionSerializer,
        responses=s.ReferralViewSerializer,
    )
    def post(self, request, referral_uuid):
        data = validated(s.VersionSerializer, request.data)
        referral_services.referral_send(
            actor=request.user, referral_uuid=referral_uuid, version=data["version"]
        )
        return Response(_referral_data(request, referral_uuid))


class ReferralWithdrawView(APIView):
    @extend_schema(
        operation_id="verwijzingen_withdraw",
        summary="Intrekken met de reden (tot de aanbieder accepteerde)",
        request=s.WithdrawSerializer,
        responses=s.ReferralViewSerializer,
    )
    def post(self, request, referral_uuid):
        data = validated(s.WithdrawSerializer, request.data)
        referral_services.referral_withdraw(
            actor=request.user,
            referral_uuid=referral_uuid,
            reason=data["reason"],
            version=data["version"],
        )
        return Response(_referral_data(request, referral_uuid))


class DocumentView(APIView):
    renderer_classes = [renderers.JSONRenderer, PdfRenderer]

    @extend_schema(
        operation_id="verwijzing_documenten_retrieve",
        summary="Een document van de verwijzing als pdf (elke opening wordt gelogd en "
        "vastgelegd als levering; de aanbieder alleen vrijgegeven documenten, zolang de "
        "toestemming geldt)",
        responses=PDF,
    )
    def get(self, request, document_uuid):
        document, data = document_services.document_open(
            actor=request.user, document_uuid=document_uuid
        )
        return _pdf(data, document.sealed.filename or f"{document.kind}.pdf")


urlpatterns = [
    path(
        "casussen/<uuid:case_uuid>/perspectiefplan/",
        PlanView.as_view(),
        name="api-verwijzing-plan",
    ),
    path(
        "casussen/<uuid:case_uuid>/perspectiefplan/vergelijken/",
        PlanCompareView.as_view(),
        name="api-verwijzing-plan-compare",
    ),
    path(
        "casussen/<uuid:case_uuid>/perspectiefplan/<int:number>/",
        PlanVersionView.as_view(),
        name="api-verwijzing-plan-version",
    ),
    path(
        "casussen/<uuid:case_uuid>/perspectiefplan/<int:number>/pdf/",
        PlanPdfView.as_view(),
        name="api-verwijzing-plan-pdf",
    ),
    path(
        "casussen/<uuid:case_uuid>/perspectiefplan/<int:number>/definitief/",
        PlanDefinitiveView.as_view(),
        name="api-verwijzing-plan-definitive",
    ),
    path(
        "casussen/<uuid:case_uuid>/voorzieningen/",
        CaseVoorzieningenView.as_view(),
        name="api-verwijzing-voorzieningen",
    ),
    path(
        "voorzieningen/<uuid:voorziening_uuid>/",
        VoorzieningView.as_view(),
        name="api-verwijzing-voorziening",
    ),
    path(
        "voorzieningen/<uuid:voorziening_uuid>/definitief/",
        VoorzieningDefinitiveView.as_view(),
        name="api-verwijzing-voorziening-definitive",
    ),
    path(
        "casussen/<uuid:case_uuid>/verwijzingen/",
        CaseReferralsView.as_view(),
        name="api-verwijzing-case-referrals",
    ),
    path("verwijzingen/<uuid:referral_uuid>/", ReferralView.as_view(), name="api-verwijzing"),
    path(
        "verwijzingen/<uuid:referral_uuid>/verwijsformat/",
        ReferralFormView.as_view(),
        name="api-verwijzing-form",
    ),
    path(
        "verwijzingen/<uuid:referral_uuid>/verzenden/",
        ReferralSendView.as_view(),
        name="api-verwijzing-send",
    ),
    path(
        "verwijzingen/<uuid:referral_uuid>/intrekken/",
        ReferralWithdrawView.as_view(),
        name="api-verwijzing-withdraw",
    ),
    path(
        "verwijzing-documenten/<uuid:document_uuid>/",
        DocumentView.as_view(),
        name="api-verwijzing-document",
    ),
]
