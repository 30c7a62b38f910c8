from django.urls import path

from ketenzorg.families import views

app_name = "families"
urlpatterns = [
    path("", views.family_list, name="list"),
    path("registreren/", views.family_register, name="register"),
    path("<str:family_uuid>/", views.family_detail, name="detail"),
    path("<str:family_uuid>/wijzigen/", views.family_edit, name="edit"),
    path("<str:family_uuid>/gezinslid/", views.person_add, name="person_add"),
    path("<str:family_uuid>/noodtoegang/", views.emergency_access, name="emergency"),
    path("personen/<str:person_uuid>/wijzigen/", views.person_edit, name="person_edit"),
]
