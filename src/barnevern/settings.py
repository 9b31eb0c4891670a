"""Django settings for Barnevern: one module, driven by environment variables.

Safe defaults let the demo and the tests run with zero configuration (SQLite in
``./var/barnevern.sqlite3``). Production is switched on by ``BARNEVERN_ENV=production``,
which requires ``SECRET_KEY`` and ``ALLOWED_HOSTS`` and fails loudly without them.

Variables (all optional unless noted):

=========================  ==============================================================
BARNEVERN_ENV              ``demo`` (default) or ``production``
DATABASE_URL               e.g. ``postgres://user@127.0.0.1:5432/barnevern``; default SQLite
SECRET_KEY                 required in production (``SECRET_KEY_FILE`` reads it from a file)
ALLOWED_HOSTS              comma separated; required in production
DEBUG                      ``1``/``0``; default off (Django's debug pages are English and show internals)
BARNEVERN_DATA_DIR         where SQLite, uploads and backups live (default ``./var``)
SESSION_IDLE_MINUTES       idle log-out (default 30)
EMAIL_URL-like settings    EMAIL_HOST, EMAIL_PORT, DEFAULT_FROM_EMAIL (console backend by default)
=========================  ==============================================================
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0), got {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None


def envsecret(name: str) -> str | None:
    if os.environ.get(f"{name}_FILE"):
        return Path(os.environ[f"{name}_FILE"]).read_text().strip()
    return os.environ.get(name) or None


PACKAGE_DIR = Path(__file__).resolve().parent
ENV = os.environ.get("BARNEVERN_ENV", "demo")
if ENV not in {"demo", "production", "test"}:
    raise ImproperlyConfigured(f"BARNEVERN_ENV must be demo, test or production, got {ENV!r}")
PRODUCTION = ENV == "production"

DATA_DIR = Path(os.environ.get("BARNEVERN_DATA_DIR", Path.cwd() / "var")).resolve()

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set in production.")
    SECRET_KEY = "demo-only-insecure-key-never-use-in-production-0123456789abcdef"  # noqa: S105

# Off by default, also in the demo: a demo user should see the product's own Norwegian error
# pages, never Django's debug page (``DEBUG=1`` for development). ``barnevern serve`` serves
# static files itself either way.
DEBUG = envbool("DEBUG", default=False)
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if not ALLOWED_HOSTS:
    if PRODUCTION:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "ninja",  # the OpenAPI page's Swagger UI from our static files, never a CDN
    "barnevern.organisation",
    "barnevern.accounts",
    "barnevern.audit",
    "barnevern.cases",
    "barnevern.casework",
    "barnevern.quality",
    "barnevern.stats",
    "barnevern.economy",
    "barnevern.fosterhjem",
    "barnevern.staff",
    "barnevern.kostra",
    "barnevern.reports",
    "barnevern.intake",
    "barnevern.api",
    "barnevern.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "barnevern.accounts.middleware.SessionEpochMiddleware",
    "barnevern.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "barnevern.web.security.ContentSecurityPolicyMiddleware",
    "barnevern.audit.middleware.RequestContextMiddleware",
    "barnevern.api.middleware.ApiAuditMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # lock-out after repeated failures (django-axes)
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Two-factor authentication (TOTP, django-otp) for every role with case access.
# The test suite switches it off by default; tests of the log-in flow switch it on.
REQUIRE_2FA = envbool("REQUIRE_2FA", ENV != "test")
OTP_TOTP_ISSUER = "Barnevern"
# Demo only: the verification page shows the current code so the demo can be tried
# without an authenticator app. Never in production.
DEMO_SHOW_TOTP = ENV == "demo" and envbool("DEMO_SHOW_TOTP", True)

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

ROOT_URLCONF = "barnevern.urls"
CSRF_FAILURE_VIEW = "barnevern.web.errors.csrf_failure"
WSGI_APPLICATION = "barnevern.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "barnevern.accounts.context.roles",
                "barnevern.intake.context.varsler",
                "barnevern.web.menu.context",
            ],
        },
    }
]

_default_db = f"sqlite:///{DATA_DIR / 'barnevern.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _default_db)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = envint("CONN_MAX_AGE", 60)
    # QuerySet.iterator() cursors are materialised WITH HOLD in autocommit, so every row is read:
    # plan them for all rows, not for the first 10 % (docs/performance.md).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    # Random reads cost little more than sequential ones on SSDs and with the data in memory:
    # PostgreSQL's default (4) makes it scan a whole table of stored statistics rather than look
    # up one service's few hundred cases by index (30 ms against 6 ms at 100 000 cases).
    # BARNEVERN_PG_RANDOM_PAGE_COST=4 restores the default for spinning disks.
    _rpc = float(os.environ.get("BARNEVERN_PG_RANDOM_PAGE_COST", "1.1"))
    _options["options"] = (
        f"{_options.get('options', '')} -c cursor_tuple_fraction=1 -c random_page_cost={_rpc}".strip()
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

if ENV == "test":  # fast hashing in the test suite only
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
_designsystemet = Path(
    os.environ.get(
        "DESIGNSYSTEMET_DIR",
        PACKAGE_DIR.parents[1] / "node_modules" / "@digdir" / "designsystemet-css" / "dist",
    )
)
if _designsystemet.is_dir():
    STATICFILES_DIRS.append(("designsystemet", _designsystemet))

MEDIA_ROOT = DATA_DIR / "uploads"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True  # idle timeout: the age restarts on every request
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "barnevern@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
