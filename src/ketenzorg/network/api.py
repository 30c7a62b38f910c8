"""The network in the API: the directory for every professional, changes for the beheerder only.

Writes go through the same services as the screens, so the API cannot skip a rule or the log.
"""

from django.urls import path
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.access import policy
from ketenzorg.api.idempotency import idempotent
from ketenzorg.api.input import validated
from ketenzorg.audit.models import Action
from ketenzorg.core.errors import NotFound
from ketenzorg.network import guards, selectors, services
from ketenzorg.network.permissions import IsNetworkManager, IsNetworkProfessional
from ketenzorg.network.serializers import (
    AvailabilitySerializer,
    DirectoryParams,
    DistrictSerializer,
    OrganisationParams,
    OrganisationSerializer,
    OrganisationWriteSerializer,
    ProfessionalCreatedSerializer,
    ProfessionalCreateSerializer,
    ProfessionalSerializer,
    ProfessionalWriteSerializer,
)
from ketenzorg.network.services import AvailabilityInput


class NetworkAccess:
    """Reading needs a professional, writing the beheerder; a refusal is logged like on the screens."""

    def get_permissions(self):
        return (
            [IsNetworkProfessional()]
            if self.request.method in SAFE_METHODS
            else [IsNetworkManager()]
        )

    def permission_denied(self, request, message=None, code=None):
        if request.user is not None and request.user.is_authenticated:
            action = Action.READ if request.method in SAFE_METHODS else Action.UPDATE
            guards.network_refuse(actor=request.user, action=action, reason=message or "")
        super().permission_denied(request, message=message, code=code)


def _hide_inactive(request, *, active: bool) -> None:
    """Deactivated entries are for the beheerder only; to others they do not exist."""
    if not active and not policy.can_manage_network(request.user):
        raise NotFound(gettext("Niet gevonden."))


class DistrictListView(NetworkAccess, generics.ListAPIView):
    serializer_class = DistrictSerializer

    def get_queryset(self):
        return selectors.district_choices()

    @extend_schema(
        operation_id="gebieden_list", summary="Alle gebieden: stad, stadsdelen en gebieden"
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class OrganisationListView(NetworkAccess, generics.ListAPIView):
    serializer_class = OrganisationSerializer

    def get_queryset(self):
        params = OrganisationParams(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        return selectors.organisation_list(
            q=data["name"].strip(), kind=data["kind"], domain=data["domain"]
        )

    @extend_schema(
        operation_id="organisaties_list",
        summary="Actieve organisaties van het OKé-netwerk",
        parameters=[OrganisationParams],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="organisaties_create",
        summary="Organisatie toevoegen (functioneel beheerder)",
        request=OrganisationWriteSerializer,
        responses={201: OrganisationSerializer},
    )
    @idempotent
    def post(self, request):
        serializer = OrganisationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = services.organisation_create(actor=request.user, data=serializer.to_input())
        return Response(OrganisationSerializer(organisation).data, status=status.HTTP_201_CREATED)


class OrganisationDetailView(NetworkAccess, APIView):
    @extend_schema(
        operation_id="organisaties_retrieve",
        summary="Eén organisatie",
        responses=OrganisationSerializer,
    )
    def get(self, request, organisation_uuid):
        organisation = selectors.organisation_get(organisation_uuid=organisation_uuid)
        _hide_inactive(request, active=organisation.is_active)
        return Response(OrganisationSerializer(organisation).data)

    @extend_schema(
        operation_id="organisaties_update",
        summary="Organisatie wijzigen (functioneel beheerder)",
        request=OrganisationWriteSerializer,
        responses=OrganisationSerializer,
    )
    def put(self, request, organisation_uuid):
        organisation = selectors.organisation_get(organisation_uuid=organisation_uuid)
        serializer = OrganisationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.organisation_update(
            actor=request.user, organisation=organisation, data=serializer.to_input()
        )
        return Response(OrganisationSerializer(organisation).data)


class ProfessionalListView(NetworkAccess, generics.ListAPIView):
    serializer_class = ProfessionalSerializer

    def get_queryset(self):
        params = DirectoryParams(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        return selectors.directory_search(
            area=data["area"],
            expertise=data["expertise"],
            role=data["role"],
            q=data["name"].strip(),
            available=data["available"],
        )

    @extend_schema(
        operation_id="professionals_list",
        summary="Sociale kaart: actieve professionals, te filteren op gebied, expertise en rol",
        parameters=[DirectoryParams],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="professionals_create",
        summary="Professional toevoegen, eventueel met inlogaccount (functioneel beheerder)",
        request=ProfessionalCreateSerializer,
        responses={201: ProfessionalCreatedSerializer},
    )
    def post(self, request):
        serializer = ProfessionalCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created, password = services.professional_create(
            actor=request.user,
            data=serializer.to_input(),
            username=serializer.validated_data["username"],
        )
        professional = selectors.professional_get(professional_uuid=created.uuid)
        professional.initial_password = password or None
        response = Response(
            ProfessionalCreatedSerializer(professional).data, status=status.HTTP_201_CREATED
        )
        add_never_cache_headers(response)
        return response


class ProfessionalDetailView(NetworkAccess, APIView):
    @extend_schema(
        operation_id="professionals_retrieve",
        summary="Eén professional",
        responses=ProfessionalSerializer,
    )
    def get(self, request, professional_uuid):
        professional = selectors.professional_get(professional_uuid=professional_uuid)
        _hide_inactive(
            request, active=professional.is_active and professional.organisation.is_active
        )
        return Response(ProfessionalSerializer(professional).data)

    @extend_schema(
        operation_id="professionals_update",
        summary="Professional wijzigen (functioneel beheerder)",
        request=ProfessionalWriteSerializer,
        responses=ProfessionalSerializer,
    )
    def put(self, request, professional_uuid):
        professional = selectors.professional_get(professional_uuid=professional_uuid)
        serializer = ProfessionalWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.professional_update(
            actor=request.user, professional=professional, data=serializer.to_input()
        )
        professional = selectors.professional_get(professional_uuid=professional_uuid)
        return Response(ProfessionalSerializer(professional).data)


class MyAvailabilityView(APIView):
    """Every professional keeps their own availability and expertise (not their roles)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        guards.own_entry_allowed(actor=request.user)  # refused and logged before any input

    @extend_schema(
        operation_id="professionals_my_availability_retrieve",
        summary="Mijn beschikbaarheid en expertise in de sociale kaart",
        responses=AvailabilitySerializer,
    )
    def get(self, request):
        return Response(AvailabilitySerializer(selectors.own_entry(actor=request.user)).data)

    @extend_schema(
        operation_id="professionals_my_availability_update",
        summary="Mijn beschikbaarheid en expertise bijwerken",
        request=AvailabilitySerializer,
        responses=AvailabilitySerializer,
    )
    def put(self, request):
        data = validated(AvailabilitySerializer, request.data)
        services.own_availability_update(actor=request.user, data=AvailabilityInput(**data))
        return Response(AvailabilitySerializer(selectors.own_entry(actor=request.user)).data)


urlpatterns = [
    path(
        "professionals/mij/beschikbaarheid/",
        MyAvailabilityView.as_view(),
        name="api-my-availability",
    ),
    path("gebieden/", DistrictListView.as_view(), name="api-districts"),
    path("organisaties/", OrganisationListView.as_view(), name="api-organisations"),
    path(
        "organisaties/<uuid:organisation_uuid>/",
        OrganisationDetailView.as_view(),
        name="api-organisation",
    ),
    path("professionals/", ProfessionalListView.as_view(), name="api-professionals"),
    path(
        "professionals/<uuid:professional_uuid>/",
        ProfessionalDetailView.as_view(),
        name="api-professional",
    ),
]
