"""Settings for ketenzorg.

Everything that differs between a laptop demo and a city's production server is
read from the environment, so one file serves both; `settings_production` only
tightens what a deployment must have (HTTPS, real secrets).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("KETENZORG_VAR_DIR", Path.cwd() / "var"))
# The embedded database, collected static files and the demo's mail live here;
# a fresh checkout has no var/ yet.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "ja", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)
# The demo key is only ever used on a developer's own machine; production refuses it.
DEMO_SECRET_KEY = "demo-only-not-secret-ketenzorg-" + "x" * 32  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEMO_SECRET_KEY)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

# The key that wraps per-document keys and the BSN (envelope encryption).
# 32 bytes, urlsafe base64. A demo key is derived from SECRET_KEY when unset.
FIELD_ENCRYPTION_KEY = os.environ.get("KETENZORG_ENCRYPTION_KEY", "")
# The access log's HMAC keys, "id:base64,…" with the current one first (docs/audit.md);
# a development key derived from SECRET_KEY when unset. The anchor: signed checkpoints of
# the log in an append-only file outside the database.
AUDIT_KEYS = os.environ.get("KETENZORG_AUDIT_KEYS", "")
AUDIT_ANCHOR = os.environ.get("KETENZORG_AUDIT_ANCHOR", str(VAR_DIR / "audit-anchor.log"))
# Documents (referral documents) are encrypted on disk, each with its own data key wrapped by
# a master key: "id:base64-of-32-bytes,…", the current one first, older ones kept until
# `ketenzorg rotate_document_keys` has re-wrapped their documents (docs/security.md).
# A development key derived from SECRET_KEY (id "demo") when unset; production refuses that.
KETENZORG_DOCUMENT_MASTER_KEYS = os.environ.get("KETENZORG_DOCUMENT_MASTER_KEYS", "")
KETENZORG_DOCUMENT_DIR = Path(os.environ.get("KETENZORG_DOCUMENT_DIR", VAR_DIR / "documents"))
# How long a download link stays valid.
KETENZORG_DOCUMENT_LINK_SECONDS = int(os.environ.get("KETENZORG_DOCUMENT_LINK_SECONDS", "600"))
# The gemeente on whose behalf care is assigned, in the iJw export of a referral (CBS
# gemeentecode, four digits; 0363 is Amsterdam) and its name as the messages' party.
KETENZORG_GEMEENTE_CODE = os.environ.get("KETENZORG_GEMEENTE_CODE", "0363")
KETENZORG_GEMEENTE_NAME = os.environ.get("KETENZORG_GEMEENTE_NAME", "Gemeente Amsterdam")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ketenzorg.core",
    "ketenzorg.api",
    "ketenzorg.accounts",
    "ketenzorg.audit",
    "ketenzorg.documents",
    "ketenzorg.access",
    "ketenzorg.network",
    "ketenzorg.families",
    "ketenzorg.aanbod",
    "ketenzorg.glossary",
    "ketenzorg.frontdoor",
    "ketenzorg.coordination",
    "ketenzorg.consent",
    "ketenzorg.werkproces",
    "ketenzorg.verwijzing",
    "ketenzorg.signaal",
    "ketenzorg.synthetic",
    "ketenzorg.site",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ketenzorg.core.headers.ContentSecurityPolicyMiddleware",
    "ketenzorg.core.headers.NoStoreMiddleware",
    "ketenzorg.api.middleware.ProblemMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ketenzorg.accounts.sessions.IdleSessionMiddleware",
    "ketenzorg.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ketenzorg.accounts.middleware.VerifiedDeviceMiddleware",
    "ketenzorg.accounts.middleware.RequireVerifiedProfessionalMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ketenzorg.core.middleware.RequestContextMiddleware",
    "ketenzorg.core.domain_errors.DomainErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ketenzorg.urls"
WSGI_APPLICATION = "ketenzorg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "ketenzorg.site.navigation.navigation",
            ],
            "builtins": ["ketenzorg.core.templatetags.rows"],
            # Django's i18n tags, with a fixed text's {% translate %} rendered once per language.
            # The break-the-glass overview's rows (privacy is not an app: it has no models).
            "libraries": {
                "i18n": "ketenzorg.core.templatetags.translate_once",
                "emergency_rows": "ketenzorg.privacy.rows",
            },
        },
    }
]
# Django warns when one library name maps to two modules (templates.W003): "i18n" does, on
# purpose (above). A test holds every other name to one module, which this setting would hide.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# --- database ---------------------------------------------------------------
# SQLite (WAL) is the embedded default so `make run` needs nothing installed;
# DATABASE_URL=postgres://... selects PostgreSQL.
SQLITE_PATH = VAR_DIR / "ketenzorg.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    # Connections persist (checked before each request): a new server process plans its first
    # queries from cold catalogue caches, 15-25 ms extra on a page (docs/decisions/0007).
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=None, conn_health_checks=True)
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Django's, with a kept connection checked by its socket before a request's first
        # query rather than by a round trip (core/postgresql_backend).
        DATABASES["default"]["ENGINE"] = "ketenzorg.core.postgresql_backend"
        # The working set lives in memory or on SSD: a random read costs about as much as a
        # sequential one. With PostgreSQL's default (4, for spinning disks) the planner scans
        # whole tables instead of using the indexes our lists are built on. Options given in
        # DATABASE_URL (`?options=...`) take precedence (docs/decisions/0007).
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
            "options", "-c random_page_cost=1.1"
        )
        # Parameters bound on the server and a statement run a third time on a connection
        # prepared there: it is then neither parsed nor, mostly, planned again. The page's
        # planning was up to half its time on the server (docs/decisions/0021). Behind a
        # pooler that does not keep prepared statements, KETENZORG_PREPARED_STATEMENTS=0.
        DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
        prepare = os.environ.get("KETENZORG_PREPARED_STATEMENTS", "1") != "0"
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 2 if prepare else None)
else:
    DATABASES = {
        "default": {
            # Django's, with each statement's text rewritten once and more statements kept
            # prepared (core/sqlite_backend).
            "ENGINE": "ketenzorg.core.sqlite_backend",
            "NAME": SQLITE_PATH,
            # A worker keeps its connection, as with PostgreSQL (decision 0007): opening one
            # with its PRAGMAs is 2 ms here, and its prepared statements go with it.
            "CONN_MAX_AGE": None,
            # Tests in memory, as Django does for its own SQLite engine (pytest-django knows
            # that engine by name only and would otherwise name a test database file).
            "TEST": {"NAME": ":memory:"},
            "OPTIONS": {
                # An acknowledged write survives a crash; concurrent writers wait
                # instead of failing with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=FULL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- authentication -----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "ketenzorg.accounts.backends.ProfessionalModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # A shipped list of breached passwords (accounts/data/README.md); no online look-up.
    {"NAME": "ketenzorg.accounts.passwords.BreachedPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions end after 30 idle minutes (every request renews the clock).
SESSION_COOKIE_AGE = int(os.environ.get("KETENZORG_SESSION_IDLE_SECONDS", 30 * 60))
# However active: a session ends this long after its login (a working day).
KETENZORG_SESSION_MAX_SECONDS = int(os.environ.get("KETENZORG_SESSION_MAX_SECONDS", 10 * 60 * 60))
# Django's database sessions, the row read by a compiled query (accounts.sessions).
SESSION_ENGINE = "ketenzorg.accounts.sessions"
# Renewed at most once a minute by accounts.sessions.IdleSessionMiddleware, not on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

OTP_TOTP_ISSUER = "ketenzorg"
OTP_TOTP_THROTTLE_FACTOR = 1

# The client's address (core.client_ip): REMOTE_ADDR, unless ketenzorg runs behind reverse
# proxies that set a header. Then name the header and how many proxies (that append to it)
# are trusted: the client is the address the outermost trusted proxy saw, never an entry the
# client wrote itself. Used by the access log, the login lockout and the public forms' limit.
KETENZORG_CLIENT_IP_HEADER = os.environ.get("KETENZORG_CLIENT_IP_HEADER", "").strip()
KETENZORG_TRUSTED_PROXY_COUNT = int(os.environ.get("KETENZORG_TRUSTED_PROXY_COUNT", "0") or 0)
if bool(KETENZORG_CLIENT_IP_HEADER) != (KETENZORG_TRUSTED_PROXY_COUNT > 0):
    raise ImproperlyConfigured(
        "Zet KETENZORG_CLIENT_IP_HEADER en KETENZORG_TRUSTED_PROXY_COUNT samen (of geen van beide): "
        "de header van de proxy en het aantal vertrouwde proxy's."
    )
if os.environ.get("KETENZORG_CLIENT_IP_HEADERS"):
    # The old setting believed the left-most X-Forwarded-For entry, which the client writes.
    raise ImproperlyConfigured(
        "KETENZORG_CLIENT_IP_HEADERS bestaat niet meer: gebruik KETENZORG_CLIENT_IP_HEADER en "
        "KETENZORG_TRUSTED_PROXY_COUNT (zie docs/deploy.md)."
    )

# django-axes: five failed logins lock the username from that address for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_CLIENT_IP_CALLABLE = "ketenzorg.core.client_ip.client_ip"
AXES_VERBOSE = False
# Across addresses (accounts.lockout): this many failures for one username within the window,
# from any addresses, lock that username everywhere for AXES_COOLOFF_TIME and alert the
# functioneel beheerders and the user once per lock.
AXES_HANDLER = "ketenzorg.accounts.lockout.AccountCapHandler"
KETENZORG_ACCOUNT_FAILURE_LIMIT = 20
KETENZORG_ACCOUNT_FAILURE_WINDOW = timedelta(hours=1)
# Every failure is kept (the per-account count reads them); a try refused during a lock is
# not a guess at the password, so it neither counts nor extends the lock.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False

# --- i18n / time --------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- static -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# --- e-mail -------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "noreply@ketenzorg.example")
# Where the product is reached: links in e-mail are made absolute with it (core.siteurl).
KETENZORG_SITE_URL = os.environ.get(
    "KETENZORG_SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)

# --- queued background work -----------------------------------------------------
# Django's Tasks API (django-tasks) with its database backend: a queued task is a row in the
# product's own database, inserted in the transaction of the action that queued it and run by
# `ketenzorg worker` (db_worker). The same backend everywhere, tests included, so a test runs
# tasks through the worker's own code path (core.queue.run_queued; decision 0016).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- API ----------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ketenzorg.accounts.backends.ProfessionalTokenAuthentication",
        "ketenzorg.api.authentication.VerifiedSessionAuthentication",
    ],
    # A read-only API key may not write (ketenzorg.access.api_keys); the refusal is logged.
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "ketenzorg.access.api_keys.ApiKeyScope",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "ketenzorg.api.pagination.Pagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "ketenzorg.api.problems.problem_exception_handler",
    "DEFAULT_PARSER_CLASSES": ["ketenzorg.api.parsers.BoundedJSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ketenzorg API",
    "DESCRIPTION": "API van ketenzorg. Elke lezing van persoonsgegevens wordt gelogd (NEN 7513).",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "MeetingKindEnum": "ketenzorg.coordination.models.MeetingKind",
        "CareLevelEnum": "ketenzorg.coordination.models.CareLevel",
        "MemberRoleEnum": "ketenzorg.families.models.MemberRole",
        "CoordinatorRoleEnum": "ketenzorg.coordination.models.CoordinatorRole",
        "QuestionStatusEnum": "ketenzorg.frontdoor.models.QuestionStatus",
        "DistrictKindEnum": "ketenzorg.network.models.DistrictKind",
        "OrganisationKindEnum": "ketenzorg.network.models.OrganisationKind",
        "RolesEnum": "ketenzorg.network.models.Role",
        "ConsultationKindEnum": "ketenzorg.werkproces.models.ConsultationKind",
        "WerkprocesStepEnum": "ketenzorg.werkproces.models.Step",
        "TransitionKindEnum": "ketenzorg.werkproces.models.TransitionKind",
        "DossierPartEnum": "ketenzorg.consent.models.DossierPart",
        "GkpItemStatusEnum": "ketenzorg.werkproces.models.GkpItemStatus",
        "AjhKindEnum": "ketenzorg.werkproces.models.AjhKind",
        "ReferralStatusEnum": "ketenzorg.verwijzing.models.ReferralStatus",
        "VoorzieningStatusEnum": "ketenzorg.verwijzing.models.VoorzieningStatus",
    },
}

# --- security headers ---------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A strict Content-Security-Policy: scripts and styles only from our own origin, or inline
# with this response's nonce (the API docs page); no inline handlers, no eval, no frames.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refusal (403) or an unknown address (404) is one line, not a traceback.
    "filters": {"routine_refusals": {"()": "ketenzorg.core.logfilters.RoutineRefusalFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["routine_refusals"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("KETENZORG_LOG_LEVEL", "WARNING")},
}

FORM_RENDERER = "ketenzorg.core.forms.FormRenderer"

# The catalogue (aanbod op maat): a waiting time not confirmed within this many days is shown
# to professionals as out of date (aanbod.rules.waiting_time_is_stale).
WAITING_TIME_STALE_DAYS = int(os.environ.get("KETENZORG_WAITING_TIME_STALE_DAYS", 90))
# The signal function hides every count from 1 to this threshold minus one, and whatever would
# let one be recomputed (signaal.suppression, docs/signaal.md).
SIGNAL_THRESHOLD = int(os.environ.get("KETENZORG_SIGNAL_THRESHOLD", 10))

# Which cells of a release the signal function hides, keyed by a keyed digest of the release's
# counts (never a count itself): on disk, so the background worker's rounds compute them ahead
# for the server's processes (docs/signaal.md, "Speed").
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "signaal": {
        "BACKEND": "ketenzorg.core.filecache.LazyFileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "signaal"),
        "TIMEOUT": 35 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
SIGNAL_WARM_SECONDS = int(os.environ.get("KETENZORG_SIGNAL_WARM_SECONDS", 3600))
