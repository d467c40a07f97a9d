from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoRegistryConfig(AppConfig):
    name = "cases.registry.contrib.demo"
    label = "registry_demo"
    verbose_name = _("Demo shared registry")

    def ready(self):
        from . import plugin  # noqa: F401 - registers the source
