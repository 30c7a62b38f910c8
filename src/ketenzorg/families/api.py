"""Families in the API: the same selectors, services, access and audit as the screens."""

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.api.idempotency import idempotent
from ketenzorg.families import selectors, services
from ketenzorg.families.serializers import (
    EmergencySerializer,
    FamilyCreateSerializer,
    FamilyDetailSerializer,
    FamilyListPageSerializer,
    FamilyWriteSerializer,
    PersonSerializer,
    PersonWriteSerializer,
)
from ketenzorg.families.services import MemberInput

PAGE_SIZE = 100


class PageParams(serializers.Serializer):
    page = serializers.IntegerField(required=False, min_value=1, max_value=1_000_000, default=1)


class SearchSerializer(PageParams):
    """A search in the body, never in the URL: a BSN, a name or a birth date in a query
    string ends up in server logs, Referer headers and browser history."""

    name = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")
    birthdate = serializers.DateField(required=False, default=None)
    bsn = serializers.CharField(required=False, allow_blank=True, max_length=11, default="")


def _family_page(request, *, name="", birthdate=None, bsn="", page=1) -> Response:
    selectors.family_search_allowed(actor=request.user)
    search = selectors.FamilySearch(name=name.strip(), birthdate=birthdate, bsn=bsn.strip())
    families, total = selectors.family_search(
        actor=request.user, search=search, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    return Response(
        FamilyListPageSerializer({"count": total, "page": page, "results": families}).data
    )


class FamilyListView(APIView):
    @extend_schema(
        operation_id="families_list",
        summary="Gezinnen waarbij u betrokken bent (zoeken: POST gezinnen/zoeken/)",
        parameters=[OpenApiParameter("page", int)],
        responses=FamilyListPageSerializer,
    )
    def get(self, request):
        selectors.family_search_allowed(actor=request.user)
        params = PageParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        return _family_page(request, page=params.validated_data["page"])

    @extend_schema(
        operation_id="families_create",
        summary="Gezin registreren (u wordt betrokken professional)",
        request=FamilyCreateSerializer,
        responses={201: FamilyDetailSerializer},
    )
    @idempotent
    def post(self, request):
        services.family_register_allowed(actor=request.user)
        serializer = FamilyCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        members = [MemberInput(**m) for m in data.pop("members")]
        family = services.family_register(actor=request.user, members=members, **data)
        family = selectors.family_get(actor=request.user, family_uuid=family.uuid)
        return Response(FamilyDetailSerializer(family).data, status=status.HTTP_201_CREATED)


class FamilySearchView(APIView):
    read_methods = ("POST",)  # a search: a read-only API key may use it (access.api_keys)

    @extend_schema(
        operation_id="families_search",
        summary="Gezinnen zoeken op naam, geboortedatum of BSN (in de body, nooit in de URL)",
        request=SearchSerializer,
        responses=FamilyListPageSerializer,
    )
    def post(self, request):
        selectors.family_search_allowed(actor=request.user)
        serializer = SearchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return _family_page(request, **serializer.validated_data)


class FamilyDetailView(APIView):
    @extend_schema(
        operation_id="families_retrieve", summary="Eén gezin", responses=FamilyDetailSerializer
    )
    def get(self, request, family_uuid):
        family = selectors.family_get(actor=request.user, family_uuid=family_uuid)
        return Response(FamilyDetailSerializer(family).data)

    @extend_schema(
        operation_id="families_update",
        summary="Gezinsgegevens wijzigen",
        request=FamilyWriteSerializer,
        responses=FamilyDetailSerializer,
    )
    def put(self, request, family_uuid):
        family = selectors.family_get(actor=request.user, family_uuid=family_uuid)
        serializer = FamilyWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.family_update(actor=request.user, family=family, **serializer.validated_data)
        family = selectors.family_get(actor=request.user, family_uuid=family_uuid)
        return Response(FamilyDetailSerializer(family).data)


class FamilyMembersView(APIView):
    @extend_schema(
        operation_id="families_members_create",
        summary="Gezinslid toevoegen",
        request=PersonWriteSerializer,
        responses={201: PersonSerializer},
    )
    @idempotent
    def post(self, request, family_uuid):
        family = selectors.family_get(actor=request.user, family_uuid=family_uuid)
        serializer = PersonWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        person = services.person_add(
            actor=request.user, family=family, member=serializer.to_input()
        )
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)


class FamilyEmergencyView(APIView):
    @extend_schema(
        operation_id="families_emergency_access",
        summary="Noodtoegang (break the glass) voor 24 uur, met reden",
        request=EmergencySerializer,
        responses={201: None},
    )
    @idempotent
    def post(self, request, family_uuid):
        family = selectors.family_for_emergency(family_uuid=family_uuid)
        serializer = EmergencySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # The service checks the role before the reason, so a refusal is never a 400.
        grant = services.emergency_access_grant(
            actor=request.user, family=family, reason=serializer.validated_data["reason"]
        )
        return Response({"expires_at": grant.expires_at}, status=status.HTTP_201_CREATED)


class PersonDetailView(APIView):
    @extend_schema(
        operation_id="persons_retrieve", summary="Eén persoon", responses=PersonSerializer
    )
    def get(self, request, person_uuid):
        person = selectors.person_get(actor=request.user, person_uuid=person_uuid)
        return Response(PersonSerializer(person).data)

    @extend_schema(
        operation_id="persons_update",
        summary="Persoon wijzigen",
        request=PersonWriteSerializer,
        responses=PersonSerializer,
    )
    def put(self, request, person_uuid):
        person = selectors.person_get(actor=request.user, person_uuid=person_uuid)
        serializer = PersonWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        person = services.person_update(
            actor=request.user, person=person, member=serializer.to_input()
        )
        return Response(PersonSerializer(person).data)


urlpatterns = [
    path("gezinnen/", FamilyListView.as_view(), name="api-families"),
    path("gezinnen/zoeken/", FamilySearchView.as_view(), name="api-families-search"),
    path("gezinnen/<uuid:family_uuid>/", FamilyDetailView.as_view(), name="api-family"),
    path(
        "gezinnen/<uuid:family_uuid>/gezinsleden/",
        FamilyMembersView.as_view(),
        name="api-family-members",
    ),
    path(
        "gezinnen/<uuid:family_uuid>/noodtoegang/",
        FamilyEmergencyView.as_view(),
        name="api-family-emergency",
    ),
    path("personen/<uuid:person_uuid>/", PersonDetailView.as_view(), name="api-person"),
]
