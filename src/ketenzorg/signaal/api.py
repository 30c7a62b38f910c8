"""The signal function in the API: the list of figures and one figure after suppression.

The same catalogue, filters and selectors as the screens (`signaal.forms.FilterForm` reads the
query parameters), so the API publishes exactly what the dashboard shows: hidden cells are null,
a look is logged like a page view, a refusal is logged by the door.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ketenzorg.api.problems import PROBLEM_CONTENT_TYPE as PROBLEM
from ketenzorg.glossary.serializers import ProblemSerializer
from ketenzorg.signaal import catalogue, selectors
from ketenzorg.signaal.forms import FilterForm

REFUSED = {
    (403, PROBLEM): OpenApiResponse(ProblemSerializer, description="geen manager of netwerklid"),
}


class EntrySerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    definition = serializers.CharField()
    chart = serializers.ChoiceField(choices=["pyramid", "line", "bars"])
    period_filter = serializers.BooleanField(help_text="neemt de filters van en tot (maanden)")
    area_filter = serializers.BooleanField(help_text="neemt het filter gebied (uuid)")


def _entry_data(entry: catalogue.Entry) -> dict:
    return {
        "key": entry.key,
        "title": str(entry.title),
        "definition": catalogue.definition(entry),
        "chart": entry.chart,
        "period_filter": entry.period,
        "area_filter": entry.area,
    }


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    definition = serializers.CharField(help_text="wat geteld is, en over welke periode")
    threshold = serializers.IntegerField(help_text="aantallen hieronder zijn verborgen (null)")
    rows = serializers.ListField(child=serializers.CharField())
    columns = serializers.ListField(child=serializers.CharField())
    cells = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(allow_null=True)),
        help_text="per rij de aantallen per kolom; null is verborgen",
    )
    row_totals = serializers.ListField(
        child=serializers.IntegerField(allow_null=True), allow_null=True
    )
    expected_shares = serializers.DictField(
        child=serializers.FloatField(), required=False, help_text="zorgpiramide, per niveau"
    )
    rises_unusually = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="onderwerpen met een ongewone stijging",
    )


def _figure_data(figure) -> dict:
    data = {
        "key": figure.key,
        "title": figure.title,
        "definition": figure.definition,
        "threshold": figure.threshold,
        "rows": list(figure.rows),
        "columns": list(figure.columns),
        "cells": [list(row) for row in figure.cells],
        "row_totals": list(figure.row_totals) if figure.row_totals is not None else None,
    }
    if "expected_shares" in figure.extra:
        data["expected_shares"] = {str(k): v for k, v in figure.extra["expected_shares"].items()}
    if "rises" in figure.extra:
        data["rises_unusually"] = [c for c, test in figure.extra["rises"].items() if test.rises]
    return data


class FigureListView(APIView):
    @extend_schema(
        operation_id="signaal_figuren_list",
        summary="De cijfers van de signaalfunctie, met hun definitie (manager en netwerkoverleg)",
        responses={200: EntrySerializer(many=True), **REFUSED},
    )
    def get(self, request):
        entries = selectors.overview(actor=request.user)
        return Response([_entry_data(entry) for entry in entries])


class FigureDetailView(APIView):
    @extend_schema(
        operation_id="signaal_figuren_retrieve",
        summary="Eén cijfer na onderdrukking van kleine aantallen (verborgen is null)",
        parameters=[
            OpenApiParameter("van", str, description="eerste maand, JJJJ-MM (standaard: 12 terug)"),
            OpenApiParameter("tot", str, description="laatste maand, JJJJ-MM (standaard: deze)"),
            OpenApiParameter("gebied", str, description="uuid van een gebied (standaard: alles)"),
        ],
        responses={
            200: FigureSerializer,
            (400, PROBLEM): OpenApiResponse(ProblemSerializer, description="ongeldige filters"),
            (404, PROBLEM): OpenApiResponse(ProblemSerializer, description="onbekend cijfer"),
            **REFUSED,
        },
    )
    def get(self, request, figure_key):
        try:
            entry = catalogue.get(figure_key)
        except KeyError:
            raise Http404 from None
        params = {k: request.query_params.get(k) for k in ("van", "tot", "gebied")}
        form = FilterForm(
            {k: v for k, v in params.items() if v is not None},
            period=entry.period,
            area=entry.area,
        )
        if not form.is_valid():
            selectors.filters_refused(actor=request.user, name=entry.key)
            raise exceptions.ValidationError(
                {
                    ("filters" if field == "__all__" else field): messages
                    for field, messages in form.errors.items()
                }
            )
        figure = selectors.figure_view(
            actor=request.user, name=entry.selector, **entry.fixed, **form.filters()
        )
        return Response(_figure_data(figure))


urlpatterns = [
    path("signaal/figuren/", FigureListView.as_view(), name="signaal-figuren"),
    path(
        "signaal/figuren/<slug:figure_key>/",
        FigureDetailView.as_view(),
        name="signaal-figuur",
    ),
]
