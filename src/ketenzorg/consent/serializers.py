"""API shapes of the consent registry. The age rules and the rest of the meaning live in the service."""

from __future__ import annotations

from rest_framework import serializers

from ketenzorg.consent.models import DossierPart, Method, Purpose
from ketenzorg.consent.services import MAX_NOTE
from ketenzorg.network.models import Organisation, Role


class ConsentPersonSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField(source="full_name")


class ConsentOrganisationSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()


class ConsentSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    family = serializers.UUIDField(source="family.uuid")
    child = ConsentPersonSerializer()
    purpose = serializers.ChoiceField(choices=Purpose.choices)
    recipient_organisation = ConsentOrganisationSerializer(allow_null=True)
    recipient_role = serializers.CharField(help_text="Leeg als de ontvanger een organisatie is.")
    parts = serializers.ListField(child=serializers.ChoiceField(choices=DossierPart.choices))
    child_consented = serializers.BooleanField(help_text="Het kind gaf zelf toestemming.")
    given_by = ConsentPersonSerializer(many=True, help_text="De ouders die toestemming gaven.")
    given_at = serializers.DateTimeField()
    method = serializers.ChoiceField(choices=Method.choices)
    recorded_by = ConsentPersonSerializer()
    withdrawn = serializers.BooleanField(source="is_withdrawn")
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    withdrawn_by = ConsentPersonSerializer(allow_null=True)
    withdrawal_recorded_by = ConsentPersonSerializer(allow_null=True)
    withdrawal_note = serializers.CharField()


class ChildRuleSerializer(serializers.Serializer):
    child = ConsentPersonSerializer()
    age = serializers.IntegerField()
    text = serializers.CharField(help_text="Wie vandaag toestemming geeft, in gewone taal.")


class FamilyConsentsSerializer(serializers.Serializer):
    current = ConsentSerializer(many=True)
    withdrawn = ConsentSerializer(many=True)
    who_must_consent = ChildRuleSerializer(many=True)


class ConsentCreateSerializer(serializers.Serializer):
    purpose = serializers.ChoiceField(choices=Purpose.choices)
    recipient_organisation = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    recipient_role = serializers.ChoiceField(
        choices=Role.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Eén ontvanger: een organisatie of een rol.",
    )
    parts = serializers.ListField(
        child=serializers.ChoiceField(choices=DossierPart.choices), min_length=1, max_length=10
    )
    children = serializers.ListField(
        child=serializers.UUIDField(),
        min_length=1,
        max_length=30,
        help_text="Per kind één toestemming.",
    )
    given_by = serializers.ListField(
        child=serializers.UUIDField(),
        max_length=30,
        help_text="Gezinsleden die toestemming gaven; een kind telt alleen voor zichzelf.",
    )
    method = serializers.ChoiceField(choices=Method.choices)
    given_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class ConsentWithdrawSerializer(serializers.Serializer):
    withdrawn_by = serializers.UUIDField(help_text="Het gezinslid dat de toestemming intrekt.")
    note = serializers.CharField(max_length=MAX_NOTE, required=False, allow_blank=True, default="")
