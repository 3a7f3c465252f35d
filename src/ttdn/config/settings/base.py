"""Settings for every environment; the modules beside this one override a few values."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import dj_database_url
from django.utils.translation import gettext_lazy as _

from ttdn.config import env

PACKAGE_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = env.DATA_DIR

SECRET_KEY = env.SECRET_KEY or env.persistent_secret_key(DATA_DIR)
DEBUG = env.DEBUG
ALLOWED_HOSTS = env.ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = env.CSRF_TRUSTED_ORIGINS
TTDN_DEMO = env.DEMO
TTDN_COORDINATING_AGENCY = env.COORDINATING_AGENCY
TTDN_PROVINCE_NAME = env.PROVINCE_NAME

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ttdn.core",
    "ttdn.agencies",
    "ttdn.accounts",
    "ttdn.plans",
    "ttdn.exports",
    "ttdn.notifications",
    "ttdn.reporting",
    "ttdn.monitoring",
    "rest_framework",
    "drf_spectacular",
    "ttdn.catalog",
    "ttdn.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ttdn.config.urls"
WSGI_APPLICATION = "ttdn.config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "ttdn.core.context_processors.platform",
                "ttdn.notifications.context_processors.notifications",
            ],
        },
    },
]


def _database() -> dict:
    if env.DATABASE_URL:
        config = dj_database_url.parse(env.DATABASE_URL, conn_max_age=60, conn_health_checks=True)
        return config
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "ttdn.sqlite3",
        "OPTIONS": {
            # WAL lets the web server read while the worker writes; IMMEDIATE avoids
            # "database is locked" upgrades from read to write inside a transaction.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "plans:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Throttling of wrong passwords (django-axes): five failures lock the pair
# (user name, address) for 15 minutes; the login page says so in the user's language.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "ttdn.accounts.views.lockout"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env.TIME_ZONE
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "ttdn_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def _tasks() -> dict:
    if env.TASKS_BACKEND == "redis":
        return {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    if env.TASKS_BACKEND == "immediate":
        return {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


TASKS = _tasks()
RQ_QUEUES = {"default": {"URL": env.REDIS_URL}}
if env.TASKS_BACKEND == "redis":
    INSTALLED_APPS += ["django_rq"]


def _email() -> dict:
    if not env.EMAIL_URL:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    url = urlparse(env.EMAIL_URL)
    query = parse_qs(url.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": url.hostname or "localhost",
        "EMAIL_PORT": url.port or 25,
        "EMAIL_HOST_USER": url.username or "",
        "EMAIL_HOST_PASSWORD": url.password or "",
        "EMAIL_USE_TLS": query.get("tls", ["0"])[0] == "1",
        "EMAIL_USE_SSL": query.get("ssl", ["0"])[0] == "1",
    }


globals().update(_email())
DEFAULT_FROM_EMAIL = env.DEFAULT_FROM_EMAIL

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

FORMAT_MODULE_PATH = ["ttdn.formats"]

# The foreign-information database (catalog): languages items may be written in (ISO 639-1),
# the largest media file accepted, and the API (DRF + drf-spectacular, docs/apps/catalog.md).
TTDN_CATALOG_LANGUAGES = ["vi", "en", "lo", "zh", "ko", "ja", "fr", "th", "ru", "de", "es"]
TTDN_CATALOG_MEDIA_MAX_BYTES = 20 * 1024 * 1024
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "TITLE": "TTĐN API",
    "DESCRIPTION": "The foreign-information database: items, media, per-agency tokens.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

# Uploads (evidence, media): the most one file may weigh; the web server's own limit
# (DATA_UPLOAD_MAX_MEMORY_SIZE concerns form fields, not files) stays Django's default.
TTDN_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The public portal (docs/apps/portal.md): its languages (each needs a column in
# portal/data/ui.json), the address search engines see, and its page cache — in-process
# memory by default, shared (redis://…) when TTDN_PORTAL_CACHE_URL says so.
TTDN_PORTAL_LANGUAGES = env.PORTAL_LANGUAGES
TTDN_PORTAL_BASE_URL = env.PORTAL_BASE_URL
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "portal": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env.PORTAL_CACHE_URL}
        if env.PORTAL_CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ttdn-portal",
            "TIMEOUT": 600,
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    ),
}
