"""An e-mail backend that fails like an unreachable SMTP server."""

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("smtp onbereikbaar (test)")
