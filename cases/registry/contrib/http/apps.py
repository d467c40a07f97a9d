from django.apps import AppConfig


class PluginConfig(AppConfig):
    name = "cases.registry.contrib.http"
    label = "registry_http"
    verbose_name = "Shared registry over HTTP"

    def ready(self):
        from . import plugin  # noqa: F401 - registers itself
