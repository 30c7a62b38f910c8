"""The catalogue's maintenance in the API: English names (decision 0012); each serializer's
component name starts with Aanbod, so none collides with another app's."""

from __future__ import annotations

from django.utils.translation import gettext
from rest_framework import serializers

from ketenzorg.aanbod import rules
from ketenzorg.aanbod.models import AccessRoute, Audience, ProgrammeStatus
from ketenzorg.aanbod.serializers import NamedSerializer
from ketenzorg.aanbod.services import ProgrammeInput
from ketenzorg.aanbod.templatetags.aanbod_maintenance import person
from ketenzorg.network.models import District, Organisation

STATUSES = ", ".join(ProgrammeStatus.values)


class AanbodProgrammeWriteSerializer(serializers.Serializer):
    """A programme as a provider or the beheerder writes it; the reviewed fields of a published
    programme become a proposal, the internal ones are written directly."""

    provider = serializers.UUIDField(
        required=False, allow_null=True, default=None,
        help_text="Organisatie (uuid); leeg: de eigen organisatie. Bij wijzigen genegeerd.",
    )  # fmt: skip
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10_000)
    audience = serializers.ChoiceField(choices=Audience.choices)
    min_age = serializers.IntegerField(min_value=0, max_value=rules.CHILD_MAX_AGE)
    max_age = serializers.IntegerField(min_value=0, max_value=rules.CHILD_MAX_AGE)
    topics = serializers.ListField(child=serializers.UUIDField(), required=False, default=list)
    districts = serializers.ListField(
        child=serializers.UUIDField(), required=False, default=list,
        help_text="Lege lijst: voor de hele stad.",
    )  # fmt: skip
    location = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    schedule = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    access_route = serializers.ChoiceField(choices=AccessRoute.choices)
    costs = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    languages = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="Nederlands"
    )
    contact_phone = serializers.CharField(
        max_length=32, required=False, allow_blank=True, default=""
    )
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")
    website = serializers.URLField(required=False, allow_blank=True, default="")
    ijw_category = serializers.CharField(
        max_length=2, required=False, allow_blank=True, default="",
        help_text="iJw-productcategorie (40–50, 54, 55) of leeg.",
    )  # fmt: skip
    status = serializers.CharField(
        max_length=16, default=ProgrammeStatus.DRAFT, help_text=f"{STATUSES}"
    )
    waiting_weeks = serializers.IntegerField(
        min_value=0, max_value=104, required=False, allow_null=True, default=None
    )
    waiting_confirmed_on = serializers.DateField(required=False, allow_null=True, default=None)
    capacity = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    internal_notes = serializers.CharField(
        max_length=10_000, required=False, allow_blank=True, default=""
    )
    internal_contact = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )

    def to_input(self, *, provider_default, topics) -> ProgrammeInput:
        """Unknown uuids are bad input (400 on their field), never a 500."""
        data = dict(self.validated_data)
        errors = {}
        provider = provider_default
        if data["provider"] is not None:
            provider = Organisation.objects.filter(uuid=data["provider"], is_active=True).first()
            if provider is None:
                errors["provider"] = [gettext("Deze organisatie bestaat niet.")]
        if provider is None and "provider" not in errors:
            errors["provider"] = [gettext("Kies een aanbieder.")]
        known_topics = {t.uuid: t for t in topics}
        chosen_topics = [known_topics.get(u) for u in data["topics"]]
        if None in chosen_topics:
            errors["topics"] = [gettext("Een van deze onderwerpen bestaat niet.")]
        districts = {d.uuid: d for d in District.objects.filter(uuid__in=data["districts"])}
        if len(districts) != len(set(data["districts"])):
            errors["districts"] = [gettext("Een van deze gebieden bestaat niet.")]
        if errors:
            raise serializers.ValidationError(errors)
        data.update(
            provider=provider,
            topics=chosen_topics,
            districts=[districts[u] for u in dict.fromkeys(data["districts"])],
        )
        return ProgrammeInput(**data)


class AanbodProgrammeMaintenanceSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    provider = NamedSerializer()
    name = serializers.CharField()
    description = serializers.CharField()
    audience = serializers.ChoiceField(choices=Audience.choices)
    min_age = serializers.IntegerField()
    max_age = serializers.IntegerField()
    topics = NamedSerializer(many=True)
    districts = NamedSerializer(many=True)
    location = serializers.CharField()
    schedule = serializers.CharField()
    access_route = serializers.ChoiceField(choices=AccessRoute.choices)
    costs = serializers.CharField()
    languages = serializers.CharField()
    contact_phone = serializers.CharField()
    contact_email = serializers.CharField()
    website = serializers.CharField()
    ijw_category = serializers.CharField()
    status = serializers.CharField(help_text=STATUSES)
    waiting_weeks = serializers.IntegerField(allow_null=True)
    waiting_confirmed_on = serializers.DateField(allow_null=True)
    capacity = serializers.CharField()
    internal_notes = serializers.CharField()
    internal_contact = serializers.CharField()
    has_pending = serializers.BooleanField(
        required=False, help_text="Er wacht een voorstel op goedkeuring."
    )


class AanbodFieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class AanbodRevisionSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    programme = serializers.UUIDField(source="programme.uuid")
    programme_name = serializers.CharField(source="programme.name")
    provider = serializers.CharField(source="programme.provider.name")
    status = serializers.CharField(help_text="wacht, goedgekeurd, afgewezen of vervangen")
    author = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    decided_by = serializers.SerializerMethodField()
    decided_at = serializers.DateTimeField(allow_null=True)
    rejection_reason = serializers.CharField()
    proposed = serializers.JSONField(help_text="De voorgestelde waarden van de openbare velden.")

    def get_author(self, revision) -> str:
        return person(revision.author)

    def get_decided_by(self, revision) -> str | None:
        return person(revision.decided_by) if revision.decided_by_id else None


class AanbodRevisionDetailSerializer(AanbodRevisionSerializer):
    changes = AanbodFieldChangeSerializer(
        many=True, help_text="Wat voor het publiek verandert, ten opzichte van nu."
    )


class AanbodMaintenanceResultSerializer(serializers.Serializer):
    programme = AanbodProgrammeMaintenanceSerializer()
    revision = AanbodRevisionSerializer(
        allow_null=True, help_text="Het voorstel dat op goedkeuring wacht, of null."
    )


class AanbodRevisionRejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class AanbodChangeSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="aangemaakt, goedgekeurd, direct of intern")
    changed_at = serializers.DateTimeField()
    author = serializers.SerializerMethodField()
    approved_by = serializers.SerializerMethodField()
    changes = AanbodFieldChangeSerializer(many=True)

    def get_author(self, change) -> str:
        return person(change.author)

    def get_approved_by(self, change) -> str | None:
        return person(change.approved_by) if change.approved_by_id else None


class AanbodWaitingTimeSerializer(serializers.Serializer):
    weeks = serializers.IntegerField(allow_null=True)
    confirmed_on = serializers.DateField(allow_null=True)
    stale = serializers.BooleanField(help_text="verouderd: te lang niet bevestigd")


class AanbodProfessionalProgrammeSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(source="programme.uuid")
    name = serializers.CharField(source="programme.name")
    provider = serializers.CharField(source="programme.provider.name")
    waiting_time = AanbodWaitingTimeSerializer(source="waiting")
    capacity = serializers.CharField(source="programme.capacity")
    internal_notes = serializers.CharField(source="programme.internal_notes")
    internal_contact = serializers.CharField(source="programme.internal_contact")
    ijw_category = serializers.CharField(source="programme.ijw_category")


class AanbodOpenDataProgrammeSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    provider = serializers.CharField()
    audience = serializers.ChoiceField(choices=Audience.choices)
    min_age = serializers.IntegerField()
    max_age = serializers.IntegerField()
    topics = serializers.ListField(child=serializers.CharField())
    districts = serializers.ListField(
        child=serializers.CharField(), help_text="Lege lijst: voor de hele stad."
    )
    location = serializers.CharField()
    schedule = serializers.CharField()
    access_route = serializers.ChoiceField(choices=AccessRoute.choices)
    costs = serializers.CharField()
    languages = serializers.CharField()
    contact_phone = serializers.CharField()
    contact_email = serializers.CharField()
    website = serializers.CharField()


class AanbodOpenDataSerializer(serializers.Serializer):
    format_version = serializers.IntegerField()
    generated_at = serializers.DateTimeField()
    count = serializers.IntegerField()
    programmes = AanbodOpenDataProgrammeSerializer(many=True)
