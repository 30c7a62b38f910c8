"""API shapes of consultations. The meaning (period, scope, consent) is checked by the service."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from ketenzorg.api.answers import moment, professional_ref
from ketenzorg.api.fields import RelatedByUuid
from ketenzorg.consent.models import DossierPart
from ketenzorg.coordination.serializers import OrganisationRefSerializer, ProfessionalRefSerializer
from ketenzorg.network.models import ExpertiseTag, Professional
from ketenzorg.werkproces.models import ConsultationKind, ConsultationScope


class ExpertiseRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()


class FindingSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    text = serializers.CharField()
    written_by = ProfessionalRefSerializer(help_text="Wie de bevindingen vastlegde.")
    on_behalf_of = ProfessionalRefSerializer(
        allow_null=True,
        help_text="De meedenker zonder account namens wie ze zijn vastgelegd (anders leeg).",
    )
    written_at = serializers.DateTimeField()


@extend_schema_serializer(component_name="MeedenkerExpectation")
class ExpectationSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    agrees = serializers.BooleanField(help_text="Kan doen wat de professional verwacht.")
    text = serializers.CharField(help_text="Wat de meedenker van de professional verwacht.")
    written_by = ProfessionalRefSerializer()
    written_at = serializers.DateTimeField()


@extend_schema_serializer(component_name="MeedenkerExpectationCreate")
class ExpectationCreateSerializer(serializers.Serializer):
    agrees = serializers.BooleanField()
    text = serializers.CharField(max_length=5000)


class SharedChildSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField(source="full_name")
    birthdate = serializers.DateField()


class SharedGoalSerializer(serializers.Serializer):
    goal = serializers.CharField()
    action = serializers.CharField(required=False, default="")


class SharedPlanSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    strengths = serializers.CharField()
    worries = serializers.CharField()
    network = serializers.CharField()
    earlier_help = serializers.CharField()
    family_words = serializers.CharField()
    goals = SharedGoalSerializer(many=True)


class SharedAgreementSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    what = serializers.CharField()
    organisation = serializers.CharField(source="responsible_organisation.name")
    due_on = serializers.DateField()
    status = serializers.CharField(source="shown")


class SharedStepSerializer(serializers.Serializer):
    kind = serializers.CharField()
    from_step = serializers.CharField()
    to_step = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    reason = serializers.CharField()


@extend_schema_serializer(component_name="ConsultationSharedParts")
class SharedContentSerializer(serializers.Serializer):
    """The contents of the shared parts; a part not shared is null."""

    children = serializers.SerializerMethodField()
    level = serializers.SerializerMethodField()
    plan = serializers.SerializerMethodField()
    agreements = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    @extend_schema_field(SharedChildSerializer(many=True, allow_null=True))
    def get_children(self, shared):
        if DossierPart.PERSONALIA not in shared.parts:
            return None
        return SharedChildSerializer(shared.children, many=True).data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_level(self, shared):
        return str(shared.level) if DossierPart.PLAN in shared.parts else None

    @extend_schema_field(SharedPlanSerializer(allow_null=True))
    def get_plan(self, shared):
        if DossierPart.PLAN not in shared.parts or shared.plan is None:
            return None
        goals = [
            {"goal": g.get("goal", ""), "action": g.get("action", "")} for g in shared.plan["goals"]
        ]
        return {"number": shared.plan_number, **shared.plan["sections"], "goals": goals}

    @extend_schema_field(SharedAgreementSerializer(many=True, allow_null=True))
    def get_agreements(self, shared):
        if DossierPart.AGREEMENTS not in shared.parts:
            return None
        return SharedAgreementSerializer(shared.agreements, many=True).data

    @extend_schema_field(SharedStepSerializer(many=True, allow_null=True))
    def get_steps(self, shared):
        if DossierPart.WERKPROCES not in shared.parts:
            return None
        return SharedStepSerializer(shared.steps, many=True).data


@extend_schema_serializer(component_name="ConsultationEvaluation")
class EvaluationSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    what_it_yielded = serializers.CharField()
    can_continue_with_existing = serializers.BooleanField()
    additional_care_clear = serializers.BooleanField()
    additional_care_which = serializers.CharField()
    meedenker_took_part = serializers.BooleanField()
    recorded_by = ProfessionalRefSerializer()
    recorded_at = serializers.DateTimeField()


class ConsultationListItemSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=ConsultationKind.choices)
    scope = serializers.ChoiceField(choices=ConsultationScope.choices)
    question = serializers.CharField()
    asked_by = ProfessionalRefSerializer()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    access_until = serializers.DateTimeField(help_text="Tot wanneer de meedenker haar nog ziet.")


def consultation_list_item(c) -> dict:
    """What `ConsultationListItemSerializer` gives for one row, built directly: DRF copies its
    fields for every serializer made, which cost more than the meedenker's list's own query.
    The serializer stays the schema (OpenAPI); a test holds the two to the same output."""
    return {
        "uuid": str(c.uuid),
        "kind": c.kind,
        "scope": c.scope,
        "question": c.question,
        "asked_by": professional_ref(c.asked_by),
        "starts_at": moment(c.starts_at),
        "ends_at": moment(c.ends_at),
        "access_until": moment(c.access_until),
    }


class ConsultationSerializer(serializers.Serializer):
    """A consultation as its reader may see it (`selectors.ConsultationView`)."""

    uuid = serializers.UUIDField(source="consultation.uuid")
    case = serializers.UUIDField(source="consultation.werkproces.case.uuid")
    kind = serializers.ChoiceField(source="consultation.kind", choices=ConsultationKind.choices)
    scope = serializers.ChoiceField(source="consultation.scope", choices=ConsultationScope.choices)
    expertise = ExpertiseRefSerializer(source="consultation.expertise", allow_null=True)
    asked_by = ProfessionalRefSerializer(source="consultation.asked_by")
    meedenker = ProfessionalRefSerializer(source="consultation.meedenker")
    question = serializers.CharField(source="consultation.question")
    summary = serializers.CharField(source="consultation.summary")
    expects_of_meedenker = serializers.CharField(source="consultation.expects_of_meedenker")
    expects_of_professional = serializers.CharField(source="consultation.expects_of_professional")
    identified = serializers.BooleanField(source="consultation.identified")
    family = serializers.UUIDField(
        source="family.uuid",
        allow_null=True,
        help_text="Alleen op naam en zolang de toestemming het delen dekt.",
    )
    shared_parts = serializers.ListField(child=serializers.ChoiceField(choices=DossierPart.choices))
    starts_at = serializers.DateTimeField(source="consultation.starts_at")
    ends_at = serializers.DateTimeField(source="consultation.ends_at")
    as_meedenker = serializers.BooleanField()
    consent_withdrawn = serializers.BooleanField()
    share_ended = serializers.BooleanField(
        help_text="Op naam, maar de periode en de uitloop zijn voorbij: niets meer gedeeld."
    )
    shared = SharedContentSerializer(
        allow_null=True,
        help_text="De inhoud van de gedeelde delen: alleen op naam en zolang het delen geldt.",
    )
    meedenker_expectations = ExpectationSerializer(source="expectations", many=True)
    findings = FindingSerializer(many=True)
    evaluation = serializers.SerializerMethodField()

    @extend_schema_field(EvaluationSerializer(allow_null=True))
    def get_evaluation(self, view):
        evaluation = getattr(view.consultation, "evaluation", None)
        return EvaluationSerializer(evaluation).data if evaluation is not None else None


class ConsultationCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ConsultationKind.choices)
    scope = serializers.ChoiceField(choices=ConsultationScope.choices)
    meedenker = RelatedByUuid(
        slug_field="uuid", queryset=Professional.objects.filter(is_active=True)
    )
    expertise = RelatedByUuid(
        slug_field="uuid",
        queryset=ExpertiseTag.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    question = serializers.CharField(max_length=5000)
    summary = serializers.CharField(
        max_length=5000, help_text="Zonder namen, adressen of geboortedata."
    )
    expects_of_meedenker = serializers.CharField(max_length=5000)
    expects_of_professional = serializers.CharField(max_length=5000)
    ends_at = serializers.DateTimeField(help_text="In de toekomst, hoogstens drie maanden.")
    identified = serializers.BooleanField(default=False)
    shared_parts = serializers.ListField(
        child=serializers.ChoiceField(choices=DossierPart.choices),
        required=False,
        default=list,
        max_length=len(DossierPart.values),
    )


class FindingCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)


@extend_schema_serializer(component_name="ConsultationEvaluationCreate")
class EvaluationCreateSerializer(serializers.Serializer):
    what_it_yielded = serializers.CharField(max_length=5000)
    can_continue_with_existing = serializers.BooleanField()
    additional_care_clear = serializers.BooleanField()
    additional_care_which = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    meedenker_took_part = serializers.BooleanField(default=True)


class ProposalParamsSerializer(serializers.Serializer):
    expertise = serializers.CharField(
        required=False, default="", max_length=100, help_text="uuid of naam van de expertise"
    )
    scope = serializers.ChoiceField(choices=ConsultationScope.choices)
    area = serializers.UUIDField(required=False, allow_null=True, default=None)


class ProposalSerializer(serializers.Serializer):
    """A colleague to ask: who and where, and nothing of a family."""

    uuid = serializers.UUIDField()
    name = serializers.CharField(source="full_name")
    organisation = OrganisationRefSerializer()
    team = serializers.CharField(source="team.name", allow_null=True, default=None)
    expertise = serializers.SerializerMethodField()
    available_now = serializers.SerializerMethodField()
    availability_note = serializers.CharField()
    available_from = serializers.DateField(allow_null=True)
    has_account = serializers.SerializerMethodField(
        help_text="Zonder account legt de vrager de bevindingen namens de meedenker vast."
    )

    def get_expertise(self, professional) -> list[str]:
        return [tag.name for tag in professional.expertise.all()]

    def get_available_now(self, professional) -> bool:
        return professional.is_available(timezone.localdate())

    def get_has_account(self, professional) -> bool:
        return professional.user_id is not None
