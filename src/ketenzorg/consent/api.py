"""The consent registry in the API: the same selectors, services, access and log as the screens.

Each operation first finds the family or the consent through its guard (a refusal is
logged and answered 403/404), then validates the body, so a refused caller never
learns what the input should have been.
"""

from __future__ import annotations

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.api.idempotency import idempotent
from ketenzorg.api.input import validated
from ketenzorg.consent import explain, guards, selectors, services
from ketenzorg.consent import serializers as s
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.families import selectors as family_selectors


def _members(family, uuids, field: str, failed: str):
    found, unknown = selectors.members_by_uuid(family, uuids)
    if unknown:
        raise ValidationFailed(
            failed, field_errors={field: [gettext("Deze persoon hoort niet bij dit gezin.")]}
        )
    return found


class FamilyConsentsView(APIView):
    @extend_schema(
        operation_id="families_consents_list",
        summary="Toestemmingen van het gezin: geldende en ingetrokken, en wie vandaag toestemming geeft",
        responses=s.FamilyConsentsSerializer,
    )
    def get(self, request, family_uuid):
        family = family_selectors.family_get(actor=request.user, family_uuid=family_uuid)
        consents = list(selectors.consents_for_family(actor=request.user, family=family))
        members = selectors.family_members(family)
        return Response(
            s.FamilyConsentsSerializer(
                {
                    "current": [c for c in consents if not c.is_withdrawn],
                    "withdrawn": [c for c in consents if c.is_withdrawn],
                    "who_must_consent": explain.who_must_consent_today(
                        family, members, timezone.localdate()
                    ),
                }
            ).data
        )

    @extend_schema(
        operation_id="families_consents_create",
        summary="Toestemming vastleggen, per kind één (de leeftijdsregels van de Jeugdwet gelden)",
        request=s.ConsentCreateSerializer,
        responses={201: s.ConsentSerializer(many=True)},
    )
    @idempotent
    def post(self, request, family_uuid):
        family = family_selectors.family_get(actor=request.user, family_uuid=family_uuid)
        guards.consent_record_allowed(actor=request.user, family=family)
        data = validated(s.ConsentCreateSerializer, request.data)
        failed = gettext("De toestemming is niet vastgelegd.")
        consents = services.consent_record_for_children(
            actor=request.user,
            family=family,
            children=_members(family, data["children"], "children", failed),
            givers=_members(family, data["given_by"], "given_by", failed),
            purpose=data["purpose"],
            parts=data["parts"],
            method=data["method"],
            given_at=data["given_at"],
            recipient_organisation=data["recipient_organisation"],
            recipient_role=data["recipient_role"],
        )
        return Response(
            s.ConsentSerializer(consents, many=True).data, status=status.HTTP_201_CREATED
        )


class ConsentWithdrawView(APIView):
    @extend_schema(
        operation_id="consents_withdraw",
        summary="Toestemming intrekken: verder delen stopt direct; wat al gedeeld is, blijft gedeeld",
        request=s.ConsentWithdrawSerializer,
        responses=s.ConsentSerializer,
    )
    def post(self, request, consent_uuid):
        consent = guards.consent_get_for_withdraw(actor=request.user, consent_uuid=consent_uuid)
        data = validated(s.ConsentWithdrawSerializer, request.data)
        failed = gettext("De toestemming is niet ingetrokken.")
        (withdrawn_by,) = _members(consent.family, [data["withdrawn_by"]], "withdrawn_by", failed)
        withdrawn = services.consent_withdraw(
            actor=request.user,
            consent_uuid=consent.uuid,
            withdrawn_by=withdrawn_by,
            note=data["note"],
        )
        return Response(s.ConsentSerializer(withdrawn).data)


urlpatterns = [
    path(
        "gezinnen/<uuid:family_uuid>/toestemmingen/",
        FamilyConsentsView.as_view(),
        name="api-family-consents",
    ),
    path(
        "toestemmingen/<uuid:consent_uuid>/intrekken/",
        ConsentWithdrawView.as_view(),
        name="api-consent-withdraw",
    ),
]
