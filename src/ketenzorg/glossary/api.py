"""The begrippenlijst in the API: public, read-only, the same selectors as the pages.

No authentication at all (`authentication_classes = []`): the glossary holds no
personal data, and a session or token would only add work and a CSRF check.
"""

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny

from ketenzorg.api.problems import PROBLEM_CONTENT_TYPE as PROBLEM
from ketenzorg.core.errors import NotFound
from ketenzorg.glossary import selectors
from ketenzorg.glossary.serializers import ProblemSerializer, SearchParams, TermSerializer


class TermListView(generics.ListAPIView):
    serializer_class = TermSerializer
    authentication_classes = []
    permission_classes = [AllowAny]

    def get_queryset(self):
        params = SearchParams(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return selectors.term_search(query=params.validated_data["q"]).prefetch_related("related")

    @extend_schema(
        operation_id="glossary_terms_list",
        summary="Begrippen (met zoeken; accenten en hoofdletters maken niet uit)",
        parameters=[
            OpenApiParameter(
                "q",
                str,
                description="woorden die in begrip, schrijfwijze of betekenis voorkomen (hooguit 100 tekens)",
            )
        ],
        responses={
            200: TermSerializer(many=True),
            (400, PROBLEM): OpenApiResponse(ProblemSerializer, description="ongeldige zoekvraag"),
            (404, PROBLEM): OpenApiResponse(ProblemSerializer, description="pagina bestaat niet"),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class TermDetailView(generics.RetrieveAPIView):
    serializer_class = TermSerializer
    authentication_classes = []
    permission_classes = [AllowAny]

    def get_object(self):
        try:
            return selectors.term_get(slug=self.kwargs["slug"])
        except NotFound as exc:
            raise Http404(exc.message) from None

    @extend_schema(
        operation_id="glossary_terms_retrieve",
        summary="Eén begrip",
        responses={
            200: TermSerializer,
            (404, PROBLEM): OpenApiResponse(ProblemSerializer, description="onbekend begrip"),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


urlpatterns = [
    path("begrippen/", TermListView.as_view(), name="glossary-list"),
    path("begrippen/<slug:slug>/", TermDetailView.as_view(), name="glossary-detail"),
]
