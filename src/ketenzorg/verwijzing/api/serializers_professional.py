"""API shapes of the professional's side of the referral. The meaning (a child of this family,
a period of at most a year, a complete verwijsformat, the state) is the services'; codes are
plain strings here, their lists in the help texts, and a wrong one is the service's Dutch 400."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from ketenzorg.coordination.serializers import OrganisationRefSerializer, ProfessionalRefSerializer
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import (
    AgreementMethod,
    Frequency,
    LifeDomain,
    ProvisionForm,
    RequestKind,
    VolumeUnit,
)


def _codes(choices) -> str:
    return ", ".join(f"{value} ({label})" for value, label in choices)


# --- the perspectiefplan -----------------------------------------------------------------------


@extend_schema_serializer(component_name="VerwijzingAnalysisRow")
class AnalysisRowSerializer(serializers.Serializer):
    member = serializers.CharField(help_text="uuid van een gezinslid van dit gezin")
    name = serializers.CharField(read_only=True)
    domains = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text="levensdomein → tekst; domeinen: " + _codes(LifeDomain.choices),
    )


@extend_schema_serializer(component_name="VerwijzingAgreement")
class AgreementSerializer(serializers.Serializer):
    action = serializers.CharField(allow_blank=True, required=False, default="")
    who = serializers.CharField(allow_blank=True, required=False, default="")
    specialist_help = serializers.CharField(allow_blank=True, required=False, default="")
    results = serializers.CharField(allow_blank=True, required=False, default="")


@extend_schema_serializer(component_name="VerwijzingPlanVersion")
class PlanVersionSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    number = serializers.IntegerField()
    status = serializers.CharField(help_text="concept of definitief")
    family_question = serializers.CharField()
    analysis = AnalysisRowSerializer(many=True)
    agreements = AgreementSerializer(many=True)
    written_by = ProfessionalRefSerializer()
    created_at = serializers.DateTimeField()
    family_agreed_on = serializers.DateField(allow_null=True)
    family_agreement = serializers.CharField()
    definitive_at = serializers.DateTimeField(allow_null=True)


@extend_schema_serializer(component_name="VerwijzingPlanSave")
class PlanSaveSerializer(serializers.Serializer):
    family_question = serializers.CharField(allow_blank=True, max_length=5000)
    analysis = AnalysisRowSerializer(many=True, required=False, default=list)
    agreements = AgreementSerializer(many=True, required=False, default=list)
    based_on = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        help_text="De versie waarvan u uitging; een nieuwere versie intussen geeft 409.",
    )


@extend_schema_serializer(component_name="VerwijzingPlanDefinitive")
class PlanDefinitiveSerializer(serializers.Serializer):
    family_agreed_on = serializers.DateField(required=False, allow_null=True, default=None)
    family_agreement = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_codes(AgreementMethod.choices)
    )


@extend_schema_serializer(component_name="VerwijzingPlanCompareLine")
class CompareLineSerializer(serializers.Serializer):
    change = serializers.CharField(help_text="verwijderd, toegevoegd of gelijk")
    line = serializers.CharField()


class CompareParamsSerializer(serializers.Serializer):
    van = serializers.IntegerField(min_value=1)
    naar = serializers.IntegerField(min_value=1)


# --- the voorziening ---------------------------------------------------------------------------


@extend_schema_serializer(component_name="VerwijzingVoorzieningChange")
class VoorzieningChangeSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    status = serializers.CharField()
    snapshot = serializers.DictField()
    changed_by = ProfessionalRefSerializer()
    changed_at = serializers.DateTimeField()
    reason = serializers.CharField()


@extend_schema_serializer(component_name="VerwijzingVoorziening")
class VoorzieningSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    child = serializers.UUIDField(source="child.uuid")
    form = serializers.CharField()
    ijw_category = serializers.CharField()
    product_code = serializers.CharField()
    volume = serializers.IntegerField()
    unit = serializers.CharField()
    frequency = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    note = serializers.CharField()
    status = serializers.CharField(help_text="voorlopig of definitief")
    version = serializers.IntegerField()
    history = VoorzieningChangeSerializer(many=True, source="changes.all")


class _VoorzieningValues(serializers.Serializer):
    form = serializers.CharField(help_text=_codes(ProvisionForm.choices))
    ijw_category = serializers.CharField(help_text="iJw-productcategorie, twee cijfers")
    product_code = serializers.CharField(required=False, allow_blank=True, default="")
    volume = serializers.IntegerField(help_text="1 tot en met 10000")
    unit = serializers.CharField(help_text=_codes(VolumeUnit.choices))
    frequency = serializers.CharField(help_text=_codes(Frequency.choices))
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


@extend_schema_serializer(component_name="VerwijzingVoorzieningCreate")
class VoorzieningCreateSerializer(_VoorzieningValues):
    child = serializers.UUIDField(help_text="uuid van een kind van het gezin")


@extend_schema_serializer(component_name="VerwijzingVoorzieningUpdate")
class VoorzieningUpdateSerializer(_VoorzieningValues):
    version = serializers.IntegerField(help_text="De versie die u wijzigt (409 als die oud is).")
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000,
        help_text="Verplicht als de voorziening definitief is.",
    )  # fmt: skip


@extend_schema_serializer(component_name="VerwijzingVersion")
class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Voor optimistische vergrendeling."
    )


# --- the referral ------------------------------------------------------------------------------


@extend_schema_serializer(component_name="VerwijzingProgrammeRef")
class ProgrammeRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()
    provider = OrganisationRefSerializer()


@extend_schema_serializer(component_name="VerwijzingListItem")
class ReferralListItemSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    child = serializers.UUIDField(source="child.uuid")
    voorziening = serializers.UUIDField(source="voorziening.uuid")
    stadsdeel = serializers.CharField(source="stadsdeel.name")
    status = serializers.CharField(help_text=", ".join(rules.STATES))
    provider = OrganisationRefSerializer(allow_null=True)
    sent_at = serializers.DateTimeField(allow_null=True)
    matched_at = serializers.DateTimeField(allow_null=True)
    forwarded_at = serializers.DateTimeField(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)
    first_contact_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()


@extend_schema_serializer(component_name="VerwijzingCreate")
class ReferralCreateSerializer(serializers.Serializer):
    child = serializers.UUIDField()
    voorziening = serializers.UUIDField()
    request_kind = serializers.CharField(help_text=_codes(RequestKind.choices))
    requested_programme = serializers.UUIDField(
        required=False, allow_null=True, default=None, help_text="Bij request_kind aanbieder."
    )
    stadsdeel = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Het gebiedsknooppunt: het stadsdeel van het gezin of uw eigen.",
    )


@extend_schema_serializer(component_name="VerwijzingEvent")
class EventSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    action = serializers.CharField()
    party = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor = ProfessionalRefSerializer()
    organisation = OrganisationRefSerializer(allow_null=True)
    occurred_at = serializers.DateTimeField()
    reason = serializers.CharField()


@extend_schema_serializer(component_name="VerwijzingDocument")
class DocumentSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kind = serializers.CharField()
    source_version = serializers.IntegerField()
    state = serializers.CharField(help_text="wachtrij, klaar of mislukt")
    released_to_provider = serializers.BooleanField()


@extend_schema_serializer(component_name="VerwijzingDocumentRequest")
class DocumentRequestSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kind = serializers.CharField()
    requested_at = serializers.DateTimeField()
    fulfilled_at = serializers.DateTimeField(allow_null=True)


@extend_schema_serializer(component_name="VerwijzingDetail")
class ReferralViewSerializer(serializers.Serializer):
    """The referral as its reader's party sees it (`selectors.ReferralView`)."""

    uuid = serializers.UUIDField(source="referral.uuid")
    party = serializers.CharField(help_text="professional, verbinder of aanbieder")
    status = serializers.CharField(source="referral.status")
    version = serializers.IntegerField(source="referral.version")
    case = serializers.SerializerMethodField(help_text="Alleen voor wie de casus werkt.")
    stadsdeel = serializers.CharField(source="referral.stadsdeel.name")
    request_kind = serializers.CharField(source="referral.request_kind")
    requested_programme = ProgrammeRefSerializer(
        source="referral.requested_programme", allow_null=True
    )
    matched_programme = ProgrammeRefSerializer(source="referral.matched_programme", allow_null=True)
    provider = OrganisationRefSerializer(source="referral.provider", allow_null=True)
    match_note = serializers.CharField(source="referral.match_note")
    assignment_number = serializers.CharField(source="referral.assignment_number")
    form = serializers.DictField(source="referral.form", help_text="Het verwijsformat.")
    sent_at = serializers.DateTimeField(source="referral.sent_at", allow_null=True)
    matched_at = serializers.DateTimeField(source="referral.matched_at", allow_null=True)
    forwarded_at = serializers.DateTimeField(source="referral.forwarded_at", allow_null=True)
    accepted_at = serializers.DateTimeField(source="referral.accepted_at", allow_null=True)
    first_contact_at = serializers.DateTimeField(
        source="referral.first_contact_at", allow_null=True
    )
    events = EventSerializer(many=True)
    documents = DocumentSerializer(many=True)
    documents_open = serializers.BooleanField()
    requests = DocumentRequestSerializer(many=True)
    actions = serializers.ListField(child=serializers.CharField())
    missing = serializers.SerializerMethodField(help_text="Lege verplichte velden (concept).")

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_case(self, view):
        return str(view.referral.case.uuid) if view.party == rules.PROFESSIONAL else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_missing(self, view):
        return [f.key for f in view.missing]


@extend_schema_serializer(component_name="VerwijzingFormSave")
class ReferralFormSaveSerializer(serializers.Serializer):
    form = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=rules.MAX_FIELD),
        help_text="Velden: " + ", ".join(rules.EDITABLE_KEYS) + " (consents komt uit het register)",
    )
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


@extend_schema_serializer(component_name="VerwijzingWithdraw")
class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, required=False, default="", max_length=5000)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)
