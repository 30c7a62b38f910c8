"""Production settings: the defaults of `settings` tightened for a real deployment.

`manage.py check --deploy --fail-level WARNING` runs against this module in CI,
so a deployment cannot silently lose HTTPS or use the demo secret.
"""

import os

from ketenzorg.settings import *  # noqa: F403
from ketenzorg.settings import DEMO_SECRET_KEY, SECRET_KEY

DEBUG = False
if SECRET_KEY == DEMO_SECRET_KEY:
    raise RuntimeError("Zet DJANGO_SECRET_KEY: de demosleutel mag niet in productie.")
if not os.environ.get("KETENZORG_ENCRYPTION_KEY"):
    raise RuntimeError(
        "Zet KETENZORG_ENCRYPTION_KEY: persoonsgegevens worden versleuteld opgeslagen."
    )
if not os.environ.get("KETENZORG_SITE_URL", "").startswith("https://"):
    raise RuntimeError(
        "Zet KETENZORG_SITE_URL op het https-adres van ketenzorg: de links in e-mails wijzen daarheen."
    )
if not os.environ.get("KETENZORG_AUDIT_KEYS"):
    raise RuntimeError(
        "Zet KETENZORG_AUDIT_KEYS: de sleutel van het toegangslog hoort niet in de database."
    )
if not os.environ.get("KETENZORG_DOCUMENT_MASTER_KEYS"):
    raise RuntimeError(
        "Zet KETENZORG_DOCUMENT_MASTER_KEYS: documenten worden versleuteld opgeslagen, "
        "de hoofdsleutel hoort niet bij de bestanden of in de database."
    )

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
