"""API shapes of the front door. Meaning is checked in `services`; these only parse."""

from __future__ import annotations

from rest_framework import serializers

from ketenzorg.api.fields import RelatedByUuid
from ketenzorg.families.serializers import PersonWriteSerializer
from ketenzorg.frontdoor import rules
from ketenzorg.frontdoor.models import (
    AgeGroup,
    AskerKind,
    Channel,
    ContactMoment,
    ContactOutcome,
    HandWay,
    Location,
    LocationKind,
    OpeningException,
    OpeningHours,
    Question,
    QuestionStatus,
    Topic,
)
from ketenzorg.network.models import District, DistrictKind, Professional


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["uuid", "name", "description"]


class SlotSerializer(serializers.Serializer):
    weekday = serializers.CharField()
    opens = serializers.TimeField(format="%H:%M")
    closes = serializers.TimeField(format="%H:%M")


class StatusSerializer(serializers.Serializer):
    is_open = serializers.BooleanField()
    open_until = serializers.DateTimeField(allow_null=True)
    next_opening = serializers.DateTimeField(allow_null=True)
    today_note = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    date = serializers.DateField()
    note = serializers.CharField()
    slots = SlotSerializer(many=True)


def _week(view) -> list[dict]:
    return [
        {"weekday": name, "opens": s.opens, "closes": s.closes}
        for name, slots in view.week
        for s in slots
    ]


def _changes(view) -> list[dict]:
    return [
        {
            "date": day,
            "note": note,
            "slots": [{"weekday": "", "opens": s.opens, "closes": s.closes} for s in slots],
        }
        for day, note, slots in view.changes
    ]


class PublicLocationSerializer(serializers.Serializer):
    """A `selectors.LocationView` for the public."""

    uuid = serializers.UUIDField(source="location.uuid")
    name = serializers.CharField(source="location.name")
    health_centre = serializers.CharField(source="location.health_centre")
    street = serializers.CharField(source="location.street")
    postcode = serializers.CharField(source="location.postcode")
    city = serializers.CharField(source="location.city")
    district = serializers.SerializerMethodField()
    directions = serializers.CharField(source="location.directions")
    hours = serializers.SerializerMethodField()
    status = StatusSerializer()
    changes = serializers.SerializerMethodField()

    def get_district(self, view) -> str:
        return view.location.district.name if view.location.district_id else ""

    def get_hours(self, view) -> list[dict]:
        return SlotSerializer(_week(view), many=True).data

    def get_changes(self, view) -> list[dict]:
        return ChangeSerializer(_changes(view), many=True).data


class PhoneSerializer(serializers.Serializer):
    number = serializers.CharField(source="location.phone_number")
    name = serializers.CharField(source="location.name")
    hours = serializers.SerializerMethodField()
    status = StatusSerializer()
    changes = serializers.SerializerMethodField()

    def get_hours(self, view) -> list[dict]:
        return SlotSerializer(_week(view), many=True).data

    def get_changes(self, view) -> list[dict]:
        return ChangeSerializer(_changes(view), many=True).data


class LocationSearchParams(serializers.Serializer):
    district = serializers.UUIDField(required=False, default=None)
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=7, default="")

    def validate_postcode(self, value):
        if value and rules.postcode_digits(value) is None:
            raise serializers.ValidationError(
                "Een postcode begint met vier cijfers, bijv. 9911 AB."
            )
        return value


class QuestionSubmitSerializer(serializers.Serializer):
    """Sizes are checked in the service, so the API and the form give the same messages."""

    topic = RelatedByUuid(slug_field="uuid", queryset=Topic.objects.filter(is_active=True))
    text = serializers.CharField(max_length=rules.QUESTION_MAX_LENGTH, trim_whitespace=False)
    child_age = serializers.IntegerField(min_value=0, max_value=rules.CHILD_MAX_AGE)
    consent = serializers.BooleanField()
    asker_kind = serializers.ChoiceField(choices=AskerKind.choices, default=AskerKind.PARENT)
    email = serializers.EmailField(required=False, allow_blank=True, default="", max_length=254)
    name = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=rules.NAME_MAX_LENGTH
    )
    website = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=200,
        help_text="Laat leeg (bescherming tegen robots).",
    )


class QuestionSubmittedSerializer(serializers.Serializer):
    reference = serializers.CharField()
    answer_by_email = serializers.BooleanField()


class QuestionListSerializer(serializers.ModelSerializer):
    topic = serializers.CharField(source="topic.name")
    assigned_to = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    family = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    answer_by_email = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = ["uuid", "reference", "asker_kind", "topic", "child_age", "status", "assigned_to", "created_at",
                  "answered_at", "family", "answer_by_email"]  # fmt: skip

    def get_answer_by_email(self, question) -> bool:
        return bool(question.email)


class QuestionDetailSerializer(QuestionListSerializer):
    """The e-mail address itself is not shown: the adviser needs to know only that the answer is mailed."""

    class Meta(QuestionListSerializer.Meta):
        fields = QuestionListSerializer.Meta.fields + ["text", "name", "handover_note", "answer", "answer_emailed_at",
                                                       "answer_email_failed", "closed_at"]  # fmt: skip


class QuestionPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    results = QuestionListSerializer(many=True)


class QueueParams(serializers.Serializer):
    status = serializers.ChoiceField(choices=QuestionStatus.choices, required=False, default="")
    mine = serializers.BooleanField(required=False, default=False)
    page = serializers.IntegerField(required=False, min_value=1, max_value=100_000, default=1)


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=rules.ANSWER_MAX_LENGTH)


class HandOverSerializer(serializers.Serializer):
    to = serializers.UUIDField(help_text="uuid van de collega-opvoedadviseur")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class MoreHelpSerializer(serializers.Serializer):
    family_name = serializers.CharField(max_length=200)
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True, default="")
    house_number = serializers.CharField(
        max_length=10, required=False, allow_blank=True, default=""
    )
    reason = serializers.CharField(max_length=2000)
    members = PersonWriteSerializer(many=True)

    def validate_members(self, value):
        if not value:
            raise serializers.ValidationError("Voeg ten minste één gezinslid toe.")
        if len(value) > 30:
            raise serializers.ValidationError("Een gezin heeft hier hoogstens 30 leden.")
        return value


class MoreHelpResultSerializer(serializers.Serializer):
    family = serializers.UUIDField()
    case = serializers.UUIDField()


class ContactMomentSerializer(serializers.ModelSerializer):
    location = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    adviser = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    topics = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    question = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    family = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = ContactMoment
        fields = ["uuid", "channel", "location", "adviser", "occurred_at", "topics", "age_group", "advice", "outcome",
                  "visitor_name", "question", "family"]  # fmt: skip


class ContactMomentPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    results = ContactMomentSerializer(many=True)


class ContactParams(serializers.Serializer):
    team = serializers.BooleanField(required=False, default=False)
    page = serializers.IntegerField(required=False, min_value=1, max_value=100_000, default=1)


class ContactCreateSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=Channel.choices)
    location = RelatedByUuid(
        slug_field="uuid",
        queryset=Location.objects.filter(kind=LocationKind.WALK_IN),
        required=False,
        allow_null=True,
        default=None,
    )
    topics = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Topic.objects.filter(is_active=True), many=True
    )
    age_group = serializers.ChoiceField(choices=AgeGroup.choices, default=AgeGroup.UNKNOWN)
    outcome = serializers.ChoiceField(
        choices=[
            (ContactOutcome.ADVICE, ContactOutcome.ADVICE.label),
            (ContactOutcome.FOLLOW_UP, ContactOutcome.FOLLOW_UP.label),
        ],
        default=ContactOutcome.ADVICE,
    )
    advice = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=rules.ADVICE_MAX_LENGTH
    )
    visitor_name = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=rules.VISITOR_NAME_MAX_LENGTH
    )
    adviser = serializers.UUIDField(required=False, allow_null=True, default=None)
    occurred_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


# --- beheer (functioneel beheerder) ---------------------------------------------------------------
# Only shapes and sizes; names, addresses, times and overlaps are checked in `services`,
# exactly as for the beheer screens.


class LocationWriteSerializer(serializers.Serializer):
    kind = serializers.CharField(required=False, default=LocationKind.WALK_IN, max_length=16,
                                 help_text="inloop of telefoon")  # fmt: skip
    name = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    health_centre = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )
    street = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    postcode = serializers.CharField(required=False, allow_blank=True, default="", max_length=7)
    city = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    district = RelatedByUuid(
        slug_field="uuid", queryset=District.objects.filter(kind=DistrictKind.STADSDEEL), required=False,
        allow_null=True, default=None, help_text="uuid van een stadsdeel",
    )  # fmt: skip
    phone_number = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=32
    )
    directions = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    closed_on_holidays = serializers.BooleanField(required=False, default=True)
    is_active = serializers.BooleanField(required=False, default=True)


class ManagedLocationSerializer(serializers.ModelSerializer):
    district = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = Location
        fields = ["uuid", "kind", "name", "health_centre", "street", "postcode", "city", "district",
                  "phone_number", "directions", "closed_on_holidays", "is_active"]  # fmt: skip


class HoursSlotSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(help_text="0 = maandag … 6 = zondag")
    opens = serializers.TimeField(format="%H:%M")
    closes = serializers.TimeField(format="%H:%M")
    adviser = RelatedByUuid(
        slug_field="uuid", queryset=Professional.objects.all(), required=False, allow_null=True,
        default=None, help_text="uuid van de opvoedadviseur",
    )  # fmt: skip


class HoursWriteSerializer(serializers.Serializer):
    slots = HoursSlotSerializer(many=True, allow_empty=True, max_length=30)


class HoursSerializer(serializers.ModelSerializer):
    opens = serializers.TimeField(format="%H:%M")
    closes = serializers.TimeField(format="%H:%M")
    adviser = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes", "adviser"]


class ExceptionWriteSerializer(serializers.Serializer):
    date = serializers.DateField()
    is_closed = serializers.BooleanField(required=False, default=True)
    opens = serializers.TimeField(required=False, allow_null=True, default=None)
    closes = serializers.TimeField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class ExceptionSerializer(serializers.ModelSerializer):
    location = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    opens = serializers.TimeField(format="%H:%M", allow_null=True)
    closes = serializers.TimeField(format="%H:%M", allow_null=True)

    class Meta:
        model = OpeningException
        fields = ["uuid", "location", "date", "is_closed", "opens", "closes", "reason"]


class TopicWriteSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300
    )
    sort_order = serializers.IntegerField(required=False, min_value=0, max_value=1000, default=100)
    is_active = serializers.BooleanField(required=False, default=True)


class ManagedTopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["uuid", "name", "description", "sort_order", "is_active"]


class HandedProgrammeSerializer(serializers.Serializer):
    """A programme handed at a contact moment. No e-mail address: none is kept."""

    uuid = serializers.UUIDField()
    programme = serializers.UUIDField(source="programme.uuid")
    programme_name = serializers.CharField(source="programme.name")
    provider = serializers.CharField(source="programme.provider.name")
    way = serializers.ChoiceField(choices=HandWay.choices)
    handed_by = serializers.CharField(source="handed_by.full_name")
    created_at = serializers.DateTimeField()
    mailed_at = serializers.DateTimeField(allow_null=True)
    mail_failed = serializers.BooleanField()


class HandProgrammeSerializer(serializers.Serializer):
    programme = serializers.UUIDField()
    way = serializers.ChoiceField(choices=HandWay.choices)
    email = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=254,
        help_text="Alleen bij 'mail': het adres van de ouder, voor deze ene mail; niet bewaard.",
    )  # fmt: skip
