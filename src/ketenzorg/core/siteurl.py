"""Absolute links for what leaves the site (e-mail): a mail client has no page to resolve a path against."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (from reverse()) on the configured KETENZORG_SITE_URL."""
    return settings.KETENZORG_SITE_URL.rstrip("/") + "/" + path.lstrip("/")
