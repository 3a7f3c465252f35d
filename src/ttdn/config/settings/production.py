"""Production: refuses to start without a secret key and the host names it serves."""

from django.core.exceptions import ImproperlyConfigured

from ttdn.config import env
from ttdn.config.settings.base import *  # noqa: F403

if not env.SECRET_KEY:
    raise ImproperlyConfigured(
        "TTDN_SECRET_KEY is not set. Production needs a secret key of at least 50 random "
        "characters, for example from: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
if not env.ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "TTDN_ALLOWED_HOSTS is not set. Give the host names this server answers to, "
        "separated by commas, for example: TTDN_ALLOWED_HOSTS=ttdn.nghean.gov.vn."
    )

SECRET_KEY = env.SECRET_KEY
ALLOWED_HOSTS = env.ALLOWED_HOSTS
DEBUG = False
TTDN_DEMO = env.DEMO if env.DEMO_EXPLICIT else False  # demo log-ins only on request
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
