from django.apps import AppConfig


class PluginConfig(AppConfig):
    name = "cases.connectors.contrib.workbench"
    label = "connector_workbench"
    verbose_name = "Connector: workbench"

    def ready(self):
        from . import plugin  # noqa: F401 - registers itself
