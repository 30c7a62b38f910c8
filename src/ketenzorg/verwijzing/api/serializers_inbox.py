"""API shapes of the gebiedsknooppunt's side of a referral. The meaning (who, which state,
which consent) is the service's; states are plain strings here, listed in the help text, so
the schema's enums stay those of the professional's part."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from ketenzorg.verwijzing import rules

STATUS_HELP = "Status van de verwijzing: " + ", ".join(rules.STATES) + "."


@extend_schema_serializer(component_name="VerwijzingInboxStadsdeel")
class StadsdeelSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()


@extend_schema_serializer(component_name="VerwijzingInboxOrganisation")
class OrganisationRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()


@extend_schema_serializer(component_name="VerwijzingInboxProgrammeRef")
class ProgrammeRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()
    provider = OrganisationRefSerializer()


@extend_schema_serializer(component_name="VerwijzingInboxVoorziening")
class VoorzieningSerializer(serializers.Serializer):
    ijw_category = serializers.CharField(help_text="iJw-productcategorie (code).")
    ijw_category_label = serializers.CharField(source="get_ijw_category_display")
    volume = serializers.IntegerField()
    unit = serializers.CharField(source="get_unit_display")
    frequency = serializers.CharField(source="get_frequency_display")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


@extend_schema_serializer(component_name="VerwijzingAtGebiedsknooppunt")
class ReferralSerializer(serializers.Serializer):
    """A referral as the gebiedsknooppunt works it: the request and where the match stands."""

    uuid = serializers.UUIDField()
    status = serializers.CharField(help_text=STATUS_HELP)
    version = serializers.IntegerField(help_text="Stuur mee bij een stap: een oudere geeft 409.")
    child_name = serializers.CharField(source="child.full_name")
    stadsdeel = StadsdeelSerializer()
    voorziening = VoorzieningSerializer()
    request_kind = serializers.CharField(
        help_text="aanbieder: de professional koos een aanbod; match: verzoek om een match."
    )
    requested_programme = ProgrammeRefSerializer(allow_null=True)
    matched_programme = ProgrammeRefSerializer(allow_null=True)
    provider = OrganisationRefSerializer(allow_null=True)
    match_note = serializers.CharField()
    assignment_number = serializers.CharField()
    sent_at = serializers.DateTimeField(allow_null=True)
    matched_at = serializers.DateTimeField(allow_null=True)
    forwarded_at = serializers.DateTimeField(allow_null=True)


@extend_schema_serializer(component_name="VerwijzingInboxRow")
class InboxRowSerializer(serializers.Serializer):
    referral = ReferralSerializer()
    child_age = serializers.IntegerField(source="age")
    days_since_sent = serializers.IntegerField(allow_null=True)
    days_since_forwarded = serializers.IntegerField(allow_null=True)


@extend_schema_serializer(component_name="VerwijzingInboxColumn")
class InboxColumnSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="nieuw, matching, wacht_op_aanbieder of geplaatst.")
    label = serializers.CharField()
    count = serializers.IntegerField(help_text="Alle verwijzingen in de kolom.")
    referrals = InboxRowSerializer(
        source="rows", many=True, help_text="Hoogstens 200, laatst verzonden eerst."
    )


@extend_schema_serializer(component_name="VerwijzingInbox")
class InboxSerializer(serializers.Serializer):
    stadsdelen = StadsdeelSerializer(many=True)
    columns = InboxColumnSerializer(many=True)


class InboxParamsSerializer(serializers.Serializer):
    stadsdeel = serializers.UUIDField(required=False, allow_null=True, default=None)


class CandidatesParamsSerializer(serializers.Serializer):
    passend = serializers.BooleanField(required=False, default=False)


@extend_schema_serializer(component_name="VerwijzingCandidateProgramme")
class CandidateProgrammeSerializer(ProgrammeRefSerializer):
    ijw_category = serializers.CharField()
    min_age = serializers.IntegerField()
    max_age = serializers.IntegerField()
    districts = StadsdeelSerializer(many=True, source="districts.all")
    capacity = serializers.CharField()
    waiting_weeks = serializers.IntegerField(allow_null=True)
    waiting_confirmed_on = serializers.DateField(allow_null=True)
    access_route = serializers.CharField()


@extend_schema_serializer(component_name="VerwijzingCandidate")
class CandidateSerializer(serializers.Serializer):
    programme = CandidateProgrammeSerializer()
    same_category = serializers.BooleanField()
    fits_age = serializers.BooleanField()
    fits_district = serializers.BooleanField()
    waiting_stale = serializers.BooleanField(
        help_text="Wachttijd niet (recent) bevestigd: bel de aanbieder."
    )


@extend_schema_serializer(component_name="VerwijzingCandidates")
class CandidatesSerializer(serializers.Serializer):
    referral = ReferralSerializer()
    child_age = serializers.IntegerField(source="age")
    family_district = StadsdeelSerializer(allow_null=True)
    preselected_programme = serializers.UUIDField(
        source="preselected.uuid", allow_null=True, default=None
    )
    candidates = CandidateSerializer(many=True)
    hidden_by_filter = serializers.IntegerField()


class StepSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0,
        help_text="De versie die u zag; een oudere dan de huidige geeft 409.",
    )  # fmt: skip


class MatchSerializer(StepSerializer):
    programme = serializers.UUIDField(help_text="Een gepubliceerd aanbod uit de catalogus.")
    note = serializers.CharField(
        max_length=5000,
        allow_blank=True,
        help_text="Terugmelding aan de professional: wat en wanneer.",
    )
