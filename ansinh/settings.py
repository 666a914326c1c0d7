"""Django settings for ansinh, read from the environment (12-factor)."""

import os
import secrets
from pathlib import Path

import csp.constants as csp
import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("ANSINH_VAR_DIR", PROJECT_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """SECRET_KEY from the environment; else this installation's own key, made once in VAR_DIR/secret_key (readable
    by its owner only), so every `ansinh` command works in a plain shell and no shared key is ever used."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if _env_bool("ANSINH_INSECURE_DEV_KEY", False):  # the test suite and the benchmarks: no file written
        return "ansinh-insecure-development-key-do-not-use-in-production"
    path = VAR_DIR / "secret_key"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    try:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_text(encoding="ascii").strip()
    except OSError as exc:
        raise ImproperlyConfigured(f"Set SECRET_KEY, or let ansinh write {path} ({exc.strerror}).") from exc
    key = secrets.token_urlsafe(50)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


DEBUG = _env_bool("DEBUG", False)
SECRET_KEY = _secret_key()

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ansinh.core",
    "ansinh.accounts",
    "ansinh.geo",
    "ansinh.calc",
    "ansinh.network",
    "ansinh.registry",
    "ansinh.enrollment",
    "ansinh.campaigns",
    "ansinh.plans",
    "ansinh.sponsors",
    "ansinh.reports",
    "ansinh.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ansinh.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "ansinh.web.middleware.RefusalMiddleware",
    "ansinh.web.middleware.NoStoreMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "ansinh.urls"
WSGI_APPLICATION = "ansinh.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'ansinh.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 30, "transaction_mode": "IMMEDIATE"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Failed logins (django-axes): after AXES_FAILURE_LIMIT failures for one username from one address,
# that pair is locked out for AXES_COOLOFF_TIME hours.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_TIME_HOURS", "0.25"))
# Failures of one address across all usernames (ansinh/accounts/throttle.py) before it is refused as long.
ANSINH_LOGIN_ADDRESS_LIMIT = int(os.environ.get("ANSINH_LOGIN_ADDRESS_LIMIT", "50"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
NODE_MODULES = Path(os.environ.get("ANSINH_NODE_MODULES", PROJECT_DIR / "node_modules"))
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/pico", NODE_MODULES / "@picocss" / "pico" / "css"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
]
STATICFILES_DIRS = [(prefix, path) for prefix, path in STATICFILES_DIRS if path.exists()]
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("CACHE_URL", "").startswith("redis://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["CACHE_URL"]}}

# Content-Security-Policy (django-csp): scripts only from the site itself or carrying the response's nonce (no
# inline handlers: core/behaviours.js), nothing loaded from elsewhere, no framing. Inline style attributes stay
# allowed (a few layout tweaks in the templates, htmx's indicator style); they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF, csp.UNSAFE_INLINE],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF, "data:"],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    },
}

# Background work (ADR 0006, docs/jobs.md): Django Tasks. ANSINH_TASKS picks the queue — "database" (default:
# django-tasks-db, the same SQLite or PostgreSQL, run by `ansinh worker`), "rq" (Redis at REDIS_URL, for
# installations with several machines; `ansinh worker` runs an RQ worker) or "immediate" (run in the caller's
# process: the test suite). A running job beats at least every few seconds; one silent for
# ANSINH_JOB_STALE_SECONDS has lost its worker and can be retried.
ANSINH_TASKS = os.environ.get("ANSINH_TASKS", "database").strip().lower()
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
_TASK_BACKENDS = {"database": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend",
                  "immediate": "django_tasks.backends.immediate.ImmediateBackend"}
if ANSINH_TASKS not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"ANSINH_TASKS={ANSINH_TASKS!r}: choose one of {', '.join(_TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[ANSINH_TASKS], "QUEUES": ["default"]}}
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 6 * 3600}}
if ANSINH_TASKS == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
ANSINH_JOB_STALE_SECONDS = int(os.environ.get("ANSINH_JOB_STALE_SECONDS", "600"))

# Reminders (docs/reminders.md): e-mail through Django's SMTP backend, SMS through an HTTP gateway, Zalo ZNS through
# its template API. A channel without its address stays off; reminders then go through the others.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "BHXH <nhac-nop@ansinh.invalid>")
ANSINH_SMS_URL = os.environ.get("ANSINH_SMS_URL", "")
ANSINH_SMS_TOKEN = os.environ.get("ANSINH_SMS_TOKEN", "")
ANSINH_SMS_SENDER = os.environ.get("ANSINH_SMS_SENDER", "BHXH")
ANSINH_ZALO_ZNS_URL = os.environ.get("ANSINH_ZALO_ZNS_URL", "")
ANSINH_ZALO_TOKEN = os.environ.get("ANSINH_ZALO_TOKEN", "")
ANSINH_ZALO_TEMPLATE = os.environ.get("ANSINH_ZALO_TEMPLATE", "")
# No reminder leaves between these hours (local time, "21-7": from 21:00 to 07:00); one per person per N days.
ANSINH_REMINDER_QUIET_HOURS = os.environ.get("ANSINH_REMINDER_QUIET_HOURS", "21-7")
ANSINH_REMINDER_EVERY_DAYS = int(os.environ.get("ANSINH_REMINDER_EVERY_DAYS", "7"))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "ansinh.core.api.Pages",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "ansinh.core.api.exception_handler",
    # Requests per user (signed in) and per address (not signed in); 429 `throttled` beyond. The counts live in the
    # cache: shared by every server process with CACHE_URL=redis://…, per process otherwise.
    "DEFAULT_THROTTLE_CLASSES": ["ansinh.core.throttling.UserRate", "ansinh.core.throttling.AnonRate"],
}
ANSINH_API_RATE_USER = os.environ.get("ANSINH_API_RATE_USER", "1200/minute")
ANSINH_API_RATE_ANON = os.environ.get("ANSINH_API_RATE_ANON", "60/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "ansinh API",
    "DESCRIPTION": "Voluntary social insurance and household health insurance: units, rules, "
    "registry, campaigns and coverage.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "ansinh.core.api.document_errors"],
    # One name per choice set that several apps call by the same field name (kind, scheme, status, indicator).
    "ENUM_NAME_OVERRIDES": {
        "PlanIndicatorEnum": "ansinh.plans.choices.Indicator",
        "StatisticIndicatorEnum": "ansinh.geo.choices.Indicator",
        "PointKindEnum": "ansinh.network.choices.PointKind",
        "PersonStatusKindEnum": "ansinh.registry.choices.PersonStatusKind",
        "ActivityKindEnum": "ansinh.campaigns.choices.ActivityKind",
        "IdKindEnum": "ansinh.calc.choices.IdKind",
        "SchemeEnum": "ansinh.enrollment.choices.Scheme",
        "CampaignSchemeEnum": "ansinh.campaigns.choices.SCHEME_CHOICES",
        "TopUpSchemeEnum": "ansinh.calc.choices.TopUpScheme",
        "EnrollmentStatusEnum": "ansinh.enrollment.choices.EnrollmentStatus",
        "RowStatusEnum": "ansinh.calc.choices.RowStatus",
        "HouseholdStatusKindEnum": "ansinh.registry.choices.HouseholdStatusKind",
        "CampaignStatusEnum": "ansinh.campaigns.choices.CampaignStatus",
        "EndReasonEnum": "ansinh.enrollment.choices.EndReason",
        "PaymentMethodEnum": "ansinh.enrollment.choices.PaymentMethod",
        "EraEnum": "ansinh.geo.choices.Era",
        "SponsorKindEnum": "ansinh.sponsors.choices.SponsorKind",
        "EraOrNationEnum": [("pre2025", "pre2025"), ("2025", "2025"), ("", "")],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

if not DEBUG:
    SESSION_COOKIE_HTTPONLY = True
    CSRF_COOKIE_HTTPONLY = False
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"

# Served over HTTPS (ANSINH_HTTPS=1, behind nginx with TLS): cookies only over HTTPS, every http:// request
# redirected, browsers told to keep to HTTPS (HSTS). Off by default so that `ansinh serve` on a laptop or an
# intranet address answers over plain HTTP. ANSINH_PROXY_SSL_HEADER=1 trusts the proxy's X-Forwarded-Proto
# (only behind a proxy that sets it itself).
if _env_bool("ANSINH_HTTPS", False) and not DEBUG:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("ANSINH_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("ANSINH_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = _env_bool("ANSINH_HSTS_PRELOAD", True)
if _env_bool("ANSINH_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Prospects (docs/prospects.md): a resident list's prospects not registered are deleted this many months after its date.
ANSINH_PROSPECT_RETENTION_MONTHS = int(os.environ.get("ANSINH_PROSPECT_RETENTION_MONTHS", "12"))
