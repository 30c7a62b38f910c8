from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from ketenzorg.glossary.models import Term


class TermSerializer(serializers.ModelSerializer):
    aliases = serializers.ListField(
        child=serializers.CharField(), source="alias_list", read_only=True
    )
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    related = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    # The public page, so a client can link to it instead of copying the text.
    url = serializers.SerializerMethodField(help_text="de publieke pagina van het begrip")

    class Meta:
        model = Term
        fields = [
            "uuid",
            "slug",
            "term",
            "aliases",
            "definition",
            "definition_en",
            "source",
            "source_label",
            "related",
            "url",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        path = obj.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class SearchParams(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")


@extend_schema_serializer(component_name="GlossaryProblem")
class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details, as `ketenzorg.api.problems` writes them (documentation only)."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(required=False)
    invalid_params = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()), required=False
    )
