"""The public catalogue in the API: search and a programme, no login, the public fields only.

Bad filters (an age that is no number, an unknown district) are a 400 problem with the field
named, never a 500; an unknown or unpublished programme is a 404 problem.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.aanbod import rules, selectors
from ketenzorg.aanbod.selectors import SearchParams
from ketenzorg.aanbod.serializers import (
    ProgrammeSearchPageSerializer,
    PublicDistrictSerializer,
    PublicProgrammeSerializer,
    SearchQuerySerializer,
    public_programme_item,
)
from ketenzorg.api.problems import PROBLEM_CONTENT_TYPE as PROBLEM

PROBLEMS = {
    (400, PROBLEM): OpenApiResponse(description="ongeldige invoer (problem+json)"),
    (404, PROBLEM): OpenApiResponse(description="niet gevonden (problem+json)"),
}


class PublicView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class ProgrammeSearchView(PublicView):
    @extend_schema(
        operation_id="aanbod_programmes_search",
        summary="Aanbod op maat zoeken: woorden, leeftijd van het kind, onderwerp, gebied (openbaar)",
        description=(
            "Gepubliceerd aanbod dat past bij alle woorden (Nederlandse stamvormen en "
            "samenstellingen: 'slapen' vindt 'slaapproblemen'), de leeftijd, het onderwerp en het "
            "gebied (een wijk omvat ook het aanbod van zijn stadsdeel en van de hele stad). "
            "Beste treffers eerst (woorden in de naam), dan op naam."
        ),
        parameters=[
            OpenApiParameter("text", str, description="zoekwoorden, bijv. slapen"),
            OpenApiParameter(
                "age", int, description=f"leeftijd van het kind in jaren (0–{rules.CHILD_MAX_AGE})"
            ),
            OpenApiParameter(
                "topic", str, description="uuid van een onderwerp (/api/v1/onderwerpen/)"
            ),
            OpenApiParameter("district", str, description="uuid van een stadsdeel of wijk"),
            OpenApiParameter("page", int, description="pagina, vanaf 1"),
            OpenApiParameter(
                "page_size", int, description=f"resultaten per pagina (1–{rules.MAX_PAGE_SIZE})"
            ),
        ],
        responses={200: ProgrammeSearchPageSerializer, **PROBLEMS},
    )
    def get(self, request):
        query = SearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        page = selectors.programme_search(
            SearchParams(
                text=data["text"], age=data["age"], topic_uuid=data["topic"],
                district_uuid=data["district"], page=data["page"], page_size=data["page_size"],
            )
        )  # fmt: skip
        return Response(
            {
                "count": page.total,
                "page": page.page,
                "pages": page.pages,
                "page_size": page.page_size,
                "results": [public_programme_item(p) for p in page.results],
            }
        )


class DistrictListView(PublicView):
    @extend_schema(
        operation_id="aanbod_districts_list",
        summary="De stadsdelen en wijken om op te zoeken (openbaar)",
        responses={200: PublicDistrictSerializer(many=True), **PROBLEMS},
    )
    def get(self, request):
        rows = []
        for stadsdeel, gebieden in selectors.search_districts():
            rows.append({"uuid": stadsdeel.uuid, "name": stadsdeel.name, "kind": stadsdeel.kind,
                         "parent": None})  # fmt: skip
            rows += [
                {"uuid": g.uuid, "name": g.name, "kind": g.kind, "parent": stadsdeel.uuid}
                for g in gebieden
            ]
        return Response(PublicDistrictSerializer(rows, many=True).data)


class ProgrammeDetailView(PublicView):
    @extend_schema(
        operation_id="aanbod_programmes_retrieve",
        summary="Eén aanbod, met de openbare gegevens (openbaar)",
        responses={200: PublicProgrammeSerializer, **PROBLEMS},
    )
    def get(self, request, programme_uuid):
        programme = selectors.public_programme_get(programme_uuid=programme_uuid)
        return Response(PublicProgrammeSerializer(programme).data)


urlpatterns = [
    path("aanbod/", ProgrammeSearchView.as_view(), name="api-aanbod-search"),
    path("aanbod/gebieden/", DistrictListView.as_view(), name="api-aanbod-districts"),
    path("aanbod/<uuid:programme_uuid>/", ProgrammeDetailView.as_view(), name="api-aanbod-detail"),
]

# The maintenance operations (providers, the beheerder's approval) and the open-data export.
from ketenzorg.aanbod.api_maintenance import urlpatterns as maintenance_urlpatterns  # noqa: E402

urlpatterns += maintenance_urlpatterns
