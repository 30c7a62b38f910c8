app_name = "frontdoor_public"
urlpatterns: list = []
