"""The referral API: the professional's perspectiefplan, voorziening and referral; the
gebiedsknooppunt's inbox and steps; the provider's list, steps and documents."""

from ketenzorg.verwijzing.api import inbox, professional, provider

urlpatterns = [*professional.urlpatterns, *inbox.urlpatterns, *provider.urlpatterns]
