"""Reading settings from the environment.

Kept apart from ``base`` so that ``production`` can ask for a variable to be
*required* and fail with a message that names it, instead of a KeyError.
"""

import os

from django.core.exceptions import ImproperlyConfigured


def env(name, default=None):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def env_list(name, default=()):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def required(name, value, why):
    """Refuse to start when a production secret is missing."""
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is not set. {why} "
            "Production settings refuse to start without it; see README.md, "
            "'Running it for real'."
        )
    return value
