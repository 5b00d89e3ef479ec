"""Settings for the Plan 294 portal: one file, differences come from environment variables.

Read from the environment (or a `.env` file beside manage.py):
DEBUG, SECRET_KEY (required unless DEBUG), ALLOWED_HOSTS, DATABASE_URL (SQLite by default),
SECURE_SSL_REDIRECT / SECURE_HSTS_SECONDS (production hardening, on unless DEBUG).
"""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
# A production secret has no default; only a DEBUG run may fall back to a throw-away one.
SECRET_KEY = env("SECRET_KEY") if not DEBUG else env("SECRET_KEY", default="dev-only-insecure")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    # Log-in throttling; its tables hold the failed attempts (see AXES_* below). Before the
    # portal's apps: org/admin.py puts its admin pages behind the door's rule.
    "config.apps.LockoutConfig",
    "org",
    "cooperatives",
    "training",
    "targets",
    "followup",
    "reporting",
    "imports",
    "restore",
    "showcase",
    "privacy",
    "demo",
    # Content-Security-Policy header (its system checks catch settings of the old 3.x form).
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page but log-in needs a signed-in user.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each change kept by django-simple-history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Writes the access log of personal data (org.access_log) once a response is ready, after
    # the request's transaction committed.
    "org.access_log.AccessLogMiddleware",
    # Around the view only, like ATOMIC_REQUESTS: one transaction per request that may write.
    "config.middleware.WriteTransactionMiddleware",
    # Last, as django-axes asks: turns a locked-out log-in into the log-in page with a message.
    "axes.middleware.AxesMiddleware",
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
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Shared by every worker (targets/cache.py keeps indicator figures in it): the database's
# table `portal_cache` (`manage.py createcachetable`) unless CACHE_URL names e.g. Redis.
CACHES = {
    "default": env.cache("CACHE_URL", default="dbcache://portal_cache"),
    # The public showcase's throttle counts requests per address here (django-ratelimit). The
    # default is the process's memory: each app server process counts on its own. With
    # several processes or servers, point it at Redis (THROTTLE_CACHE_URL=redis://host:6379/1),
    # which counts atomically for all of them.
    "throttle": env.cache("THROTTLE_CACHE_URL", default="locmemcache://throttle"),
}
RATELIMIT_USE_CACHE = "throttle"
# Public pages a visitor's address may load per minute before a 429 "try again later".
PUBLIC_RATE = env.str("PUBLIC_RATE", default="120/m")
# Behind a reverse proxy every request comes from the proxy: name the header in which it
# passes the visitor's address (as Django's META key, e.g. HTTP_X_REAL_IP), or all visitors
# share one count.
RATELIMIT_IP_META_KEY = env.str("PUBLIC_CLIENT_IP_HEADER", default="") or None
# A request that may write runs in one transaction (config.middleware.WriteTransactionMiddleware:
# ATOMIC_REQUESTS for writes only, so that pages never wait behind saves).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Officers save at the same time (the days before 15/11). With SQLite's defaults a
    # transaction that has read and then writes fails at once ("database is locked") when
    # another one writes; begun IMMEDIATE, it waits for the lock (up to `timeout` seconds)
    # instead. WAL lets pages read while someone writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles each large aggregate before running it: 0.8 s of the 1.3 s
    # an indicator query took on national data, for plans that run in milliseconds a row.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# django-axes checks every log-in (the portal's and the admin's) before the password is.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (the showcase's photos, submissions' attachments) go through Django's storage
# API: files under MEDIA_ROOT by default; with several app servers, an S3-compatible object
# store (README, "Photos and files").
MEDIA_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "access_key": env.str("S3_ACCESS_KEY", default=None),
            "secret_key": env.str("S3_SECRET_KEY", default=None),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
    if env.str("S3_BUCKET", default="")
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# Sessions end after two hours without activity (shared office computers).
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True

# Log-in throttling (django-axes): 5 failed log-ins for one user name from one address lock
# that pair for 15 minutes, counted again from each failure during the lock. Another address,
# or another user name, is not locked; a successful log-in clears the failures. Behind a
# proxy every request comes from the proxy's address, so the lock is then per user name.
# Unlock early: `python manage.py axes_reset_username NAME`, or "Access attempts" in the admin.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.lockout.locked_out"

# Only this site's own files run, load or receive forms: no inline script or style anywhere
# (templates/reporting/report_pdf.html has both, but WeasyPrint renders it; it is never served).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the portal never uses, refused to any script (config.middleware).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Production hardening: on unless DEBUG; each can be turned off behind a TLS-terminating proxy.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Reminders (reporting's send_reminders): printed to the console unless configured.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="khtx294@laocai.example")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # Libraries' chatter stays out of every command's output (django-axes' "AXES: BEGIN …"
    # at start-up and each log-in, which its own tables record; WeasyPrint's progress lines
    # and its font subsetting's): their warnings and errors still show.
    "loggers": {name: {"level": "WARNING"} for name in ("axes", "weasyprint", "fontTools")},
}

# Plan rules that are settings, not code (DESIGN.md): female-labour share thresholds.
PLAN_NEW_HTX_FEMALE_SHARE = env.float("PLAN_NEW_HTX_FEMALE_SHARE", default=0.70)
PLAN_TARGET_GROUP_FEMALE_SHARE = env.float("PLAN_TARGET_GROUP_FEMALE_SHARE", default=0.80)

REGISTRY_PAGE_SIZES = (25, 50, 100)

# Excel imports (imports/reading.py): limits a real list of records stays far below.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 2**20)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=50 * 2**20)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=5000)

# Personal data (Law 91/2025/QH15): people whose last role, training or post in the Union ended
# this many years ago are anonymised by the daily `anonymise_expired` command.
PERSONAL_DATA_RETENTION_YEARS = env.int("PERSONAL_DATA_RETENTION_YEARS", default=5)
