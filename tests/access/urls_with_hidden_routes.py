"""The real URLs plus routes the OpenAPI schema does not show, for the completeness proof.

Each is the kind of route that once served personal data to anonymous users while every
completeness test passed: a plain Django view under /api/v1/, a DRF view excluded from the
schema, and a DRF view with one schema'd and one excluded method.
"""

from django.http import JsonResponse
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView


def plain(request):
    return JsonResponse({"geheim": True})


@extend_schema(exclude=True)
class Hidden(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        return Response({"geheim": True})


class HalfHidden(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: dict})
    def get(self, request):
        return Response({})

    @extend_schema(exclude=True)
    def delete(self, request):
        return Response(status=204)


urlpatterns = [
    path("api/v1/verborgen/plain/", plain, name="api-hidden-plain"),
    path("api/v1/verborgen/drf/", Hidden.as_view(), name="api-hidden-drf"),
    path("api/v1/verborgen/half/", HalfHidden.as_view(), name="api-hidden-half"),
    path("", include("ketenzorg.urls")),
]
