from django.urls import path

from ketenzorg.privacy import views

# The namespace stays "audit": `audit:index` and `audit:person_log` are the names the menu,
# the templates and the authorization matrix use.
app_name = "audit"
urlpatterns = [
    path("", views.index, name="index"),
    path("personen/<str:person_uuid>/", views.person_log, name="person_log"),
    path("noodtoegang/", views.emergency_list, name="emergency_list"),
    path("noodtoegang/<str:grant_uuid>/", views.emergency_detail, name="emergency_detail"),
]
