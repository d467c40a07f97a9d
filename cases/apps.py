from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases and catalogue")

    def ready(self):
        # Plugins (connectors, registry sources, SMS back ends) are apps of
        # their own and register themselves in their ready(): what is
        # installed is what INSTALLED_APPS lists, per environment.
        from . import audit, checks  # noqa: F401 - checks registers itself

        audit.register_models()
