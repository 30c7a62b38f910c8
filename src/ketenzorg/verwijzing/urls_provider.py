"""The referral's screens for the provider side (filled by its part of issue 15)."""

urlpatterns: list = []
