"""API operations on the consent registry."""

urlpatterns: list = []
