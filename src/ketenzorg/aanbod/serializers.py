"""The public catalogue in the API: English names (decision 0012), the public fields only."""

from __future__ import annotations

from rest_framework import serializers

from ketenzorg.aanbod import rules
from ketenzorg.aanbod.models import PUBLIC_FIELDS, AccessRoute, Audience, Programme


class SearchQuerySerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")
    age = serializers.IntegerField(
        required=False, min_value=0, max_value=rules.CHILD_MAX_AGE, default=None, allow_null=True
    )
    topic = serializers.UUIDField(required=False, default=None, allow_null=True)
    district = serializers.UUIDField(required=False, default=None, allow_null=True)
    page = serializers.IntegerField(required=False, min_value=1, max_value=100_000, default=1)
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=rules.MAX_PAGE_SIZE, default=rules.PAGE_SIZE
    )


class NamedSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()


class PublicProgrammeSerializer(serializers.ModelSerializer):
    provider = serializers.CharField(source="provider.name")
    audience = serializers.ChoiceField(choices=Audience.choices)
    access_route = serializers.ChoiceField(choices=AccessRoute.choices)
    topics = NamedSerializer(many=True)
    districts = NamedSerializer(many=True, help_text="Lege lijst: voor de hele stad.")

    class Meta:
        model = Programme
        fields = [*PUBLIC_FIELDS, "provider", "topics", "districts"]
        read_only_fields = fields


def public_programme_item(programme) -> dict:
    """What `PublicProgrammeSerializer` writes of a programme, for a search result
    (`selectors.PublicProgramme`) built directly (decision 0019): the serializer built its
    fields, and those of two nested serializers, again on every search. The serializer stays
    the schema and serves the programme's own page; tests/aanbod/test_api.py holds the two
    together."""
    item = {name: getattr(programme, name) for name in PUBLIC_FIELDS}
    item["uuid"] = str(programme.uuid)
    item["provider"] = programme.provider
    item["topics"] = [{"uuid": str(t.uuid), "name": t.name} for t in programme.topics]
    item["districts"] = [{"uuid": str(d.uuid), "name": d.name} for d in programme.districts]
    return item


class ProgrammeSearchPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Aantal gevonden programma's, op alle pagina's.")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    page_size = serializers.IntegerField()
    results = PublicProgrammeSerializer(many=True)


class PublicDistrictSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()
    kind = serializers.CharField(help_text="stadsdeel of gebied (wijk)")
    parent = serializers.UUIDField(allow_null=True, help_text="uuid van het stadsdeel van een wijk")
