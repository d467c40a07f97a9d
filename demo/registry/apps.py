from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoRegistryConfig(AppConfig):
    name = "demo.registry"
    # The label of its first home (cases.registry.contrib.demo), kept so that
    # development databases migrate on.
    label = "registry_demo"
    verbose_name = _("Demo shared registry")

    def ready(self):
        from auditlog.registry import auditlog

        from cases.audit import HASH_FIELDS, MASK, PERSONAL_FIELDS

        from . import plugin  # noqa: F401 - registers the source
        from .models import DemoRegistryPerson

        # The family data is JSON holding relatives' names and ID numbers.
        auditlog.register(
            DemoRegistryPerson,
            mask_fields=[*PERSONAL_FIELDS, "relatives", "death_contact_phone"],
            mask_callable=MASK,
            exclude_fields=HASH_FIELDS,
        )
