"""System checks: a plugin named in the settings must be installed, so that a
server with a wrong name refuses to start rather than fail the first family
who applies (the demo registry, say, exists only in development)."""

from django.conf import settings
from django.core import checks

from .banksearch.registry import register as bank_searches
from .registry.registry import register as registry_sources
from .sms.registry import register as sms_backends


@checks.register(checks.Tags.compatibility)
def named_plugins_are_installed(app_configs, **kwargs):
    named = [
        ("SHARED_REGISTRY_SOURCE", registry_sources, "cases.E001"),
        ("SMS_BACKEND", sms_backends, "cases.E002"),
        ("BANK_SEARCH_SOURCE", bank_searches, "cases.E003"),
    ]
    errors = []
    for setting, register, check_id in named:
        value = getattr(settings, setting)
        if setting == "BANK_SEARCH_SOURCE" and not value:
            continue  # none: the finance group's own task searches
        if value not in register:
            known = ", ".join(sorted(plugin.identifier for plugin in register)) or "none"
            errors.append(
                checks.Error(
                    f"{setting} is '{value}', which no installed app registers "
                    f"(registered: {known}).",
                    hint=f"Install the plugin's app or set {setting} to one of: {known}.",
                    id=check_id,
                )
            )
    return errors


# MLPS 2.0 (等保2.0) level 3 asks for audit records kept at least six months.
MINIMUM_AUDIT_RETENTION_DAYS = 183


@checks.register(checks.Tags.compatibility)
def audit_is_kept_long_enough(app_configs, **kwargs):
    days = settings.AUDIT_RETENTION_DAYS
    if days >= MINIMUM_AUDIT_RETENTION_DAYS:
        return []
    return [
        checks.Error(
            f"AUDIT_RETENTION_DAYS is {days}: audit and access events must be kept at least "
            f"{MINIMUM_AUDIT_RETENTION_DAYS} days (MLPS 2.0 level 3).",
            hint=f"Set AUDIT_RETENTION_DAYS to {MINIMUM_AUDIT_RETENTION_DAYS} or more.",
            id="cases.E004",
        )
    ]
