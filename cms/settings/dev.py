"""Development: DEBUG on, development-only keys, SQLite under var/."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, LOGGING, VAR_DIR
from .env import env, env_list

DEBUG = True
DEMO_DATA_ALLOWED = True
# The demo app (registry people, forms, pages, `manage.py seed_demo`) exists
# only here and in the test settings, which build on these.
INSTALLED_APPS = [*INSTALLED_APPS, "demo", "demo.registry"]
SHARED_REGISTRY_SOURCE = env("SHARED_REGISTRY_SOURCE", "demo")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

# Development-only values. They are public (they are in the repository) and
# production settings never fall back to them.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-secret-key-never-use-in-production-3f9a")
FIELD_ENCRYPTION_KEYS = env_list(
    "FIELD_ENCRYPTION_KEYS", ["ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZC0="]
)
BLIND_INDEX_KEY = env("BLIND_INDEX_KEY", "dev-only-blind-index-key")
AUDIT_TRAIL_KEY = env("AUDIT_TRAIL_KEY", "dev-only-audit-trail-key")
SMS_BACKEND = env("SMS_BACKEND", "file")

# The worker logs every job it runs at INFO (Wagtail alone queues dozens per
# page saved): in the terminal of `make run` only what went wrong.
LOGGING["loggers"]["django_tasks"] = {"level": env("TASKS_LOG_LEVEL", "WARNING")}
# Wagtail logs every page created, copied and published at INFO: seed_demo
# alone printed hundreds of lines over the staff accounts it shows.
LOGGING["loggers"]["wagtail"] = {"level": env("WAGTAIL_LOG_LEVEL", "WARNING")}

VAR_DIR.mkdir(parents=True, exist_ok=True)
