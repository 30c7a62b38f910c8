from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from ketenzorg.site import views as site_views

urlpatterns = [
    path("", site_views.landing, name="landing"),
    path("gezondheid/", site_views.health, name="health"),
    # Browsers ask for /favicon.ico whatever the page links; send them to the SVG.
    path(
        "favicon.ico",
        RedirectView.as_view(url=static("ketenzorg/favicon.svg"), permanent=True),
        name="favicon",
    ),
    path("werkplek/", include("ketenzorg.site.urls")),
    path("inloggen/", include("ketenzorg.accounts.urls")),
    path("gezinnen/", include("ketenzorg.families.urls")),
    path("beheer/aanbod/", include("ketenzorg.aanbod.urls_beheer")),
    path("beheer/", include("ketenzorg.network.urls")),
    path("toegangslog/", include("ketenzorg.privacy.urls")),
    path("begrippen/", include("ketenzorg.glossary.urls")),
    path("publiek/aanbod/", include("ketenzorg.aanbod.urls_public")),
    path("aanbod/", include("ketenzorg.aanbod.urls_professional")),
    path("publiek/", include("ketenzorg.frontdoor.urls_public")),
    path("advies/", include("ketenzorg.frontdoor.urls")),
    path("casussen/", include("ketenzorg.coordination.urls")),
    path("werkproces/", include("ketenzorg.werkproces.urls")),
    path("verwijzingen/", include("ketenzorg.verwijzing.urls")),
    path("toestemmingen/", include("ketenzorg.consent.urls")),
    path("signaal/", include("ketenzorg.signaal.urls")),
    path("api/", include("ketenzorg.site.urls_api")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("djangobeheer/", admin.site.urls),
]

handler400 = "ketenzorg.core.views.bad_request"
handler403 = "ketenzorg.core.views.permission_denied"
handler404 = "ketenzorg.core.views.page_not_found"
handler500 = "ketenzorg.core.views.server_error"
