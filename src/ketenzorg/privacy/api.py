"""The access log of a person, for the privacy officer."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.views import APIView

from ketenzorg.api.pagination import Pagination
from ketenzorg.audit.models import AuditEntry
from ketenzorg.audit.selectors import access_log_for_person
from ketenzorg.families import selectors as family_selectors


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


urlpatterns = [
    path(
        "personen/<uuid:person_uuid>/toegangslog/",
        PersonAccessLogView.as_view(),
        name="api-person-access-log",
    ),
]
