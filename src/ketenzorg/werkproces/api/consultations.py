"""API operations on consultations (meedenken/meedoen)."""

urlpatterns: list = []
