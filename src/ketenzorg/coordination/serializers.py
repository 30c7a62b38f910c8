"""API shapes of cases and what coordinates them. Validation of meaning lives in the services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from ketenzorg.api.answers import moment, professional_ref
from ketenzorg.api.fields import RelatedByUuid
from ketenzorg.coordination.models import AgreementStatus, CareLevel, CoordinatorRole, MeetingKind
from ketenzorg.families.models import Involvement
from ketenzorg.network.models import Organisation, Professional

LEVEL_CHOICES = CareLevel.choices


class ProfessionalRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField(source="full_name")


class OrganisationRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()


class CoordinatorSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    role = serializers.ChoiceField(choices=CoordinatorRole.choices)
    professional = ProfessionalRefSerializer()
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)


class CaseListItemSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    family = serializers.UUIDField(source="family.uuid")
    family_name = serializers.CharField(source="family.name")
    status = serializers.CharField()
    level = serializers.ChoiceField(choices=LEVEL_CHOICES)
    suggested_level = serializers.ChoiceField(choices=LEVEL_CHOICES)
    level_pending = serializers.BooleanField()
    coordinators = CoordinatorSerializer(source="active_coordinators", many=True)
    next_deadline = serializers.DateField(allow_null=True)
    overdue_agreements = serializers.IntegerField()
    open_signals = serializers.IntegerField()
    opened_on = serializers.DateField()


def _date(value):
    return value.isoformat() if value is not None else None


def case_list_item(case) -> dict:
    """What `CaseListItemSerializer` gives for one row, built directly.

    The case list answers a page of 100 rows with their coordinators; DRF's field
    machinery took about 15 ms of it, the dicts take well under one. The serializer
    stays the schema (OpenAPI) and a test holds the two to the same output.
    """
    return {
        "uuid": str(case.uuid),
        "family": str(case.family.uuid),
        "family_name": case.family.name,
        "status": case.status,
        "level": case.level,
        "suggested_level": case.suggested_level,
        "level_pending": case.level_pending,
        "coordinators": [_coordinator(c) for c in case.active_coordinators],
        "next_deadline": _date(case.next_deadline),
        "overdue_agreements": case.overdue_agreements,
        "open_signals": case.open_signals,
        "opened_on": _date(case.opened_on),
    }


class CaseListPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    results = CaseListItemSerializer(many=True)


@extend_schema_serializer(component_name="CaseInvolvement")
class InvolvementSerializer(serializers.ModelSerializer):
    professional = ProfessionalRefSerializer()
    organisation = OrganisationRefSerializer()
    person = serializers.UUIDField(source="person.uuid", allow_null=True, default=None)

    class Meta:
        model = Involvement
        fields = [
            "uuid",
            "professional",
            "organisation",
            "person",
            "capacity",
            "started_on",
            "ended_on",
        ]


class CheckInSerializer(serializers.Serializer):
    created_at = serializers.DateTimeField()
    author = serializers.CharField(source="author.full_name")
    status_after = serializers.CharField()
    note = serializers.CharField()


class AgreementSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    what = serializers.CharField()
    responsible_professional = ProfessionalRefSerializer(allow_null=True)
    responsible_organisation = OrganisationRefSerializer()
    due_on = serializers.DateField()
    status = serializers.ChoiceField(choices=[*AgreementStatus.values, "te_laat"], source="shown")
    done_on = serializers.DateField(allow_null=True)
    meeting = serializers.UUIDField(source="meeting.uuid", allow_null=True, default=None)
    checkins = CheckInSerializer(many=True, source="checkin_list")


class MeetingSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    status = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    convener = ProfessionalRefSerializer(allow_null=True)
    starts_at = serializers.DateTimeField(allow_null=True)
    duration_minutes = serializers.IntegerField()
    location = serializers.CharField()
    held_on = serializers.DateField(allow_null=True)
    minutes = serializers.CharField()
    invited = serializers.IntegerField()


class SignalSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kind = serializers.CharField()
    status = serializers.CharField()
    raised_on = serializers.DateField()
    agreement = serializers.UUIDField(source="agreement.uuid", allow_null=True, default=None)
    meeting = serializers.UUIDField(source="meeting.uuid", allow_null=True, default=None)
    resolution = serializers.CharField()


class EventSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kind = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor.full_name", allow_null=True, default=None)
    summary = serializers.CharField()
    level_from = serializers.IntegerField(allow_null=True)
    level_to = serializers.IntegerField(allow_null=True)
    rule = serializers.CharField()
    reason = serializers.CharField()


class SuggestionSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    rule = serializers.CharField()
    professional_count = serializers.IntegerField()
    explanation = serializers.CharField()


class CaseDetailSerializer(serializers.Serializer):
    """Built from `selectors.CaseView`: everything about the case the actor may see."""

    uuid = serializers.UUIDField(source="case.uuid")
    family = serializers.UUIDField(source="case.family.uuid")
    family_name = serializers.CharField(source="case.family.name")
    status = serializers.CharField(source="case.status")
    level = serializers.IntegerField(source="case.level")
    level_pending = serializers.BooleanField(source="case.level_pending")
    suggestion = SuggestionSerializer()
    age_warnings = serializers.ListField(child=serializers.CharField())
    opened_on = serializers.DateField(source="case.opened_on")
    crisis_started_at = serializers.DateTimeField(source="case.crisis_started_at", allow_null=True)
    coordinators = CoordinatorSerializer(many=True)
    past_coordinators = CoordinatorSerializer(many=True)
    involvements = InvolvementSerializer(many=True)
    ended_involvements = InvolvementSerializer(many=True)
    meetings = MeetingSerializer(many=True)
    agreements = AgreementSerializer(many=True)
    signals = SignalSerializer(many=True)
    plan_versions = serializers.SerializerMethodField()

    def get_plan_versions(self, view) -> list[int]:
        return [v.number for v in view.plan_versions]


def _text(value):
    return None if value is None else str(value)


def _uuid_of(row):
    return None if row is None else str(row.uuid)


def _organisation(organisation):
    if organisation is None:
        return None
    return {"uuid": str(organisation.uuid), "name": _text(organisation.name)}


def _coordinator(c) -> dict:
    return {
        "uuid": str(c.uuid),
        "role": c.role,
        "professional": professional_ref(c.professional),
        "started_at": moment(c.started_at),
        "ended_at": moment(c.ended_at),
    }


def _involvement(i) -> dict:
    return {
        "uuid": str(i.uuid),
        "professional": professional_ref(i.professional),
        "organisation": _organisation(i.organisation),
        "person": _uuid_of(i.person),
        "capacity": _text(i.capacity),
        "started_on": _date(i.started_on),
        "ended_on": _date(i.ended_on),
    }


def _meeting(m) -> dict:
    return {
        "uuid": str(m.uuid),
        "kind": m.kind,
        "status": _text(m.status),
        "deadline": _date(m.deadline),
        "convener": professional_ref(m.convener),
        "starts_at": moment(m.starts_at),
        "duration_minutes": m.duration_minutes,
        "location": _text(m.location),
        "held_on": _date(m.held_on),
        "minutes": _text(m.minutes),
        "invited": m.invited,
    }


def agreement_data(a) -> dict:
    """What `AgreementSerializer` gives for an agreement with its `shown` status and
    `checkin_list`, built directly (see `case_detail_data`)."""
    return {
        "uuid": str(a.uuid),
        "what": _text(a.what),
        "responsible_professional": professional_ref(a.responsible_professional),
        "responsible_organisation": _organisation(a.responsible_organisation),
        "due_on": _date(a.due_on),
        "status": a.shown,
        "done_on": _date(a.done_on),
        "meeting": _uuid_of(a.meeting),
        "checkins": [
            {
                "created_at": moment(c.created_at),
                "author": _text(c.author.full_name),
                "status_after": _text(c.status_after),
                "note": _text(c.note),
            }
            for c in a.checkin_list
        ],
    }


def _signal(signal) -> dict:
    return {
        "uuid": str(signal.uuid),
        "kind": _text(signal.kind),
        "status": _text(signal.status),
        "raised_on": _date(signal.raised_on),
        "agreement": _uuid_of(signal.agreement),
        "meeting": _uuid_of(signal.meeting),
        "resolution": _text(signal.resolution),
    }


def case_detail_data(view) -> dict:
    """What `CaseDetailSerializer` gives for a `CaseView`, built directly.

    DRF copies every declared field of a serializer and of each nested one whenever one is
    made: for a case with its coordinators, involvements, meetings, agreements and signals
    that cost a seventh of the request. The serializer stays the schema (OpenAPI) and a test
    holds the two to the same output.
    """
    case, suggestion = view.case, view.suggestion
    return {
        "uuid": str(case.uuid),
        "family": str(case.family.uuid),
        "family_name": _text(case.family.name),
        "status": _text(case.status),
        "level": case.level,
        "level_pending": bool(case.level_pending),
        "suggestion": None
        if suggestion is None
        else {
            "level": suggestion.level,
            "rule": _text(suggestion.rule),
            "professional_count": suggestion.professional_count,
            "explanation": _text(suggestion.explanation),
        },
        "age_warnings": [str(w) for w in view.age_warnings],
        "opened_on": _date(case.opened_on),
        "crisis_started_at": moment(case.crisis_started_at),
        "coordinators": [_coordinator(c) for c in view.coordinators],
        "past_coordinators": [_coordinator(c) for c in view.past_coordinators],
        "involvements": [_involvement(i) for i in view.involvements],
        "ended_involvements": [_involvement(i) for i in view.ended_involvements],
        "meetings": [_meeting(m) for m in view.meetings],
        "agreements": [agreement_data(a) for a in view.agreements],
        "signals": [_signal(x) for x in view.signals],
        "plan_versions": [v.number for v in view.plan_versions],
    }


# --- input ------------------------------------------------------------------------------------


def _professionals():
    # With their organisation: a new agreement records the responsible professional's.
    return Professional.objects.filter(is_active=True).select_related("organisation")


class CaseCreateSerializer(serializers.Serializer):
    family = serializers.UUIDField()
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class InvolvementCreateSerializer(serializers.Serializer):
    professional = RelatedByUuid(slug_field="uuid", queryset=_professionals())
    person = serializers.UUIDField(required=False, allow_null=True, default=None)
    capacity = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    started_on = serializers.DateField(required=False, allow_null=True, default=None)


class InvolvementEndSerializer(serializers.Serializer):
    ended_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class LevelSetSerializer(serializers.Serializer):
    level = serializers.ChoiceField(
        choices=[1, 2, 3, 4], help_text="Niveau 5 start via het crisisprotocol."
    )
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class CoordinatorCreateSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=CoordinatorRole.choices)
    professional = RelatedByUuid(slug_field="uuid", queryset=_professionals())
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class MeetingCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    starts_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField(min_value=15, max_value=480, default=60)
    location = serializers.CharField(max_length=200)
    meeting = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Een overleg 'te plannen' van deze casus.",
    )


class MinutesSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    minutes = serializers.CharField(max_length=5000)


class AgreementCreateSerializer(serializers.Serializer):
    what = serializers.CharField(max_length=500)
    due_on = serializers.DateField()
    responsible_professional = RelatedByUuid(
        slug_field="uuid", queryset=_professionals(), required=False, allow_null=True, default=None
    )
    responsible_organisation = RelatedByUuid(
        slug_field="uuid",
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
    )
    meeting = serializers.UUIDField(required=False, allow_null=True, default=None)


class CheckInCreateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AgreementStatus.choices)
    note = serializers.CharField(max_length=5000)


class DecisionSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)


class EscalateSerializer(serializers.Serializer):
    brandpunt = RelatedByUuid(slug_field="uuid", queryset=_professionals())
    reason = serializers.CharField(max_length=5000)


class LinkedProgrammeSerializer(serializers.Serializer):
    """A catalogue programme as the case shows it: the public name and way in, and the waiting
    time a professional reads (with `waiting_stale` when nobody confirmed it recently)."""

    uuid = serializers.UUIDField()
    name = serializers.CharField()
    provider = serializers.CharField(source="provider.name")
    access_route = serializers.CharField()
    status = serializers.CharField()


class CaseProgrammeLinkSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    programme = LinkedProgrammeSerializer()
    agreement = serializers.UUIDField(source="agreement.uuid", allow_null=True, default=None)
    goal = serializers.CharField()
    waiting_weeks = serializers.IntegerField(source="waiting.weeks", allow_null=True)
    waiting_confirmed_on = serializers.DateField(source="waiting.confirmed_on", allow_null=True)
    waiting_stale = serializers.BooleanField(source="waiting.stale")
    linked_by = serializers.CharField(source="linked_by.full_name")
    created_at = serializers.DateTimeField()


class CaseProgrammeLinkCreateSerializer(serializers.Serializer):
    programme = serializers.UUIDField()
    agreement = serializers.UUIDField(required=False, allow_null=True, default=None)
    goal = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=1000,
        help_text="Het nummer van het doel in de nieuwste versie van het plan (1 is het eerste).",
    )  # fmt: skip
