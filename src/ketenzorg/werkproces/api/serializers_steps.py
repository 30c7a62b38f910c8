"""API shapes of the werkproces steps. Meaning (what may follow what) is checked by the rules."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from ketenzorg.api.answers import moment, professional_ref
from ketenzorg.api.fields import RelatedByUuid
from ketenzorg.network.models import Professional
from ketenzorg.werkproces.models import Step, TransitionKind

MAX_TEXT = 5000


@extend_schema_serializer(component_name="WerkprocesActor")
class ProfessionalRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField(source="full_name")


@extend_schema_serializer(component_name="StepEvaluation")
class EvaluationSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    step = serializers.ChoiceField(choices=Step.choices)
    yielded_enough = serializers.BooleanField()
    summary = serializers.CharField()
    recorded_by = ProfessionalRefSerializer()
    recorded_at = serializers.DateTimeField()


class TransitionSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    seq = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=TransitionKind.choices)
    from_step = serializers.ChoiceField(choices=Step.choices, allow_null=True)
    to_step = serializers.ChoiceField(choices=Step.choices)
    actor = ProfessionalRefSerializer()
    occurred_at = serializers.DateTimeField()
    reason = serializers.CharField()
    evaluation = serializers.UUIDField(source="evaluation.uuid", allow_null=True)
    team_decision = serializers.CharField()
    ajh_with_family = serializers.BooleanField()
    ajh_meedenker = ProfessionalRefSerializer(allow_null=True)
    ajh_participants = serializers.CharField()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["from_step"] = instance.from_step or None
        return data


class WerkprocesSerializer(serializers.Serializer):
    """Where the family is, what may follow from here, and everything that happened."""

    case = serializers.UUIDField()
    started = serializers.BooleanField()
    step = serializers.ChoiceField(choices=Step.choices, allow_null=True)
    stopped_from = serializers.ChoiceField(choices=Step.choices, allow_null=True)
    possible_transitions = serializers.ListField(
        child=serializers.ChoiceField(choices=TransitionKind.choices),
        help_text="Wat de tabel vanaf hier toestaat; de regels controleren bij het zetten opnieuw.",
    )
    current_evaluation = EvaluationSerializer(
        allow_null=True, help_text="De evaluatie van het huidige bezoek aan de stap, of null."
    )
    transitions = TransitionSerializer(many=True)
    evaluations = EvaluationSerializer(many=True)


def evaluation_data(e) -> dict | None:
    if e is None:
        return None
    return {
        "uuid": str(e.uuid),
        "step": e.step,
        "yielded_enough": bool(e.yielded_enough),
        "summary": str(e.summary),
        "recorded_by": professional_ref(e.recorded_by),
        "recorded_at": moment(e.recorded_at),
    }


def _transition(t) -> dict:
    return {
        "uuid": str(t.uuid),
        "seq": t.seq,
        "kind": t.kind,
        "from_step": t.from_step or None,
        "to_step": t.to_step,
        "actor": professional_ref(t.actor),
        "occurred_at": moment(t.occurred_at),
        "reason": str(t.reason),
        "evaluation": None if t.evaluation is None else str(t.evaluation.uuid),
        "team_decision": str(t.team_decision),
        "ajh_with_family": bool(t.ajh_with_family),
        "ajh_meedenker": professional_ref(t.ajh_meedenker),
        "ajh_participants": str(t.ajh_participants),
    }


def werkproces_data(werkproces: dict) -> dict:
    """What `WerkprocesSerializer` gives for the API's werkproces, built directly: DRF copies
    the declared fields of every serializer it makes (one per transition and evaluation),
    which cost more than the werkproces's own queries. The serializer stays the schema
    (OpenAPI); a test holds the two to the same output."""
    return {
        "case": str(werkproces["case"]),
        "started": werkproces["started"],
        "step": werkproces["step"],
        "stopped_from": werkproces["stopped_from"],
        "possible_transitions": list(werkproces["possible_transitions"]),
        "current_evaluation": evaluation_data(werkproces["current_evaluation"]),
        "transitions": [_transition(t) for t in werkproces["transitions"]],
        "evaluations": [evaluation_data(e) for e in werkproces["evaluations"]],
    }


@extend_schema_serializer(component_name="StepEvaluationCreate")
class EvaluationCreateSerializer(serializers.Serializer):
    yielded_enough = serializers.BooleanField(help_text="Leverde deze stap genoeg op?")
    summary = serializers.CharField(max_length=MAX_TEXT, help_text="Wat leverde de stap op?")


class TransitionCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=TransitionKind.choices)
    reason = serializers.CharField(
        max_length=MAX_TEXT,
        required=False,
        allow_blank=True,
        default="",
        help_text="Verplicht (minstens 10 tekens) bij stoppen, terug en hervatten.",
    )
    team_decision = serializers.CharField(
        max_length=MAX_TEXT,
        required=False,
        allow_blank=True,
        default="",
        help_text="Naar 'extern': hoe het team samen besloot dat expertise van buiten helpt.",
    )
    ajh_with_family = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Naar 'verwijzing': het besluit is samen met het gezin genomen.",
    )
    ajh_meedenker = RelatedByUuid(
        slug_field="uuid",
        queryset=Professional.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
        help_text="Naar 'verwijzing': de meedenker (van een consultatie hier) die meebesloot.",
    )
    ajh_participants = serializers.CharField(
        max_length=MAX_TEXT,
        required=False,
        allow_blank=True,
        default="",
        help_text="Naar 'verwijzing': wie namen deel aan het besluit.",
    )
