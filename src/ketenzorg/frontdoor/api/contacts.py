"""Contact moments: registering, reading, and 'meer hulp regelen' from one."""

from __future__ import annotations

from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.api.idempotency import idempotent
from ketenzorg.api.input import validated
from ketenzorg.api.problems import PROBLEM_CONTENT_TYPE as PROBLEM
from ketenzorg.audit.models import Action
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.frontdoor import guards, selectors, services
from ketenzorg.frontdoor.api.common import (
    PAGE_SIZE,
    PROBLEMS,
    more_help,
)
from ketenzorg.frontdoor.serializers import (
    ContactCreateSerializer,
    ContactMomentPageSerializer,
    ContactMomentSerializer,
    ContactParams,
    HandedProgrammeSerializer,
    HandProgrammeSerializer,
    MoreHelpResultSerializer,
    MoreHelpSerializer,
)
from ketenzorg.frontdoor.subjects import contact_subjects
from ketenzorg.network.models import Professional


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
    @idempotent
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
    @idempotent
    def post(self, request, contact_uuid):
        moment = selectors.contact_get(actor=request.user, contact_uuid=contact_uuid)
        return more_help(
            request,
            source=moment,
            object_type="frontdoor.ContactMoment",
            subjects=contact_subjects(moment),
            arrange=lambda data: services.contact_more_help(
                actor=request.user, moment=moment, data=data
            ),
        )


class ContactHandedView(APIView):
    @extend_schema(
        operation_id="frontdoor_contact_moments_programmes_list",
        summary="Aanbod dat bij een contactmoment is meegegeven (opvoedadviseurs)",
        responses={200: HandedProgrammeSerializer(many=True), **PROBLEMS},
    )
    def get(self, request, contact_uuid):
        moment = selectors.contact_get(actor=request.user, contact_uuid=contact_uuid)
        return Response(
            HandedProgrammeSerializer(selectors.handed_programmes(moment), many=True).data
        )

    @extend_schema(
        operation_id="frontdoor_contact_moments_programmes_hand",
        summary="Aanbod meegeven: afgedrukt, of de openbare pagina gemaild naar de ouder",
        request=HandProgrammeSerializer,
        responses={201: HandedProgrammeSerializer, **PROBLEMS},
    )
    @idempotent
    def post(self, request, contact_uuid):
        moment = selectors.contact_get(actor=request.user, contact_uuid=contact_uuid)
        guards.adviser_required(
            request.user, action=Action.CREATE, object_type="frontdoor.HandedProgramme",
            object_uuid=moment.uuid, subjects=contact_subjects(moment),
        )  # fmt: skip
        data = validated(HandProgrammeSerializer, request.data)
        handed = services.programme_hand(
            actor=request.user, moment=moment, programme_uuid=data["programme"], way=data["way"],
            email=data["email"],
        )  # fmt: skip
        return Response(HandedProgrammeSerializer(handed).data, status=status.HTTP_201_CREATED)
