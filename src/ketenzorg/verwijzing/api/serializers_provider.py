"""API shapes of the provider's side. The meaning (state, party, dates, consent) is the
services'; these only say what comes in and what goes out."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from ketenzorg import ijw
from ketenzorg.verwijzing.models import (
    Frequency,
    ReferralStatus,
    VolumeUnit,
    VoorzieningStatus,
)
from ketenzorg.verwijzing.selectors import PROVIDER_GROUPS

REQUESTABLE = ["perspectiefplan", "voorziening"]


@extend_schema_serializer(component_name="ProviderReferralChild")
class ChildSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField(source="full_name")
    birth_date = serializers.DateField(source="birthdate")


@extend_schema_serializer(component_name="ProviderReferralProgramme")
class ProgrammeSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()


@extend_schema_serializer(component_name="ProviderReferralVoorziening")
class VoorzieningSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    ijw_category = serializers.CharField()
    product_code = serializers.CharField()
    volume = serializers.IntegerField()
    unit = serializers.ChoiceField(choices=VolumeUnit.choices)
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    status = serializers.ChoiceField(choices=VoorzieningStatus.choices)


@extend_schema_serializer(component_name="ProviderReferralDocuments")
class DocumentStateSerializer(serializers.Serializer):
    requested = serializers.DictField(
        child=serializers.DateTimeField(),
        help_text="Opgevraagd en nog niet vrijgegeven: soort -> wanneer opgevraagd.",
    )
    released = serializers.ListField(child=serializers.CharField())


@extend_schema_serializer(component_name="ProviderReferral")
class ReferralSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    version = serializers.IntegerField(
        help_text="Stuur mee bij een stap: een oudere versie geeft 409."
    )
    child = ChildSerializer()
    programme = ProgrammeSerializer(source="matched_programme", allow_null=True)
    voorziening = VoorzieningSerializer()
    assignment_number = serializers.CharField()
    forwarded_at = serializers.DateTimeField(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)
    first_contact_at = serializers.DateTimeField(allow_null=True)
    care_started_on = serializers.DateField(allow_null=True)
    care_ended_on = serializers.DateField(allow_null=True)
    documents = serializers.SerializerMethodField()

    @extend_schema_field(DocumentStateSerializer(allow_null=True))
    def get_documents(self, referral):
        state = self.context.get("documents", {}).get(referral.pk)
        if state is None:
            return None
        return {"requested": state.requested, "released": sorted(state.released)}


@extend_schema_serializer(component_name="ProviderReferralList")
class ReferralListSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=list(PROVIDER_GROUPS))
    counts = serializers.DictField(child=serializers.IntegerField())
    results = ReferralSerializer(many=True)


@extend_schema_serializer(component_name="ProviderReferralDeclined")
class DeclinedSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    status = serializers.ChoiceField(choices=ReferralStatus.choices)


@extend_schema_serializer(component_name="ProviderListParams")
class ListParamsSerializer(serializers.Serializer):
    groep = serializers.ChoiceField(choices=list(PROVIDER_GROUPS), default="nieuw")


class _Versioned(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, default=None,
        help_text="De versie van de verwijzing waarop deze stap is gebaseerd.",
    )  # fmt: skip


@extend_schema_serializer(component_name="ProviderAccept")
class AcceptSerializer(_Versioned):
    pass


@extend_schema_serializer(component_name="ProviderDecline")
class DeclineSerializer(_Versioned):
    reason = serializers.CharField(max_length=5000)


@extend_schema_serializer(component_name="ProviderDocumentsRequest")
class DocumentsRequestSerializer(_Versioned):
    kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=REQUESTABLE), min_length=1, max_length=2
    )


@extend_schema_serializer(component_name="ProviderDocumentRequest")
class DocumentRequestSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kind = serializers.CharField()
    requested_at = serializers.DateTimeField()
    fulfilled_at = serializers.DateTimeField(allow_null=True)


@extend_schema_serializer(component_name="ProviderFirstContact")
class FirstContactSerializer(_Versioned):
    contacted_at = serializers.DateTimeField(
        help_text="Niet in de toekomst, niet vóór het doorsturen."
    )
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


@extend_schema_serializer(component_name="ProviderStartCare")
class StartCareSerializer(_Versioned):
    on = serializers.DateField()


@extend_schema_serializer(component_name="ProviderEndCare")
class EndCareSerializer(_Versioned):
    on = serializers.DateField()
    reason = serializers.ChoiceField(
        choices=[(r.value, r.value) for r in ijw.StopReason],
        help_text="Reden van beëindiging (JW307): 01 volgens plan, 02 in overeenstemming, "
        "03 eenzijdig door de cliënt, 04 eenzijdig door de aanbieder, 99 overig.",
    )
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
