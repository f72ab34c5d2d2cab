"""Career Agent settings: one file, read from the environment.

With nothing set, the app runs in the embedded default: SQLite, local files, an in-process Dramatiq worker on
an in-memory broker, a local-memory cache, console e-mail and the offline AI engine. Each production part is
switched on by its own variable (DATABASE_URL, REDIS_URL, S3_BUCKET, EMAIL_URL, ANTHROPIC_API_KEY, ...).
Every variable is listed in the README.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from billing.packs import parse as parse_billing_packs
from careeragent.env import (
    email_settings_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (50+ random characters).")
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "embedded-debug-only-not-secret-" + "x" * 40

SITE_NAME = env_str("SITE_NAME", "Career Agent")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# How many reverse proxies sit in front of the app. The client address is read from X-Forwarded-For that many
# hops from the right; with 0 the header is ignored, because anyone can send it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "django_htmx",
    "template_partials",
    "django_dramatiq",
    "dramatiq_crontab",
    "careeragent",
    "accounts",
    "resumes",
    "jobs",
    "optimize",
    "tracker",
    "billing",
]

MIDDLEWARE = [
    "careeragent.middleware.RequestIdMiddleware",
    "careeragent.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "careeragent.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "careeragent.urls"
WSGI_APPLICATION = "careeragent.wsgi.application"
ASGI_APPLICATION = "careeragent.asgi.application"

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
                "careeragent.context_processors.site",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------------------
DATABASE_URL = env_url("DATABASE_URL", ("postgres", "postgresql", "sqlite"))
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 600, minimum=0),
            conn_health_checks=True,
        )
    }
else:
    # SQLite creates its file but not the folder; a fresh clone has no var/ yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {
                # WAL lets the web threads read while the in-process worker writes; IMMEDIATE takes the write
                # lock at BEGIN so two writers queue on the busy timeout instead of failing mid-transaction.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # A file, not ":memory:", so that worker threads in the tests see the same database through their own
            # connections, exactly as the embedded worker does beside the server. One per test process, so that
            # two test runs on one machine never share it.
            "TEST": {"NAME": VAR_DIR / f"test-db-{os.getpid()}.sqlite3"},
        }
    }
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and broker -----------------------------------------------------------------------------------
REDIS_URL = env_url("REDIS_URL", ("redis", "rediss"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ca"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "careeragent"}}

DRAMATIQ_BROKER = {
    "BROKER": "dramatiq.brokers.redis.RedisBroker" if REDIS_URL else "dramatiq.brokers.stub.StubBroker",
    "OPTIONS": {"url": REDIS_URL, "namespace": env_str("DRAMATIQ_NAMESPACE", "careeragent")} if REDIS_URL else {},
    "MIDDLEWARE": [
        "dramatiq.middleware.AgeLimit",
        "dramatiq.middleware.TimeLimit",
        "dramatiq.middleware.Callbacks",
        "dramatiq.middleware.Retries",
        "careeragent.tasks.RequestIdMiddleware",
        "django_dramatiq.middleware.DbConnectionsMiddleware",
    ],
}
DRAMATIQ_AUTODISCOVER_MODULES = ["actors"]
# Periodic work (dramatiq-crontab): `manage.py crontab` in production, where the Redis lock keeps it to one
# instance; a thread of `manage.py serve` in the embedded mode.
DRAMATIQ_CRONTAB = {"REDIS_URL": REDIS_URL} if REDIS_URL else {}
# The in-process worker that `manage.py serve` starts when there is no Redis broker.
EMBEDDED_WORKER_THREADS = env_int("EMBEDDED_WORKER_THREADS", 2, minimum=1)

# --- Files ----------------------------------------------------------------------------------------------
MEDIA_ROOT = VAR_DIR / "media"
S3_BUCKET = env_str("S3_BUCKET")
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_url("S3_ENDPOINT_URL", ("http", "https")),
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
            "region_name": env_str("S3_REGION") or None,
            "addressing_style": env_choice("S3_ADDRESSING_STYLE", ("auto", "path", "virtual"), "auto"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env_int("S3_URL_TTL", 300, minimum=10),
            "file_overwrite": False,
            "signature_version": "s3v4",
        },
    }
else:
    # No base_url: files are never served by URL, only through authorised views.
    DEFAULT_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": "/no-public-media/"},
    }

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- E-mail ---------------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Career Agent <no-reply@careeragent.local>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_URL = env_url("EMAIL_URL", ("smtp", "smtps"))
if EMAIL_URL:
    globals().update(email_settings_from_url(EMAIL_URL))
elif env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
elif env_str("EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)

# --- Accounts -------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
# Security notices (password or e-mail address changed), from templates/account/email/.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_ALLOW_SIGNUP = env_bool("ACCOUNT_ALLOW_SIGNUP", True)
# allauth's own rate limits (login failures, sign-ups, resets, confirmation mails) stay at their defaults; they
# count in the cache, which is why the cache is never the dummy backend.
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
GOOGLE_CLIENT_ID = env_str("GOOGLE_CLIENT_ID")
GOOGLE_CLIENT_SECRET = env_str("GOOGLE_CLIENT_SECRET")
GOOGLE_ENABLED = bool(GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET)
SOCIALACCOUNT_PROVIDERS = {
    "google": {
        "APPS": [{"client_id": GOOGLE_CLIENT_ID, "secret": GOOGLE_CLIENT_SECRET, "key": ""}] if GOOGLE_ENABLED else [],
        "SCOPE": ["profile", "email"],
        "AUTH_PARAMS": {"access_type": "online"},
        "OAUTH_PKCE_ENABLED": True,
        "VERIFIED_EMAIL": True,
    }
}

# django-ratelimit counts in the default cache and reads the client address the same way we log it.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "careeragent.http.client_ip"
RATELIMIT_VIEW = "careeragent.views.ratelimited"

# --- Product switches -----------------------------------------------------------------------------------
BILLING_ENABLED = env_bool("BILLING_ENABLED", False)
# Credits a new account starts with (recorded as a "grant"), and what each action costs. Read through
# billing.services.cost_of(); with billing off everything is unlimited and nothing is recorded.
BILLING_FREE_CREDITS = env_int("BILLING_FREE_CREDITS", 3, minimum=0)
BILLING_COSTS = {
    "optimization": env_int("BILLING_COST_OPTIMIZATION", 1, minimum=0),
    "generation": env_int("BILLING_COST_GENERATION", 1, minimum=0),
}
# Buying credits through Stripe Checkout. The "Buy credits" section works only with BILLING_ENABLED, a secret key
# and at least one pack; the webhook (/billing/stripe/webhook/) only with BILLING_ENABLED and its signing secret.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
STRIPE_API_BASE = env_str("STRIPE_API_BASE").rstrip("/")  # empty: Stripe's own (https://api.stripe.com)
STRIPE_TIMEOUT_SECONDS = env_int("STRIPE_TIMEOUT_SECONDS", 20, minimum=1)
# Retries of a failed Checkout call; safe, as each purchase sends one idempotency key.
STRIPE_MAX_NETWORK_RETRIES = env_int("STRIPE_MAX_NETWORK_RETRIES", 1, minimum=0)
# "id:credits:stripe_price_id:display price" pairs, comma-separated (see billing.packs), e.g.
# BILLING_PACKS="starter:10:price_abc:9.00 USD,pro:50:price_def:35.00 USD".
BILLING_PACKS = parse_billing_packs(env_str("BILLING_PACKS"))
ANTHROPIC_API_KEY = env_str("ANTHROPIC_API_KEY")
# The provider chain, tried in order; "offline" is always last (added when missing). Anthropic joins by default
# when its key is set.
AI_PROVIDERS = env_list("AI_PROVIDERS", ["anthropic", "offline"] if ANTHROPIC_API_KEY else ["offline"])
ANTHROPIC_MODEL = env_str("ANTHROPIC_MODEL", "claude-sonnet-4-5")
ANTHROPIC_MAX_TOKENS = env_int("ANTHROPIC_MAX_TOKENS", 4096, minimum=256)
ANTHROPIC_TIMEOUT_SECONDS = env_int("ANTHROPIC_TIMEOUT_SECONDS", 60, minimum=1)
ANTHROPIC_MAX_RETRIES = env_int("ANTHROPIC_MAX_RETRIES", 2, minimum=0)
ANTHROPIC_BASE_URL = env_str("ANTHROPIC_BASE_URL")  # empty: the SDK's default (api.anthropic.com)
AI_CACHE_SECONDS = env_int("AI_CACHE_SECONDS", 7 * 24 * 3600, minimum=0)
DATA_EXPORT_TTL_HOURS = env_int("DATA_EXPORT_TTL_HOURS", 24, minimum=1)
# Exported resume files (PDF, DOCX, text, JSON Resume) are deleted this long after they were made.
RESUME_EXPORT_TTL_HOURS = env_int("RESUME_EXPORT_TTL_HOURS", 72, minimum=1)
RESUME_EXPORT_RENDER_TIMEOUT_S = env_int("RESUME_EXPORT_RENDER_TIMEOUT_S", 20, minimum=1)
CHROMIUM_PATH = env_str("CHROMIUM_PATH", "/usr/bin/chromium")

# --- Security -------------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx gets the token from hx-headers on <body>, never from the cookie
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Scripts only from our own origin: no inline scripts, no eval. Inline style attributes are allowed because
# the admin and allauth's widgets use a few; they cannot run code.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'", "https://accounts.google.com"] if GOOGLE_ENABLED else ["'self'"],
}

# --- Resumes --------------------------------------------------------------------------------------------
# The guard's limits (checked before any parser runs) and the sandbox the parser runs in.
RESUME_MAX_BYTES = env_int("RESUME_MAX_MB", 5, minimum=1) * 1024 * 1024
RESUME_MAX_PDF_PAGES = env_int("RESUME_MAX_PDF_PAGES", 10, minimum=1)
RESUME_DOCX_MAX_UNPACKED = env_int("RESUME_DOCX_MAX_UNPACKED_MB", 20, minimum=1) * 1024 * 1024
RESUME_DOCX_MAX_RATIO = env_int("RESUME_DOCX_MAX_RATIO", 100, minimum=2)
RESUME_DOCX_MAX_MEMBERS = env_int("RESUME_DOCX_MAX_MEMBERS", 1000, minimum=10)
RESUME_PARSE_MEMORY_MB = env_int("RESUME_PARSE_MEMORY_MB", 1024, minimum=64)
RESUME_PARSE_TIMEOUT_S = env_int("RESUME_PARSE_TIMEOUT_S", 15, minimum=1)
RESUME_UPLOADS_PER_HOUR_USER = env_int("RESUME_UPLOADS_PER_HOUR_USER", 20, minimum=1)
RESUME_UPLOADS_PER_HOUR_IP = env_int("RESUME_UPLOADS_PER_HOUR_IP", 50, minimum=1)
# A parse claimed longer ago than this is taken to belong to a dead worker and is queued again.
RESUME_PARSE_STUCK_AFTER_S = env_int("RESUME_PARSE_STUCK_AFTER_S", 120, minimum=30)
# An optimization still analysing or generating this long after it started is taken to be orphaned.
OPTIMIZE_STUCK_AFTER_S = env_int("OPTIMIZE_STUCK_AFTER_S", 300, minimum=30)

# --- Uploads --------------------------------------------------------------------------------------------
# Larger request bodies are refused before a view reads them; resume uploads have their own, smaller limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Internationalisation -------------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Logging --------------------------------------------------------------------------------------------
LOG_FORMAT = env_choice("LOG_FORMAT", ("json", "text"), "text" if DEBUG else "json")
LOG_LEVEL = env_choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "careeragent.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "careeragent.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "dramatiq": {"level": "WARNING"},
    },
}
