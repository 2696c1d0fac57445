"""Because — one settings module, driven by environment variables.

Nothing configured gives the embedded default: a SQLite file, a local-memory cache,
Celery tasks run eagerly, media on local disk. ``DATABASE_URL`` and ``REDIS_URL``
give the production shape: PostgreSQL, Redis cache and broker, a separate worker.
"""

import os
import secrets
import sys
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def _secret_key() -> str:
    """SECRET_KEY from the environment; for development and tests one generated once.

    The generated key lives in var/ (ignored by git), so no secret is ever in the
    repository and a local demo keeps its sessions across restarts. With DEBUG off
    and no SECRET_KEY the key stays empty: Django then signs nothing and
    ``core.checks`` stops the start-up, instead of production quietly running on a
    key written to a local file.
    """
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if not (DEBUG or TESTING):
        return ""
    key_file = VAR_DIR / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        key_file.write_text(key)
        key_file.chmod(0o600)
        return key


TESTING = "pytest" in sys.modules or env_bool("TESTING")
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = _secret_key()
# Local defaults only for development and tests: with DEBUG off a missing
# ALLOWED_HOSTS or SITE_URL is a start-up error (core.checks), not a silent localhost.
_LOCAL = DEBUG or TESTING
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if _LOCAL else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if _LOCAL else "").rstrip(
    "/"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sites",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "shop",
    "sets",
    "crosssell",
    "demo",  # the demo shop: depends on every app, nothing depends on it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RejectNulBytesMiddleware",  # 400, not a database error
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "shop.context_processors.shop",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "because.sqlite3")),
            "OPTIONS": {
                # WAL lets the demo's web requests read while an eager task writes.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# --- cache, sessions, Celery -----------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis, so that Redis being down is a cache miss, never an error
            # page or a lost order: every cache here can be rebuilt from the database.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "because"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "because",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
# Tests run tasks in-process on both databases; on-commit hooks still gate them.
CELERY_TASK_ALWAYS_EAGER = env_bool(
    "CELERY_TASK_ALWAYS_EAGER", CELERY_TASK_ALWAYS_EAGER or TESTING
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_TIMEZONE = "UTC"
# Enqueueing must never hold up a checkout: give up fast, the sweep re-runs it.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "crosssell-reconcile-counts": {
        "task": "crosssell.tasks.counts_reconcile",
        "schedule": crontab(minute="*/5"),
    },
    "crosssell-refresh-stale-lists": {
        "task": "crosssell.tasks.stale_lists_refresh_task",
        "schedule": crontab(minute="*"),
    },
    "crosssell-nightly-recompute": {
        "task": "crosssell.tasks.counts_recompute_task",
        "schedule": crontab(hour=3, minute=17),
    },
    "crosssell-note-followups": {
        "task": "crosssell.tasks.note_followups_task",
        "schedule": crontab(minute=41),
    },
    "sets-reconcile-renders": {
        "task": "sets.tasks.sets_render_reconcile",
        "schedule": crontab(minute="*/10"),
    },
    "shop-reconcile-images": {
        "task": "shop.tasks.images_reconcile",
        "schedule": crontab(minute="*/15"),
    },
    # Expired sessions out of the table (Django never deletes them by itself).
    "shop-clear-sessions": {
        "task": "shop.tasks.sessions_clear",
        "schedule": crontab(hour=4, minute=7),
    },
}

# --- auth and accounts -----------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SITE_ID = 1
LOGIN_REDIRECT_URL = "/account/"
LOGIN_URL = "/accounts/login/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_SIGNUP_FORM_CLASS = "shop.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = True
# False turns allauth's rate limits off in tests; {} keeps its defaults everywhere else.
ACCOUNT_RATE_LIMITS = False if TESTING else {}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Lock-out on failed logins through core.ratelimit, the client address through
# TRUSTED_PROXY_COUNT for allauth's own limits too, a 429 for a locked login form.
ACCOUNT_ADAPTER = "shop.account_adapter.AccountAdapter"
# allauth names the shopper to themself by first name or email, never the username.
ACCOUNT_USER_DISPLAY = "shop.account_adapter.user_display"
# Two-factor for staff (and anyone who wants it): an authenticator app, with recovery
# codes for a lost phone. Every login form (the admin's too) asks for the code.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("SHOP_NAME", "Because")

# --- internationalisation, static, media ----------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Media is served by Django itself unless a front server takes it over.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024


# --- email -------------------------------------------------------------------------
def _email_settings() -> dict:
    url = os.environ.get("EMAIL_URL", "")
    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parsed = urlparse(url)
    if parsed.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": parsed.path or str(VAR_DIR / "mail"),
        }
    options = parse_qs(parsed.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parsed.hostname or "localhost",
        "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parsed.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
        "EMAIL_USE_SSL": parsed.scheme == "smtps",
        "EMAIL_USE_TLS": options.get("tls", ["0"])[0] in {"1", "true"},
        "EMAIL_TIMEOUT": 10,
    }


globals().update(_email_settings())
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Because <shop@because.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- security ----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG and not TESTING and env_bool("SECURE_COOKIES", True):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]

# --- rate limits (core.ratelimit) ---------------------------------------------------
# Proxies in front of the shop that append to X-Forwarded-For (a load balancer: 1).
# 0 ignores the header, so a client cannot pick the address it is counted under.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
if TRUSTED_PROXY_COUNT > 0:
    # Only a declared proxy's X-Forwarded-Proto is believed; without one a client
    # could send the header and pass for HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS_ENABLED", True)
# scope -> "N/period" (s, m, h, d; "5/15m"), counted per account and per client
# address in the shared cache. Each scope is documented in docs/security.md.
RATE_LIMITS = {
    # Discount and gift-card codes tried at checkout (each new code counts, per
    # account, address and session; codes already accepted in the session don't).
    "code-apply": "10/h",
    # Declined cards at checkout (card testing), per account, address and session;
    # past it no card reaches the gateway until the window ends.
    "payment-declined": "5/h",
    # Readers' counters and reports (per account and per address; a shared office
    # or mobile network is one address, so the address rates leave room for many).
    "note-helpful": "60/h",  # "Helpful" on notes: a reader votes a few a visit
    "note-report": "10/h",  # reporting notes: a handful is already a lot
    "note-submit": "20/h",  # writing or editing "why together" notes after orders
    "set-like": "60/h",  # liking and unliking sets, page and API
    "set-view": "600/h",  # set pages opened (each counts a view); 10 a minute
    "set-referral": "60/h",  # visits through a creator's ?ref= link or embed
    "set-report": "10/h",  # reporting sets, page and API
    "set-create": "30/h",  # new drafts from the editor (its first autosave)
    "set-publish": "20/h",  # publishing sets
    # Email-a-friend: per account and per client address, then per day, then the
    # whole shop's daily mail budget (one key, "shop"); all fail closed.
    "share-email": "10/h",
    "share-email-daily": "30/d",
    "share-email-shop": "500/d",
    # Failed logins (every login form, the admin's too); at the rate, that address or
    # that account identifier is locked out until the window ends. Fail closed.
    "login-address": "30/15m",
    "login-account": "10/15m",
    # Accounts created per client address.
    "signup": "10/h",
    "handle-change": "5/d",  # public handle changes per account (only changes count)
}
# Override any of them without a code change: RATE_LIMITS_OVERRIDE="signup=5/h,..."
RATE_LIMITS.update(
    (scope.strip(), rate.strip())
    for scope, _, rate in (
        item.partition("=") for item in env_list("RATE_LIMITS_OVERRIDE")
    )
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- REST framework -------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 24,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "shop.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Because API",
    "DESCRIPTION": "Catalog, cart and cross-sell API of the Because shop.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the installed sidecar package: nothing loads from another host.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Every operation documents the shared 400/403/404/429 JSON errors.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "shop.api.schema.add_error_responses",
    ],
}

# --- logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- the shop -------------------------------------------------------------------------
SHOP_NAME = os.environ.get("SHOP_NAME", "Because")
SHOP_CURRENCY = os.environ.get("SHOP_CURRENCY", "USD")
SHOP_CURRENCY_SYMBOL = os.environ.get("SHOP_CURRENCY_SYMBOL", "$")
SHOP_SHIPPING_FLAT = Decimal(os.environ.get("SHOP_SHIPPING_FLAT", "4.95"))
SHOP_FREE_SHIPPING_OVER = Decimal(os.environ.get("SHOP_FREE_SHIPPING_OVER", "50.00"))
SHOP_PAYMENT_GATEWAY = os.environ.get(
    "SHOP_PAYMENT_GATEWAY", "shop.payments.DummyGateway"
)
# The test gateway takes no money. With DEBUG off it is refused at start-up
# (shop.E001) unless this says the shop is a demo (make run, the benchmarks).
SHOP_DEMO_PAYMENTS = env_bool("SHOP_DEMO_PAYMENTS", TESTING)
SHOP_PRODUCTS_PER_PAGE = 24
SHOP_MAX_LINE_QUANTITY = 99
SHOP_IMAGE_MAX_BYTES = int(os.environ.get("SHOP_IMAGE_MAX_BYTES", 10 * 1024 * 1024))
SHOP_IMAGE_MAX_PIXELS = int(os.environ.get("SHOP_IMAGE_MAX_PIXELS", 40_000_000))
SHOP_IMAGE_RENDITIONS = {"thumb": 240, "medium": 600, "large": 1200}

# --- cross-sells -------------------------------------------------------------------------
# A pair is shown only when at least this many baskets hold both: one order must
# never reveal what one person bought.
CROSSSELL_MIN_SUPPORT = int(os.environ.get("CROSSSELL_MIN_SUPPORT", 2))
CROSSSELL_LIST_SIZE = 30
# 0: a basket is one paid order. N > 0: a basket is all of one customer's (one email
# address's) paid orders placed in the same N-day period; change it, then run
# `python manage.py recompute_crosssells`.
CROSSSELL_BASKET_DAYS = int(os.environ.get("CROSSSELL_BASKET_DAYS", 0))
# PostgreSQL parallel workers beside the backend for the full recompute's counting:
# cores of the database server minus one (0: none).
CROSSSELL_RECOMPUTE_WORKERS = int(os.environ.get("CROSSSELL_RECOMPUTE_WORKERS", 1))

# "Bought together because" notes. Points promised for an approved note: 0 until the
# rewards ledger credits them, and the thank-you page promises nothing while it is 0.
CROSSSELL_NOTE_POINTS = int(os.environ.get("CROSSSELL_NOTE_POINTS", 0))
# The one follow-up email goes this many days after a paid order without a note, to
# orders no older than the window (so switching it on does not mail old customers).
CROSSSELL_NOTE_FOLLOWUP_DAYS = int(os.environ.get("CROSSSELL_NOTE_FOLLOWUP_DAYS", 3))
CROSSSELL_NOTE_FOLLOWUP_WINDOW_DAYS = 7
# How long the email's signed link to the note form stays valid.
CROSSSELL_NOTE_LINK_DAYS = int(os.environ.get("CROSSSELL_NOTE_LINK_DAYS", 30))
# Words that flag a note for the merchant's attention (never hide it).
CROSSSELL_NOTE_BLOCKLIST = [
    word.strip().lower()
    for word in os.environ.get(
        "CROSSSELL_NOTE_BLOCKLIST", "viagra,casino,crypto,bitcoin,porn,scam,fuck,shit"
    ).split(",")
    if word.strip()
]
# An annotated partner ranks as if its score were this many times higher.
CROSSSELL_NOTE_RANK_BOOST = float(os.environ.get("CROSSSELL_NOTE_RANK_BOOST", 1.25))
# Reports from distinct accounts or verified buyers that take an approved note down
# (back to pending); a merchant's report takes it down at once, a guest's never.
CROSSSELL_NOTE_REPORTS_TO_HIDE = int(
    os.environ.get("CROSSSELL_NOTE_REPORTS_TO_HIDE", 3)
)
