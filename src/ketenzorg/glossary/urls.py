from django.urls import path

from ketenzorg.glossary import views

app_name = "glossary"
urlpatterns = [
    path("", views.index, name="index"),
    # Before <slug>/ so that "beheer" is never read as a term.
    path("beheer/nieuw/", views.create, name="create"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/wijzigen/", views.edit, name="edit"),
]
