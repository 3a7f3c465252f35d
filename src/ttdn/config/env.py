"""The only module that reads the environment.

Every setting that an operator can change is read here, once, with its default, so that
`docs/operations.md` can list them from one place.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, "").split(",") if part.strip()]


def default_data_dir() -> Path:
    """Per-user data directory (XDG on Linux, ~/.local/share/ttdn when XDG is unset)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ttdn"


DATA_DIR = Path(os.environ.get("TTDN_DATA_DIR") or default_data_dir()).expanduser()
DATABASE_URL = os.environ.get("DATABASE_URL", "")
SECRET_KEY = os.environ.get("TTDN_SECRET_KEY", "")
ALLOWED_HOSTS = _list("TTDN_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = _list("TTDN_CSRF_TRUSTED_ORIGINS")
DEBUG = _flag("TTDN_DEBUG", False)
DEMO = _flag("TTDN_DEMO", True)
DEMO_EXPLICIT = bool(os.environ.get("TTDN_DEMO"))
TASKS_BACKEND = os.environ.get("TTDN_TASKS_BACKEND", "database")  # database | redis | immediate
REDIS_URL = os.environ.get("TTDN_REDIS_URL", "redis://127.0.0.1:6379/0")
EMAIL_URL = os.environ.get("TTDN_EMAIL_URL", "")  # smtp://user:pass@host:587?tls=1
DEFAULT_FROM_EMAIL = os.environ.get("TTDN_FROM_EMAIL", "ttdn@localhost")
TIME_ZONE = os.environ.get("TTDN_TIME_ZONE", "Asia/Ho_Chi_Minh")
COORDINATING_AGENCY = os.environ.get("TTDN_COORDINATING_AGENCY", "so-vhttdl")
PROVINCE_NAME = os.environ.get("TTDN_PROVINCE_NAME", "Nghệ An")
PORTAL_LANGUAGES = _list("TTDN_PORTAL_LANGUAGES") or ["vi", "en", "lo"]
PORTAL_BASE_URL = os.environ.get("TTDN_PORTAL_BASE_URL", "").rstrip("/")  # https://host
PORTAL_CACHE_URL = os.environ.get("TTDN_PORTAL_CACHE_URL", "")  # "" = in-process memory


def persistent_secret_key(data_dir: Path) -> str:
    """A key kept in the data directory so sessions survive restarts of a local install."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key, encoding="ascii")
    path.chmod(0o600)
    return key
