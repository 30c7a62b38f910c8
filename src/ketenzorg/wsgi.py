import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenzorg.settings")
application = get_wsgi_application()

from ketenzorg.core.runtime import warm_up_and_freeze  # noqa: E402 - after Django is set up

# Each gunicorn worker imports this module: it starts with the long-lived objects frozen.
warm_up_and_freeze()
