"""Routes of the werkproces steps of a case (the page, evaluating, deciding)."""

urlpatterns: list = []
