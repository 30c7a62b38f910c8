"""The werkproces API: the steps of a case's werkproces and the consultations."""

from ketenzorg.werkproces.api import consultations, steps

urlpatterns = [*steps.urlpatterns, *consultations.urlpatterns]
