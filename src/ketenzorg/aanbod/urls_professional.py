"""The professionals' view of a programme, mounted at /aanbod/ (login; the roles that work
with families): the public page plus waiting time, capacity, internal notes, who to call."""

from django.urls import path

from ketenzorg.aanbod import views_maintenance as views

app_name = "aanbod"
urlpatterns = [
    path("<uuid:programme_uuid>/", views.professional_detail, name="professional_detail"),
]
