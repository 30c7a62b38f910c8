"""The API: one versioned root that each app contributes its routes to."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("v1/", include("ketenzorg.families.api")),
    path("v1/", include("ketenzorg.network.api")),
    path("v1/", include("ketenzorg.glossary.api")),
    path("v1/", include("ketenzorg.audit.api")),
    path("v1/", include("ketenzorg.frontdoor.api")),
    path("v1/", include("ketenzorg.coordination.api")),
]
