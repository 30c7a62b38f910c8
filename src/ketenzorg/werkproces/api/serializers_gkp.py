"""API shapes of the GKP-overleg. The meaning (stadsdeel, step, consent, once) is the service's."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from ketenzorg.api.fields import RelatedByUuid
from ketenzorg.consent.models import DossierPart
from ketenzorg.coordination.serializers import ProfessionalRefSerializer
from ketenzorg.network.models import District, DistrictKind, Professional
from ketenzorg.werkproces import rules_gkp
from ketenzorg.werkproces.models import AjhKind, GkpItemStatus, GkpMeeting


@extend_schema_serializer(component_name="GkpStadsdeel")
class StadsdeelRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()


@extend_schema_serializer(component_name="GkpMeeting")
class MeetingSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    stadsdeel = StadsdeelRefSerializer()
    starts_at = serializers.DateTimeField()
    location = serializers.CharField()
    series = serializers.UUIDField(allow_null=True)


@extend_schema_serializer(component_name="GkpMeetingListItem")
class MeetingListItemSerializer(MeetingSerializer):
    items = serializers.IntegerField(source="n_items", help_text="Agendapunten, niet ingetrokken.")
    without_outcome = serializers.IntegerField(source="n_open")


@extend_schema_serializer(component_name="GkpOutcome")
class OutcomeSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    advice = serializers.CharField()
    ajh_kind = serializers.ChoiceField(choices=AjhKind.choices)
    follow_up_by = ProfessionalRefSerializer()
    recorded_by = ProfessionalRefSerializer()
    recorded_at = serializers.DateTimeField()
    corrects = serializers.UUIDField(source="corrects.uuid", allow_null=True, default=None)
    correction_reason = serializers.CharField()


@extend_schema_serializer(component_name="GkpItem")
class ItemSerializer(serializers.Serializer):
    """An agenda item as its reader may see it (`selectors_gkp.ItemView`)."""

    uuid = serializers.UUIDField(source="item.uuid")
    meeting = serializers.UUIDField(source="item.meeting.uuid")
    case = serializers.SerializerMethodField(help_text="Alleen voor wie de casus werkt.")
    status = serializers.ChoiceField(source="item.status", choices=GkpItemStatus.choices)
    asked_by = ProfessionalRefSerializer(source="item.asked_by")
    asked_at = serializers.DateTimeField(source="item.asked_at")
    question = serializers.CharField(source="item.question")
    summary = serializers.CharField(source="item.summary")
    identified = serializers.BooleanField(source="item.identified")
    family = serializers.UUIDField(
        source="family.uuid",
        allow_null=True,
        default=None,
        help_text="Alleen op naam en zolang de toestemming het delen dekt.",
    )
    family_name = serializers.CharField(source="family.name", allow_null=True, default=None)
    shared_parts = serializers.ListField(child=serializers.ChoiceField(choices=DossierPart.choices))
    consent_withdrawn = serializers.BooleanField()
    withdrawal_reason = serializers.CharField(source="item.withdrawal_reason")
    outcomes = OutcomeSerializer(many=True, help_text="Oudste eerst; de laatste geldt.")

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_case(self, view):
        return str(view.item.werkproces.case.uuid) if view.as_case_worker else None


@extend_schema_serializer(component_name="GkpMeetingDetail")
class MeetingDetailSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(source="meeting.uuid")
    stadsdeel = StadsdeelRefSerializer(source="meeting.stadsdeel")
    starts_at = serializers.DateTimeField(source="meeting.starts_at")
    location = serializers.CharField(source="meeting.location")
    upcoming = serializers.BooleanField()
    items = ItemSerializer(many=True)


def _stadsdelen():
    return District.objects.filter(kind=DistrictKind.STADSDEEL)


@extend_schema_serializer(component_name="GkpMeetingPlan")
class PlanSerializer(serializers.Serializer):
    stadsdeel = RelatedByUuid(slug_field="uuid", queryset=_stadsdelen())
    first = serializers.DateField(help_text="De datum van het eerste overleg, in de toekomst.")
    at = serializers.TimeField(help_text="Het tijdstip (Europe/Amsterdam), bijv. 13:00.")
    every_weeks = serializers.IntegerField(min_value=1, max_value=rules_gkp.MAX_EVERY_WEEKS)
    count = serializers.IntegerField(min_value=1, max_value=rules_gkp.MAX_SERIES)
    location = serializers.CharField(max_length=200)


@extend_schema_serializer(component_name="GkpCaseMeetingsParams")
class CaseMeetingsParamsSerializer(serializers.Serializer):
    stadsdeel = RelatedByUuid(
        slug_field="uuid", queryset=_stadsdelen(), required=False, allow_null=True, default=None
    )


@extend_schema_serializer(component_name="GkpItemCreate")
class ItemCreateSerializer(serializers.Serializer):
    meeting = RelatedByUuid(slug_field="uuid", queryset=GkpMeeting.objects.all())
    question = serializers.CharField(max_length=5000)
    summary = serializers.CharField(
        max_length=5000, help_text="Zonder namen, adressen of geboortedata."
    )
    identified = serializers.BooleanField(default=False)
    shared_parts = serializers.ListField(
        child=serializers.ChoiceField(choices=DossierPart.choices),
        required=False,
        default=list,
        max_length=len(DossierPart.values),
    )


@extend_schema_serializer(component_name="GkpOutcomeCreate")
class OutcomeCreateSerializer(serializers.Serializer):
    advice = serializers.CharField(max_length=5000)
    ajh_kind = serializers.ChoiceField(choices=AjhKind.choices)
    follow_up_by = RelatedByUuid(
        slug_field="uuid", queryset=Professional.objects.filter(is_active=True)
    )
    correction_reason = serializers.CharField(
        max_length=5000,
        required=False,
        allow_null=True,
        default=None,
        help_text="Alleen bij een correctie van de uitkomst die er al is: waarom.",
    )


@extend_schema_serializer(component_name="GkpItemWithdraw")
class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)
