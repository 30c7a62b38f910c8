"""The Content-Security-Policy holds in a real browser: our pages and the API docs run with
it and the browser reports no blocked script, style or eval (issue: no CSP, htmx allowEval)."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.e2e


def _violations(page, path: str, ready: str) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    response = page.goto(path)
    assert response is not None and response.ok, path
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy
    page.wait_for_selector(ready)
    return [m for m in messages if "Content Security Policy" in m or "Refused to" in m]


@pytest.mark.parametrize(
    "path, ready",
    [
        ("/", "main"),
        ("/publiek/vraag/", "form"),
        ("/api/docs/", ".swagger-ui .information-container"),
    ],
)
def test_pages_run_under_the_policy(page, path, ready):
    assert _violations(page, path, ready) == []


def test_a_professional_page_runs_under_the_policy(page, login_as):
    login_as(factories.make_professional("okt").user)
    assert _violations(page, "/werkplek/", "main") == []
