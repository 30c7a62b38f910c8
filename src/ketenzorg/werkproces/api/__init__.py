"""The werkproces API: the steps of a case's werkproces, the consultations and the GKP-overleg."""

from ketenzorg.werkproces.api import consultations, gkp, steps

urlpatterns = [*steps.urlpatterns, *consultations.urlpatterns, *gkp.urlpatterns]
