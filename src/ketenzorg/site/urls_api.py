"""The API: one versioned root that each app contributes its routes to.

It names every app, so it lives at the site level; `ketenzorg.api` keeps only what the apps
build their endpoints with (problems, pagination, authentication).
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("v1/", include("ketenzorg.families.api")),
    path("v1/", include("ketenzorg.network.api")),
    path("v1/", include("ketenzorg.glossary.api")),
    path("v1/", include("ketenzorg.privacy.api")),
    path("v1/", include("ketenzorg.frontdoor.api")),
    path("v1/", include("ketenzorg.aanbod.api")),
    path("v1/", include("ketenzorg.coordination.api")),
    path("v1/", include("ketenzorg.werkproces.api")),
    path("v1/", include("ketenzorg.verwijzing.api")),
    path("v1/", include("ketenzorg.consent.api")),
    path("v1/", include("ketenzorg.signaal.api")),
]
