"""API operations on the werkproces steps of a case."""

urlpatterns: list = []
