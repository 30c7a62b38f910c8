"""The response headers of `core.headers`: django-csp's policy, built once where it is the same
text each time, and `Cache-Control: no-store` on everything the application answers."""

import re

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY, NONE, SELF
from csp.decorators import csp_exempt, csp_replace, csp_update
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils.cache import patch_cache_control

from ketenzorg.core.headers import ContentSecurityPolicyMiddleware, NoStoreMiddleware

REPORT_ONLY = {"DIRECTIVES": {"default-src": [NONE], "img-src": [SELF]}}


def _plain(request):
    return HttpResponse("ok")


def _with_nonce(request):
    return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")


def _status(code):
    return lambda request: HttpResponse("x", status=code)


VIEWS = {
    "plain": _plain,
    "nonce": _with_nonce,
    "updated": csp_update({"img-src": ["https://kaart.example"]})(_plain),
    "replaced": csp_replace({"script-src": [SELF]})(_plain),
    "exempt": csp_exempt()(_plain),
    "not found": _status(404),
    "server error": _status(500),
}


def _headers(middleware_class, view, path="/casussen/"):
    request = RequestFactory().get(path)
    middleware = middleware_class(view)
    middleware.process_request(request)
    response = middleware.process_response(request, view(request))
    return {h: response.get(h) for h in (HEADER, HEADER_REPORT_ONLY)}, request


def _without_nonce(headers: dict) -> dict:
    return {h: p and re.sub(r"'nonce-[^']+'", "'nonce-…'", p) for h, p in headers.items()}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("report_only", [False, True])
@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("path", ["/casussen/", "/api/v1/casussen/"])
def test_the_headers_are_django_csps_own(view, report_only, debug, path):
    policies = {"CONTENT_SECURITY_POLICY_REPORT_ONLY": REPORT_ONLY} if report_only else {}
    with override_settings(DEBUG=debug, **policies):
        for _ in range(2):  # the second time from what was built once
            ours, _request = _headers(ContentSecurityPolicyMiddleware, VIEWS[view], path)
            theirs, _request = _headers(CSPMiddleware, VIEWS[view], path)
            # A nonce is random: the policies are the same text around it.
            ours, theirs = _without_nonce(ours), _without_nonce(theirs)
            assert ours == theirs
    shown = ours[HEADER]
    if view == "exempt" or (debug and view in ("not found", "server error")):
        assert shown is None
    else:
        assert "frame-ancestors 'none'" in shown
        assert ("'nonce-…'" in shown) == (view == "nonce")


def test_an_excluded_prefix_gets_no_policy():
    policy = {"DIRECTIVES": {"default-src": [SELF]}, "EXCLUDE_URL_PREFIXES": ["/api/"]}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        assert _headers(ContentSecurityPolicyMiddleware, _plain, "/api/v1/")[0][HEADER] is None
        assert _headers(ContentSecurityPolicyMiddleware, _plain, "/casussen/")[0][HEADER] == (
            "default-src 'self'"
        )


def test_a_changed_setting_is_the_next_responses_policy():
    first = _headers(ContentSecurityPolicyMiddleware, _plain)[0][HEADER]
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": [NONE]}}):
        assert _headers(ContentSecurityPolicyMiddleware, _plain)[0][HEADER] == "default-src 'none'"
    assert _headers(ContentSecurityPolicyMiddleware, _plain)[0][HEADER] == first


def test_a_nonce_asked_after_the_header_is_written_is_refused():
    from csp.exceptions import CSPNonceError

    _, request = _headers(ContentSecurityPolicyMiddleware, _plain)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)


@pytest.mark.parametrize("before", [None, "no-cache", "public, max-age=3600"])
def test_no_store_is_what_patch_cache_control_writes(before):
    def view(request):
        response = HttpResponse("ok")
        if before:
            response["Cache-Control"] = before
        return response

    expected = view(None)
    patch_cache_control(expected, no_store=True, private=True, max_age=0)
    response = NoStoreMiddleware(view)(RequestFactory().get("/"))
    assert response["Cache-Control"] == expected["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
