from django.apps import AppConfig


class PluginConfig(AppConfig):
    name = "cases.sms.contrib.memory"
    label = "sms_memory"
    verbose_name = "SMS: in-memory outbox (tests)"

    def ready(self):
        from . import plugin  # noqa: F401 - registers itself
