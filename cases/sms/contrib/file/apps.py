from django.apps import AppConfig


class PluginConfig(AppConfig):
    name = "cases.sms.contrib.file"
    label = "sms_file"
    verbose_name = "SMS: file (development)"

    def ready(self):
        from . import plugin  # noqa: F401 - registers itself
