"""The referral's API for the provider side: its list, its steps and the iJw export — the same
guards, selectors and services as the screens. A step is refused (and logged) before its input
is read, so a caller without a part in the referral gets 403/404 and never a 400 that reveals
the input's shape; a step on an older version of the referral is a 409 problem."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg import ijw
from ketenzorg.api.idempotency import idempotent
from ketenzorg.api.input import validated
from ketenzorg.audit.models import Action
from ketenzorg.verwijzing import guards, ijw_export, rules, selectors, selectors_ijw
from ketenzorg.verwijzing.api import serializers_provider as s
from ketenzorg.verwijzing.models import Party
from ketenzorg.verwijzing.services import documents as document_services
from ketenzorg.verwijzing.services import referral as services
from ketenzorg.verwijzing.services._common import check_version

KIND = OpenApiParameter(
    "kind",
    str,
    OpenApiParameter.PATH,
    enum=list(ijw_export.KINDS),
    description="JW315 verzoek om toewijzing, JW301 toewijzing, JW305 start zorg, JW307 stop zorg",
)


def _provider_only(request, referral_uuid, action=Action.UPDATE):
    referral, party, _decision = guards.referral_get_for_step(
        actor=request.user, referral_uuid=referral_uuid, action=action
    )
    guards.party_required(request.user, referral, party, Party.PROVIDER, action)
    return referral


def _referral(referral):
    return s.ReferralSerializer(referral).data


class ListView(APIView):
    @extend_schema(
        operation_id="verwijzingen_aanbieder_list",
        summary="Verwijzingen doorgestuurd aan mijn organisatie, per groep (nieuw, lopend, "
        "afgerond), met de aantallen",
        parameters=[OpenApiParameter("groep", str, enum=list(selectors.PROVIDER_GROUPS))],
        responses=s.ReferralListSerializer,
    )
    def get(self, request):
        params = validated(s.ListParamsSerializer, request.query_params)
        listed = selectors.provider_referrals(actor=request.user, group=params["groep"])
        return Response(
            {
                "group": params["groep"],
                "counts": listed.counts,
                "results": s.ReferralSerializer(
                    listed.referrals, many=True, context={"documents": listed.documents}
                ).data,
            }
        )


def _step_schema(operation_id, summary, request, responses=None):
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        request=request,
        responses=responses or s.ReferralSerializer,
    )


class AcceptView(APIView):
    @_step_schema(
        "verwijzingen_accepteren", "De verwijzing accepteren (aanbieder)", s.AcceptSerializer
    )
    @idempotent
    def post(self, request, referral_uuid):
        _provider_only(request, referral_uuid)
        data = validated(s.AcceptSerializer, request.data)
        return Response(
            _referral(
                services.referral_accept(
                    actor=request.user, referral_uuid=referral_uuid, version=data["version"]
                )
            )
        )


class DeclineView(APIView):
    @_step_schema(
        "verwijzingen_afwijzen",
        "De verwijzing afwijzen met de reden: terug naar het gebiedsknooppunt; daarna ziet de "
        "aanbieder haar niet meer",
        s.DeclineSerializer,
        s.DeclinedSerializer,
    )
    @idempotent
    def post(self, request, referral_uuid):
        _provider_only(request, referral_uuid)
        data = validated(s.DeclineSerializer, request.data)
        referral = services.referral_decline(
            actor=request.user, referral_uuid=referral_uuid, **data
        )
        return Response(s.DeclinedSerializer(referral).data)


class DocumentsView(APIView):
    @_step_schema(
        "verwijzingen_documenten_opvragen",
        "Het definitieve perspectiefplan en/of de voorziening opvragen: meteen vrijgegeven als "
        "die definitief zijn, anders zodra de professional ze definitief maakt",
        s.DocumentsRequestSerializer,
        {201: s.DocumentRequestSerializer(many=True)},
    )
    @idempotent
    def post(self, request, referral_uuid):
        referral = _provider_only(request, referral_uuid, Action.CREATE)
        data = validated(s.DocumentsRequestSerializer, request.data)
        check_version(referral.version, data["version"], rules.STALE)
        made = document_services.documents_request(
            actor=request.user, referral_uuid=referral_uuid, kinds=data["kinds"]
        )
        return Response(s.DocumentRequestSerializer(made, many=True).data, status=201)


class FirstContactView(APIView):
    @_step_schema(
        "verwijzingen_eerste_contact",
        "Het eerste contact met het gezin vastleggen (niet in de toekomst)",
        s.FirstContactSerializer,
    )
    @idempotent
    def post(self, request, referral_uuid):
        _provider_only(request, referral_uuid)
        data = validated(s.FirstContactSerializer, request.data)
        return Response(
            _referral(
                services.referral_first_contact(
                    actor=request.user, referral_uuid=referral_uuid, **data
                )
            )
        )


class StartCareView(APIView):
    @_step_schema(
        "verwijzingen_start_zorg", "De start van de hulp vastleggen", s.StartCareSerializer
    )
    @idempotent
    def post(self, request, referral_uuid):
        _provider_only(request, referral_uuid)
        data = validated(s.StartCareSerializer, request.data)
        return Response(
            _referral(
                services.referral_start_care(
                    actor=request.user, referral_uuid=referral_uuid, **data
                )
            )
        )


class EndCareView(APIView):
    @_step_schema(
        "verwijzingen_einde_zorg",
        "Het einde van de hulp vastleggen, met de reden van beëindiging (JW307)",
        s.EndCareSerializer,
    )
    @idempotent
    def post(self, request, referral_uuid):
        _provider_only(request, referral_uuid)
        data = validated(s.EndCareSerializer, request.data)
        return Response(
            _referral(
                services.referral_end_care(
                    actor=request.user,
                    referral_uuid=referral_uuid,
                    on=data["on"],
                    reason=ijw_export.stop_reason_text(data["reason"], data["note"]),
                    version=data["version"],
                )
            )
        )


class IjwMessageView(APIView):
    @extend_schema(
        operation_id="verwijzingen_ijw_retrieve",
        summary="Het iJw-bericht van de verwijzing als JSON (docs/ijw.md); met het BSN, elke "
        "opvraag wordt gelogd. 409 als het bericht (nog) niet bestaat of de jeugdige geen BSN heeft",
        parameters=[KIND],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="docs/ijw.md, JSON")},
    )
    def get(self, request, referral_uuid, kind):
        message = selectors_ijw.ijw_message(
            actor=request.user, referral_uuid=referral_uuid, kind=kind
        )
        response = Response(ijw.to_json(message))
        response["Cache-Control"] = "no-store"
        return response


class IjwXmlView(APIView):
    @extend_schema(
        operation_id="verwijzingen_ijw_xml_retrieve",
        summary="Hetzelfde iJw-bericht als XML (tegen de XSD van docs/ijw.md)",
        parameters=[KIND],
        responses={(200, "application/xml"): OpenApiTypes.STR},
    )
    def get(self, request, referral_uuid, kind):
        message = selectors_ijw.ijw_message(
            actor=request.user, referral_uuid=referral_uuid, kind=kind
        )
        response = HttpResponse(ijw.to_xml(message), content_type="application/xml")
        response["Cache-Control"] = "no-store"
        return response


BASE = "verwijzingen/<uuid:referral_uuid>/"
urlpatterns = [
    path("verwijzingen/aanbieder/", ListView.as_view(), name="api-verwijzing-provider-list"),
    path(f"{BASE}accepteren/", AcceptView.as_view(), name="api-verwijzing-accept"),
    path(f"{BASE}afwijzen/", DeclineView.as_view(), name="api-verwijzing-decline"),
    path(
        f"{BASE}documenten-opvragen/",
        DocumentsView.as_view(),
        name="api-verwijzing-request-documents",
    ),
    path(f"{BASE}eerste-contact/", FirstContactView.as_view(), name="api-verwijzing-first-contact"),
    path(f"{BASE}start-zorg/", StartCareView.as_view(), name="api-verwijzing-start-care"),
    path(f"{BASE}einde-zorg/", EndCareView.as_view(), name="api-verwijzing-end-care"),
    path(f"{BASE}ijw/<str:kind>/", IjwMessageView.as_view(), name="api-verwijzing-ijw"),
    path(f"{BASE}ijw/<str:kind>/xml/", IjwXmlView.as_view(), name="api-verwijzing-ijw-xml"),
]
