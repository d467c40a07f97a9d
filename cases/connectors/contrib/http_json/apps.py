from django.apps import AppConfig


class PluginConfig(AppConfig):
    name = "cases.connectors.contrib.http_json"
    label = "connector_http_json"
    verbose_name = "Connector: signed HTTP JSON"

    def ready(self):
        from . import plugin  # noqa: F401 - registers itself
