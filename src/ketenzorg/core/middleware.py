from ipware import IpWare

from ketenzorg.core import requestcontext

_ipware = IpWare(precedence=("REMOTE_ADDR",))


class RequestContextMiddleware:
    """Record the source address of each request for the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ip, _ = _ipware.get_client_ip(request.META)
        channel = "api" if request.path.startswith("/api/") else "web"
        token = requestcontext.set_current(
            requestcontext.RequestContext(source_address=str(ip) if ip else "", channel=channel)
        )
        try:
            return self.get_response(request)
        finally:
            requestcontext.reset(token)
