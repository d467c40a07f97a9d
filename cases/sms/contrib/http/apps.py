from django.apps import AppConfig


class PluginConfig(AppConfig):
    name = "cases.sms.contrib.http"
    label = "sms_http"
    verbose_name = "SMS: HTTP provider"

    def ready(self):
        from . import plugin  # noqa: F401 - registers itself
