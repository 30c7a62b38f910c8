"""Response headers that keep personal data where it belongs.

`Cache-Control: no-store` on every response that the application itself makes: pages and
API answers may hold a child's data, and no browser cache, proxy or back button should
keep them. Static files (served by whitenoise before this middleware) keep their long
cache headers; they hold nothing personal.
"""

from __future__ import annotations

from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True, max_age=0)
        return response
