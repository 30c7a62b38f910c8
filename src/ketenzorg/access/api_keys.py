"""What an API key may do, and whose key may be revoked.

A read-only key reads: GET, HEAD, OPTIONS, and a request that an API view declares to be
a read although it is sent as POST (`read_methods`, e.g. the family search, which sends
its criteria in the body so a BSN never lands in a URL). Anything else with such a key is
refused here, through the door, so the refusal is logged as the write that was attempted.
"""

from __future__ import annotations

import uuid

from django.utils.translation import gettext
from rest_framework.permissions import SAFE_METHODS, BasePermission

from ketenzorg.access import door
from ketenzorg.access.policy import Decision
from ketenzorg.accounts.models import ApiKey
from ketenzorg.audit.models import Action

WRITE_ACTIONS = {
    "POST": Action.CREATE,
    "PUT": Action.UPDATE,
    "PATCH": Action.UPDATE,
    "DELETE": Action.DELETE,
}


def is_read(method: str, view) -> bool:
    return method in SAFE_METHODS or method in getattr(view, "read_methods", ())


def key_request_decision(key, *, method: str, view, path: str = "") -> Decision:
    if isinstance(key, ApiKey) and key.read_only and not is_read(method, view):
        return Decision(False, reason=f"API-sleutel alleen lezen: {method} {path}"[:200])
    return Decision(True)


class ApiKeyScope(BasePermission):
    """DRF permission after `IsAuthenticated`: a read-only key may not write."""

    def has_permission(self, request, view) -> bool:
        key = request.auth
        door.require(
            request.user,
            key_request_decision(key, method=request.method, view=view, path=request.path),
            action=WRITE_ACTIONS.get(request.method, Action.UPDATE),
            object_type="accounts.ApiKey",
            object_uuid=getattr(key, "uuid", ""),
            message=gettext(
                "Deze API-sleutel mag alleen lezen. Maak een sleutel zonder 'alleen lezen' om te wijzigen."
            ),
        )
        return True


def api_key_get_for_revoke(*, actor, key_uuid) -> ApiKey:
    """Only the holder revokes a key. Someone else's key, or an id that leads nowhere, is the
    same 404 for the asker, logged as a probe like every unknown id."""
    try:
        wanted = uuid.UUID(str(key_uuid))
    except ValueError:
        wanted = None
    key = ApiKey.objects.filter(uuid=wanted, user=actor).first() if wanted else None
    if key is None:
        door.not_found(
            actor,
            object_type="accounts.ApiKey",
            requested=str(key_uuid)[:64],
            message=gettext("Deze API-sleutel bestaat niet."),
        )
    return key
