"""`Idempotency-Key` on the API's writes: a retry after a lost answer writes nothing twice.

A client that lost the answer to a POST (a dropped connection, a server killed mid-
request) cannot know whether the agreement was recorded. Sent with a key of its
choosing, the retry gets the first answer back (same status and body, header
`Idempotency-Replayed: true`) and the service does not run again. The same key with
another body or on another operation is a 422: the key was meant for something else.

The view's work and the stored answer are one transaction, so after a crash either
both are there or neither is. An exception from the view (a refusal, bad input) is
not remembered: the transaction is committed without a key, so what the view logged
on its way out (a refused attempt) stays logged, exactly as without the header, and
a retry runs again. Only 2xx answers are kept, for 24 hours.

Keys belong to a logged-in user; an anonymous caller's keys belong to a keyed hash of
the address (the public question form), so nobody replays someone else's answer.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from datetime import timedelta

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from ketenzorg.api.models import IdempotentRequest
from ketenzorg.api.problems import problem_response
from ketenzorg.core import crypto, requestcontext

KEY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotency-Replayed"
LIFETIME = timedelta(hours=24)
_KEY = re.compile(r"[\x21-\x7e]{1,255}")  # visible ASCII, as the IETF draft's examples
_PURPOSE = "api-idempotency"

IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    name=KEY_HEADER,
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Zelfgekozen sleutel (1–255 zichtbare ASCII-tekens, bijv. een uuid) om een verzoek "
        "veilig te herhalen: binnen 24 uur geeft dezelfde sleutel met dezelfde inhoud het "
        "eerste antwoord terug (kop Idempotency-Replayed: true) zonder opnieuw te schrijven; "
        "dezelfde sleutel met andere inhoud geeft 422."
    ),
)


class _KeyTaken(Exception):
    """A concurrent request stored the same key first; ours is rolled back."""


def idempotent(handler):
    """Make a DRF view's write method honour `Idempotency-Key` (and say so in the schema)."""

    @functools.wraps(handler)
    def wrapper(view, request, *args, **kwargs):
        key = request.headers.get(KEY_HEADER)
        if key is None:
            return handler(view, request, *args, **kwargs)
        if not _KEY.fullmatch(key):
            reason = gettext("Gebruik 1 tot 255 zichtbare ASCII-tekens, bijvoorbeeld een uuid.")
            return problem_response(
                400,
                gettext("De Idempotency-Key is ongeldig."),
                invalid_params=[{"name": KEY_HEADER, "reason": reason}],
                instance=request.path,
            )
        owner, user = _owner(request)
        fingerprint = _fingerprint(request)
        try:
            return _run_once(view, request, handler, args, kwargs,
                             owner=owner, user=user, key=key, fingerprint=fingerprint)  # fmt: skip
        except _KeyTaken:
            stored = IdempotentRequest.objects.filter(owner=owner, key=key).first()
            if stored is not None:
                return _answer(stored, fingerprint, request)
            return problem_response(
                409,
                gettext(
                    "Een verzoek met deze Idempotency-Key wordt al verwerkt; probeer het zo opnieuw."
                ),
                instance=request.path,
            )

    return extend_schema(parameters=[IDEMPOTENCY_KEY_PARAMETER])(wrapper)


def _run_once(view, request, handler, args, kwargs, *, owner, user, key, fingerprint):
    failure = None
    with transaction.atomic():
        purge_expired()
        stored = IdempotentRequest.objects.select_for_update().filter(owner=owner, key=key).first()
        if stored is not None:
            return _answer(stored, fingerprint, request)
        try:
            response = handler(view, request, *args, **kwargs)
        except DatabaseError:
            raise
        except Exception as exc:  # noqa: BLE001 - re-raised below, after the commit
            failure = exc
        else:
            if isinstance(response, Response) and 200 <= response.status_code < 300:
                try:
                    with transaction.atomic():
                        _remember(owner=owner, user=user, key=key, request=request,
                                  fingerprint=fingerprint, response=response)  # fmt: skip
                except IntegrityError as exc:
                    raise _KeyTaken from exc
            return response
    raise failure


def _answer(stored: IdempotentRequest, fingerprint: str, request):
    if stored.request_hash != fingerprint:
        return problem_response(
            422,
            gettext(
                "Deze Idempotency-Key is al gebruikt voor een ander verzoek (andere inhoud of "
                "een ander adres). Kies een nieuwe sleutel voor een nieuw verzoek."
            ),
            instance=request.path,
        )
    body = json.loads(crypto.decrypt_text(stored.response_body, purpose=_PURPOSE))
    return Response(body, status=stored.response_status, headers={REPLAYED_HEADER: "true"})


def _remember(*, owner, user, key, request, fingerprint, response) -> None:
    rendered = JSONRenderer().render(response.data).decode("utf-8")
    IdempotentRequest.objects.create(
        owner=owner,
        user=user,
        key=key,
        method=request.method,
        path=request.path[:2000],
        request_hash=fingerprint,
        response_status=response.status_code,
        response_body=crypto.encrypt_text(rendered, purpose=_PURPOSE),
    )


def _owner(request):
    user = request.user
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}", user
    address = requestcontext.current().source_address
    return "address:" + crypto.lookup_hash(address, purpose=_PURPOSE)[:64], None


def _fingerprint(request) -> str:
    """The request as sent: method, path with query and the body's bytes (read, not parsed,
    so the view still checks access before it looks at the input)."""
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.get_full_path().encode(), request.body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def purge_expired(now=None) -> int:
    """Delete every answer older than LIFETIME; run before each keyed write (and fit for a
    periodic pass), so a stored answer, with whatever personal data it held, lives a day."""
    cutoff = (now or timezone.now()) - LIFETIME
    deleted, _ = IdempotentRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted
