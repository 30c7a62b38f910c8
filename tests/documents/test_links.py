"""Download links expire, and work only for the user they were made for."""

from __future__ import annotations

import time
import uuid
from types import SimpleNamespace

import pytest
from django.core import signing

from ketenzorg.documents.links import (
    LinkExpired,
    LinkInvalid,
    LinkUnusable,
    check_download_token,
    download_token,
)

DOC = SimpleNamespace(uuid=uuid.UUID("5c1d6a52-0f4e-4d2b-9c61-3e0b1f2a7d90"))


def _made_ago(seconds: float, monkeypatch, **kwargs) -> str:
    """A token as if made `seconds` ago: the signer reads the clock through time.time."""
    real = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real() - seconds)
    try:
        return download_token(DOC, **kwargs)
    finally:
        monkeypatch.setattr(signing.time, "time", real)


def test_a_fresh_token_names_the_document():
    token = download_token(DOC, user_id=7)
    assert check_download_token(token, user_id=7, max_age_seconds=600) == DOC.uuid
    assert check_download_token(token, user_id="7") == DOC.uuid  # the setting's max age


def test_the_token_is_url_safe_and_names_no_person():
    token = download_token(DOC, user_id=7)
    assert all(c.isalnum() or c in "-_:" for c in token)


def test_an_old_token_has_expired(monkeypatch):
    token = _made_ago(601, monkeypatch, user_id=7)
    with pytest.raises(LinkExpired):
        check_download_token(token, user_id=7, max_age_seconds=600)
    # Just inside the window it still works: the age, not a mistake, made it fail.
    assert (
        check_download_token(_made_ago(590, monkeypatch, user_id=7), user_id=7, max_age_seconds=600)
        == DOC.uuid
    )


def test_the_default_max_age_is_the_setting(settings, monkeypatch):
    settings.KETENZORG_DOCUMENT_LINK_SECONDS = 60
    token = _made_ago(120, monkeypatch, user_id=7)
    with pytest.raises(LinkExpired):
        check_download_token(token, user_id=7)


def test_another_user_cannot_use_a_forwarded_link():
    token = download_token(DOC, user_id=7)
    with pytest.raises(LinkInvalid, match="iemand anders"):
        check_download_token(token, user_id=8, max_age_seconds=600)


def test_a_token_for_another_purpose_is_refused():
    token = download_token(DOC, user_id=7, purpose="preview")
    assert check_download_token(token, user_id=7, purpose="preview") == DOC.uuid
    with pytest.raises(LinkInvalid):
        check_download_token(token, user_id=7)


@pytest.mark.parametrize("change", ["payload", "signature", "garbage", "empty"])
def test_a_tampered_token_is_invalid(change):
    token = download_token(DOC, user_id=7)
    payload, timestamp, signature = token.rsplit(":", 2)
    other = download_token(SimpleNamespace(uuid=uuid.uuid4()), user_id=7)
    tampered = {
        "payload": f"{other.split(':')[0]}:{timestamp}:{signature}",
        "signature": f"{payload}:{timestamp}:{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}",
        "garbage": "niet-een-token",
        "empty": "",
    }[change]
    with pytest.raises(LinkInvalid):
        check_download_token(tampered, user_id=7, max_age_seconds=600)


def test_a_value_signed_for_something_else_is_no_link():
    foreign = signing.TimestampSigner().sign_object({"d": str(DOC.uuid), "u": "7", "p": "download"})
    with pytest.raises(LinkInvalid):
        check_download_token(foreign, user_id=7, max_age_seconds=600)


def test_both_errors_are_one_kind_for_the_caller():
    assert issubclass(LinkExpired, LinkUnusable) and issubclass(LinkInvalid, LinkUnusable)
