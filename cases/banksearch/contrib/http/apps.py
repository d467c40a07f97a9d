from django.apps import AppConfig


class PluginConfig(AppConfig):
    name = "cases.banksearch.contrib.http"
    label = "banksearch_http"
    verbose_name = "Cross-bank search over HTTP"

    def ready(self):
        from . import plugin  # noqa: F401 - registers itself
