"""Public ids from outside (a URL, a form, an API body) turned into uuids."""

from __future__ import annotations

import uuid as uuidlib

from ketenzorg.core.errors import NotFound


def parse_uuid(value, message: str) -> uuidlib.UUID:
    """A uuid, or a 404 with `message`: a malformed id is an unknown object, never a 500."""
    try:
        return value if isinstance(value, uuidlib.UUID) else uuidlib.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        raise NotFound(message) from None
