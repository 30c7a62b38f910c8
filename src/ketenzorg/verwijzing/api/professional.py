"""The referral's API for the professional side (filled by its part of issue 15)."""

urlpatterns: list = []
