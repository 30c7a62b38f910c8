"""API shapes of the network. Meaning (uniqueness, team in organisation, JGZ rules) is checked by services."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ketenzorg.api.fields import RelatedByUuid
from ketenzorg.core.errors import NotFound
from ketenzorg.network import selectors
from ketenzorg.network.models import (
    District,
    Domain,
    Organisation,
    OrganisationKind,
    Professional,
    Role,
    Team,
)
from ketenzorg.network.services import AvailabilityInput, OrganisationInput, ProfessionalInput


class DistrictSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = District
        fields = ["uuid", "name", "kind", "parent", "postcode_prefixes"]


class NamedRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()


class OrganisationSerializer(serializers.ModelSerializer):
    district = NamedRefSerializer(allow_null=True)
    domains = serializers.ListField(child=serializers.ChoiceField(choices=Domain.choices))

    class Meta:
        model = Organisation
        fields = ["uuid", "name", "kind", "domains", "district", "email", "phone", "is_active"]


def _district_field(**kwargs):
    return RelatedByUuid(slug_field="uuid", queryset=District.objects.all(), **kwargs)


class OrganisationWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=OrganisationKind.choices)
    domains = serializers.ListField(
        child=serializers.ChoiceField(choices=Domain.choices), min_length=1, max_length=4
    )
    district = _district_field(required=False, allow_null=True, default=None)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")

    def to_input(self) -> OrganisationInput:
        return OrganisationInput(**self.validated_data)


class ProfessionalSerializer(serializers.ModelSerializer):
    """What the directory shows: work contact details, never anything about families."""

    organisation = NamedRefSerializer()
    team = NamedRefSerializer(allow_null=True)
    roles = serializers.SerializerMethodField()
    expertise = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    areas = NamedRefSerializer(many=True)
    available_now = serializers.SerializerMethodField(
        help_text=_("Beschikbaar voor meedenken en meedoen, vandaag.")
    )

    class Meta:
        model = Professional
        fields = [
            "uuid",
            "first_name",
            "last_name",
            "email",
            "phone",
            "organisation",
            "team",
            "roles",
            "expertise",
            "areas",
            "is_active",
            "available_for_consultation",
            "availability_note",
            "available_from",
            "available_now",
        ]

    def get_roles(self, obj) -> list[str]:
        return sorted(obj.role_codes())

    def get_available_now(self, obj) -> bool:
        return obj.is_available(timezone.localdate())


class ProfessionalWriteSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=150)
    email = serializers.EmailField()
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    organisation = RelatedByUuid(slug_field="uuid", queryset=Organisation.objects.all())
    team = RelatedByUuid(
        slug_field="uuid",
        queryset=Team.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), min_length=1)
    expertise = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, default=list, max_length=50
    )
    areas = _district_field(many=True, required=False, default=list)
    available_for_consultation = serializers.BooleanField(
        required=False,
        default=None,
        allow_null=True,
        help_text=_("Weglaten laat de beschikbaarheid zoals de professional die bijhoudt."),
    )
    availability_note = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    available_from = serializers.DateField(required=False, allow_null=True, default=None)

    def to_input(self) -> ProfessionalInput:
        data = {name: value for name, value in self.validated_data.items() if name != "username"}
        return ProfessionalInput(**{**data, "areas": list(data["areas"])})


class ProfessionalCreateSerializer(ProfessionalWriteSerializer):
    username = serializers.CharField(
        max_length=150,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Met een gebruikersnaam wordt een inlogaccount gemaakt; het antwoord bevat dan eenmalig het wachtwoord."
        ),
    )


class ProfessionalCreatedSerializer(ProfessionalSerializer):
    initial_password = serializers.CharField(
        read_only=True,
        help_text=_("Alleen in dit antwoord, alleen als er een inlogaccount is gemaakt."),
    )

    class Meta(ProfessionalSerializer.Meta):
        fields = ProfessionalSerializer.Meta.fields + ["initial_password"]


class AvailabilitySerializer(serializers.Serializer):
    """The professional's own entry in the expertise directory (GET and PUT of `mij`)."""

    available_for_consultation = serializers.BooleanField()
    availability_note = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    available_from = serializers.DateField(required=False, allow_null=True, default=None)
    expertise = serializers.ListField(
        child=serializers.CharField(max_length=100),
        required=False,
        default=list,
        max_length=50,
        help_text=_("Namen van expertises; een nieuwe naam maakt een nieuwe expertise."),
    )

    def to_representation(self, professional):
        return {
            "available_for_consultation": professional.available_for_consultation,
            "availability_note": professional.availability_note,
            "available_from": (
                professional.available_from.isoformat() if professional.available_from else None
            ),
            "expertise": sorted(tag.name for tag in professional.expertise.all()),
        }

    def to_input(self) -> AvailabilityInput:
        return AvailabilityInput(**self.validated_data)


class DirectoryParams(serializers.Serializer):
    available = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Alleen wie vandaag beschikbaar is voor meedenken en meedoen."),
    )
    area = serializers.UUIDField(required=False, default=None)
    expertise = serializers.CharField(required=False, max_length=100, default="")
    role = serializers.ChoiceField(choices=Role.choices, required=False, default="")
    name = serializers.CharField(required=False, max_length=100, default="")

    def validate_area(self, value):
        if value is None:
            return None
        try:
            return selectors.district_get(district_uuid=value)
        except NotFound:
            raise serializers.ValidationError(gettext("Onbekend gebied.")) from None

    def validate_expertise(self, value):
        if not value:
            return None
        tag = selectors.expertise_by_name(name=value)
        if tag is None:
            raise serializers.ValidationError(gettext("Onbekende expertise."))
        return tag


class OrganisationParams(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=100, default="")
    kind = serializers.ChoiceField(choices=OrganisationKind.choices, required=False, default="")
    domain = serializers.ChoiceField(choices=Domain.choices, required=False, default="")
