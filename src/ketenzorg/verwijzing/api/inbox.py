"""The gebiedsknooppunt's API: the inbox per column, take, the candidates and the match, and
forward — the same guards, selectors and services as the screens.

A step is refused (and logged) before its body is read, so a refused caller gets 403/404 and
never a 400 that tells the input's shape. A stale `version` or a step the state does not
allow is a 409 problem; missing input, an unknown programme or a missing consent of the
family a 400 problem, with nothing written. The steps change a state and create nothing, so
they take no Idempotency-Key: a retry with the same `version` is a 409, never a second step.
"""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.api.input import validated
from ketenzorg.audit.models import Action
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.verwijzing import guards, guards_inbox, selectors_inbox
from ketenzorg.verwijzing.api import serializers_inbox as s
from ketenzorg.verwijzing.services import referral as services

NOT_MATCHED = "De match is niet vastgelegd."


class InboxView(APIView):
    @extend_schema(
        operation_id="verwijzingen_gebiedsknooppunt_list",
        summary="De verwijzingen naar mijn stadsdelen per kolom: nieuw, matching, wacht op "
        "aanbieder, geplaatst (met aantallen; hoogstens 200 per kolom)",
        parameters=[
            OpenApiParameter("stadsdeel", str, description="uuid van een van mijn stadsdelen")
        ],
        responses=s.InboxSerializer,
    )
    def get(self, request):
        guards.inbox_allowed(actor=request.user)
        params = validated(s.InboxParamsSerializer, request.query_params)
        stadsdelen, stadsdeel = selectors_inbox.verbinder_stadsdelen(request.user), None
        if params["stadsdeel"] is not None:
            stadsdeel = next((d for d in stadsdelen if d.uuid == params["stadsdeel"]), None)
            if stadsdeel is None:
                message = gettext("Kies een stadsdeel waarvoor u werkt.")
                raise ValidationFailed(message, field_errors={"stadsdeel": [message]})
        page = selectors_inbox.inbox_page(
            actor=request.user, stadsdeel=stadsdeel, stadsdelen=stadsdelen
        )
        return Response(s.InboxSerializer(page).data)


class TakeView(APIView):
    @extend_schema(
        operation_id="verwijzingen_take",
        summary="Een nieuwe verwijzing oppakken (AJH-verbinder van het stadsdeel)",
        request=s.StepSerializer,
        responses=s.ReferralSerializer,
    )
    def post(self, request, referral_uuid):
        guards_inbox.referral_for_verbinder(actor=request.user, referral_uuid=referral_uuid)
        data = validated(s.StepSerializer, request.data)
        referral = services.referral_take(
            actor=request.user, referral_uuid=referral_uuid, version=data["version"]
        )
        return Response(s.ReferralSerializer(referral).data)


class MatchView(APIView):
    @extend_schema(
        operation_id="verwijzingen_candidates_list",
        summary="Het aanbod dat de verwijzing kan oppakken, naast elkaar: categorie, leeftijd, "
        "wijk, capaciteit en wachttijd",
        parameters=[
            OpenApiParameter("passend", bool, description="alleen passend aanbod (standaard: nee)")
        ],
        responses=s.CandidatesSerializer,
    )
    def get(self, request, referral_uuid):
        guards_inbox.referral_for_verbinder(
            actor=request.user, referral_uuid=referral_uuid, action=Action.READ
        )
        params = validated(s.CandidatesParamsSerializer, request.query_params)
        view = selectors_inbox.match_view(
            actor=request.user, referral_uuid=referral_uuid, only_fitting=params["passend"]
        )
        return Response(s.CandidatesSerializer(view).data)

    @extend_schema(
        operation_id="verwijzingen_match",
        summary="Een aanbod matchen en terugmelden aan de professional",
        request=s.MatchSerializer,
        responses=s.ReferralSerializer,
    )
    def post(self, request, referral_uuid):
        guards_inbox.referral_for_verbinder(actor=request.user, referral_uuid=referral_uuid)
        data = validated(s.MatchSerializer, request.data)
        programme = selectors_inbox.published_programme(data["programme"])
        if programme is None:
            raise ValidationFailed(
                gettext(NOT_MATCHED),
                field_errors={"programme": [gettext("Kies een aanbod uit de catalogus.")]},
            )
        referral = services.referral_match(
            actor=request.user,
            referral_uuid=referral_uuid,
            programme=programme,
            note=data["note"],
            version=data["version"],
        )
        return Response(s.ReferralSerializer(referral).data)


class ForwardView(APIView):
    @extend_schema(
        operation_id="verwijzingen_forward",
        summary="De gematchte verwijzing doorsturen naar de aanbieder (alleen met toestemming "
        "van het gezin voor die aanbieder)",
        request=s.StepSerializer,
        responses=s.ReferralSerializer,
    )
    def post(self, request, referral_uuid):
        guards_inbox.referral_for_verbinder(actor=request.user, referral_uuid=referral_uuid)
        data = validated(s.StepSerializer, request.data)
        referral = services.referral_forward(
            actor=request.user, referral_uuid=referral_uuid, version=data["version"]
        )
        return Response(s.ReferralSerializer(referral).data)


urlpatterns = [
    path(
        "verwijzingen/gebiedsknooppunt/",
        InboxView.as_view(),
        name="api-verwijzing-inbox",
    ),
    path(
        "verwijzingen/<uuid:referral_uuid>/oppakken/",
        TakeView.as_view(),
        name="api-verwijzing-take",
    ),
    path(
        "verwijzingen/<uuid:referral_uuid>/matchen/",
        MatchView.as_view(),
        name="api-verwijzing-match",
    ),
    path(
        "verwijzingen/<uuid:referral_uuid>/doorsturen/",
        ForwardView.as_view(),
        name="api-verwijzing-forward",
    ),
]
