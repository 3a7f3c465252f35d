"""Test runs: fast hashing, jobs run at once, no throttling across tests."""

from ttdn.config.settings.base import *  # noqa: F403
from ttdn.config.settings.base import TASKS

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}} | {
    key: value for key, value in TASKS.items() if key != "default"
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
AXES_VERBOSE = False

# SQLite test databases live in a file, not in shared-cache memory: the live server of the
# browser tests serves concurrent requests (htmx autosave beside a click), and only a file
# database in WAL mode waits for a lock (busy_timeout) instead of failing at once.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-db.sqlite3")}  # noqa: F405
