"""The client's address: one answer for the access log, the login lockout and the public forms' limit.

Behind a reverse proxy every request arrives from the proxy, so REMOTE_ADDR alone would
count every visitor as one (five wrong passwords from anyone would lock a user out for
everyone). The proxy passes the real address in a header, but a header is whatever the
client sent plus what the proxies appended: in `X-Forwarded-For: a, b, c` only the entries
appended by proxies we run can be believed. Each trusted proxy appends the address it was
connected from, so with N trusted proxies the client is the N-th entry from the right; the
left-most entries are the client's own words and never count.

Two settings say this explicitly (`KETENZORG_CLIENT_IP_HEADER`, `KETENZORG_TRUSTED_PROXY_COUNT`);
without them only REMOTE_ADDR is used, the safe default for a server without a proxy.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def meta_key(header: str) -> str:
    """`X-Forwarded-For` as Django's request.META names it (`HTTP_X_FORWARDED_FOR`)."""
    name = header.strip().upper().replace("-", "_")
    if not name or name.startswith("HTTP_") or name == "REMOTE_ADDR":
        return name
    return f"HTTP_{name}"


def _address(value: str) -> str:
    """A valid IP address in canonical form, or "" (a port, as some proxies add, is dropped)."""
    value = value.strip()
    candidates = [value]
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        candidates.append(value[1 : value.index("]")])
    elif value.count(":") == 1:  # 192.0.2.1:443
        candidates.append(value.split(":", 1)[0])
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return ""


def forwarded_client(header_value: str, trusted_proxies: int) -> str:
    """The address that the outermost of `trusted_proxies` proxies saw, from their header.

    "" when the header has fewer entries than there are trusted proxies (the request did
    not pass through all of them) or the entry is not an address.
    """
    entries = [e for e in (part.strip() for part in header_value.split(",")) if e]
    if trusted_proxies < 1 or len(entries) < trusted_proxies:
        return ""
    return _address(entries[-trusted_proxies])


def client_ip(request) -> str:
    """The client's address for this request ("" if none can be trusted).

    Also django-axes' `AXES_CLIENT_IP_CALLABLE`, so the lockout counts the same address
    the access log records.
    """
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    header = meta_key(getattr(settings, "KETENZORG_CLIENT_IP_HEADER", ""))
    proxies = getattr(settings, "KETENZORG_TRUSTED_PROXY_COUNT", 0)
    if not header or header == "REMOTE_ADDR" or proxies < 1:
        return remote
    return forwarded_client(request.META.get(header, ""), proxies) or remote
