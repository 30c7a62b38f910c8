"""Who is acting, from where: carried through a request for the audit log.

Services and selectors take an explicit `actor`; the source address and the
"on behalf of" are properties of the request that the caller rarely has at hand,
so the middleware puts them in a context variable the audit writer reads.
"""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    source_address: str = ""
    on_behalf_of: str = ""
    channel: str = "web"


_current: ContextVar[RequestContext] = ContextVar(
    "ketenzorg_request_context",
    default=RequestContext(channel="system"),  # noqa: B039 - frozen
)


def current() -> RequestContext:
    return _current.get()


def set_current(context: RequestContext):
    return _current.set(context)


def reset(token) -> None:
    _current.reset(token)
