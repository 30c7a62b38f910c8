"""The referral's screens for the inbox side (filled by its part of issue 15)."""

urlpatterns: list = []
