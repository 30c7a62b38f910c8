"""Logging filters named in settings.LOGGING."""

import logging


class RoutineRefusalFilter(logging.Filter):
    """A 4xx on `django.request` is logged as one line, without the exception's traceback.

    Django passes the PermissionDenied (or Http404, BadRequest) as exc_info, so every
    routine refusal wrote a full traceback to the server log, burying real errors. The
    refusal itself is already in the access log (audit), with who and why; a 5xx keeps
    its traceback, since that one is a bug.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if 400 <= getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
