"""API shapes of families and persons. Validation of meaning lives in services."""

from rest_framework import serializers

from ketenzorg.families.models import Family, Involvement, MemberRole, Person
from ketenzorg.families.services import MemberInput
from ketenzorg.network.models import District


class PersonSerializer(serializers.ModelSerializer):
    bsn_masked = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = [
            "uuid",
            "given_name",
            "family_name",
            "birthdate",
            "role",
            "has_parental_authority",
            "bsn_masked",
        ]


class PersonWriteSerializer(serializers.Serializer):
    given_name = serializers.CharField(max_length=100)
    family_name = serializers.CharField(max_length=150)
    birthdate = serializers.DateField()
    role = serializers.ChoiceField(choices=MemberRole.choices)
    has_parental_authority = serializers.BooleanField(default=False)
    bsn = serializers.CharField(
        max_length=11, required=False, allow_blank=True, default="", write_only=True
    )

    def to_input(self) -> MemberInput:
        return MemberInput(**self.validated_data)


class InvolvementSerializer(serializers.ModelSerializer):
    professional = serializers.CharField(source="professional.full_name", read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Involvement
        fields = ["uuid", "professional", "organisation", "capacity", "started_on", "ended_on"]


class FamilySerializer(serializers.ModelSerializer):
    """A family of a list page: its members as the search handed them out (`member_list`)."""

    members = PersonSerializer(many=True, read_only=True, source="member_list")
    district = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = Family
        fields = ["uuid", "name", "postcode", "house_number", "district", "members", "created_at"]


class FamilyDetailSerializer(FamilySerializer):
    members = PersonSerializer(many=True, read_only=True)
    involvements = InvolvementSerializer(many=True, read_only=True)

    class Meta(FamilySerializer.Meta):
        fields = FamilySerializer.Meta.fields + ["involvements"]


class FamilyWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True, default="")
    house_number = serializers.CharField(
        max_length=10, required=False, allow_blank=True, default=""
    )
    district = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=District.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )


class FamilyCreateSerializer(FamilyWriteSerializer):
    members = PersonWriteSerializer(many=True)

    def validate_members(self, value):
        if not value:
            raise serializers.ValidationError("Voeg ten minste één gezinslid toe.")
        if len(value) > 30:
            raise serializers.ValidationError("Een gezin heeft hier hoogstens 30 leden.")
        return value


class EmergencySerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class FamilyListPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    results = FamilySerializer(many=True)
