"""The break-the-glass events in the API: English fields, Dutch texts (decision 0012)."""

from rest_framework import serializers

from ketenzorg.privacy import selectors
from ketenzorg.privacy.services import NOTE_MAX_LENGTH


def _name(user) -> str:
    professional = getattr(user, "professional", None)
    return professional.full_name if professional is not None else user.get_username()


class EmergencyListParams(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=selectors.STATUSES,
        required=False,
        default=selectors.OPEN,
        help_text="open: nog te beoordelen; reviewed: beoordeeld; all: alle",
    )
    page = serializers.IntegerField(required=False, min_value=1, max_value=1_000_000, default=1)


class EmergencyPersonSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.SerializerMethodField()

    def get_name(self, person) -> str:
        return f"{person.given_name} {person.family_name}"


class EmergencyFamilySerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()
    persons = EmergencyPersonSerializer(many=True, source="persons_shown")


class EmergencyReviewSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    reviewed_at = serializers.DateTimeField()
    reviewed_by = serializers.SerializerMethodField()
    note = serializers.CharField()

    def get_reviewed_by(self, review) -> str:
        return _name(review.reviewed_by)


class EmergencyEventSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    professional = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    family = EmergencyFamilySerializer()
    reason = serializers.CharField()
    granted_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    active = serializers.BooleanField()
    uses = serializers.IntegerField(
        help_text="inzages en wijzigingen met grondslag noodtoegang binnen de termijn"
    )
    reviewed = serializers.BooleanField()
    reviews = EmergencyReviewSerializer(many=True, source="reviews_shown")

    def get_professional(self, event) -> str:
        return _name(event.user)

    def get_organisation(self, event) -> str:
        professional = event.professional
        return professional.organisation.name if professional is not None else ""


class EmergencyEventPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    results = EmergencyEventSerializer(many=True)


class EmergencyReviewWriteSerializer(serializers.Serializer):
    # Blank is let through to the service, which answers with the Dutch message of the screen.
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=NOTE_MAX_LENGTH
    )
