from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases and catalogue")

    def ready(self):
        from . import audit
        from .connectors.contrib import http_json, workbench  # noqa: F401 - they register
        from .registry.contrib import http as http_registry  # noqa: F401
        from .sms.contrib import file, http, memory  # noqa: F401 - they register

        audit.register_models()
