"""Response headers that keep personal data where it belongs.

`Cache-Control: no-store` on every response that the application itself makes: pages and
API answers may hold a child's data, and no browser cache, proxy or back button should
keep them. Static files (served by whitenoise before this middleware) keep their long
cache headers; they hold nothing personal.

The Content-Security-Policy is django-csp's, from `settings.CONTENT_SECURITY_POLICY`. Nearly
every response uses neither a nonce nor a view's own policy, so its header is the same text
each time: built once per process, not on every response (about 55 µs each).
"""

from __future__ import annotations

from http import HTTPStatus

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.cache import patch_cache_control

NO_STORE = "no-store, private, max-age=0"  # what `patch_cache_control` writes on a bare response


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True, max_age=0)
        else:
            response["Cache-Control"] = NO_STORE
        return response


# report_only -> the policy of a response without a nonce or a view's own policy.
_FIXED_POLICIES: dict[bool, str] = {}


@receiver(setting_changed)
def _forget_fixed_policies(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _FIXED_POLICIES.clear()


def _policy(parts: PolicyParts, report_only: bool) -> str:
    if parts != PolicyParts():
        return build_policy(
            parts.config, parts.update, parts.replace, parts.nonce, report_only=report_only
        )
    policy = _FIXED_POLICIES.get(report_only)
    if policy is None:
        policy = _FIXED_POLICIES[report_only] = build_policy(report_only=report_only)
    return policy


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware (the same headers, exemptions and excluded prefixes, and the
    same guard against a nonce asked for after the header is written), with the policy of a
    response that has no nonce or view policy of its own built once (`_policy`)."""

    def process_response(self, request, response):
        if response.status_code in DEBUG_PAGES and settings.DEBUG:
            return response
        for report_only, header, exempt, setting in POLICIES:
            parts = self.get_policy_parts(
                request=request, response=response, report_only=report_only
            )
            policy = _policy(parts, report_only)
            if (
                policy
                and header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(_excluded_prefixes(setting))
            ):
                response[header] = policy
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


DEBUG_PAGES = (HTTPStatus.INTERNAL_SERVER_ERROR, HTTPStatus.NOT_FOUND)
POLICIES = (
    (False, HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
    (True, HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
)


def _excluded_prefixes(setting: str) -> tuple:
    return tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
