"""Production: every secret from the environment, nothing falls back.

``python manage.py check --deploy`` reports no issues with these settings.
"""

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    AUDIT_TRAIL_KEY,
    BLIND_INDEX_KEY,
    FIELD_ENCRYPTION_KEYS,
    SECRET_KEY,
)
from .env import env, env_bool, env_list, required

DEBUG = False

required("SECRET_KEY", SECRET_KEY, "It signs sessions and CSRF tokens.")
required(
    "ALLOWED_HOSTS",
    ALLOWED_HOSTS,
    "List the host names the site answers to, comma-separated.",
)
required(
    "FIELD_ENCRYPTION_KEYS",
    FIELD_ENCRYPTION_KEYS,
    "Give one or more Fernet keys, newest first, comma-separated "
    "(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())').",
)
required(
    "BLIND_INDEX_KEY",
    BLIND_INDEX_KEY,
    "It keys the hash used to find people by ID number and phone; keep it stable.",
)
required(
    "AUDIT_TRAIL_KEY",
    AUDIT_TRAIL_KEY,
    "It signs each day's head of the audit trail's hash chain; keep it out of the "
    "database's backups and stable (the old key is needed to check old days).",
)

# The demo registry must never answer for a real city by default: production
# names its source (http: the big-data bureau's service).
SHARED_REGISTRY_SOURCE = required(
    "SHARED_REGISTRY_SOURCE",
    env("SHARED_REGISTRY_SOURCE"),
    "Name the shared registry source, e.g. http (with SHARED_REGISTRY_URL and "
    "SHARED_REGISTRY_SECRET).",
)

SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

# Static files are served by the application itself (behind the proxy's cache).
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_security:],
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Behind a reverse proxy that terminates TLS, it must set this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SESSION_COOKIE_AGE = 60 * 30

WAGTAILADMIN_BASE_URL = required(
    "WAGTAILADMIN_BASE_URL",
    env("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}"),
    "It is the site's public address, used in links.",
)

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# One cache shared by every worker: sign-in limits per network and Wagtail's
# page-fragment cache must not differ from one process to the next.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": required(
            "REDIS_URL",
            env("REDIS_URL"),
            "Give the Redis server for the shared cache, e.g. redis://127.0.0.1:6379/1.",
        ),
    }
}

GRAPHQL_INTROSPECTION = False
GRAPHQL_ALLOWLIST_ONLY = True
