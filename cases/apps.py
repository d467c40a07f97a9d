from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases and catalogue")

    def ready(self):
        # Plugins (connectors, registry sources, SMS back ends) are apps of
        # their own and register themselves in their ready(): what is
        # installed is what INSTALLED_APPS lists, per environment.
        from django.contrib.auth.models import User
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import audit, checks, kept, roles  # noqa: F401 - checks registers itself
        from .models import CalendarOverride, Department, Matter

        audit.register_models()
        # What each process keeps of the catalogue and calendar (cases.kept).
        for model in (Matter, Department, CalendarOverride):
            for signal in (post_save, post_delete):
                signal.connect(kept.changed, sender=model, dispatch_uid=f"kept_{model.__name__}")
        m2m_changed.connect(
            kept.changed, sender=Matter.depends_on.through, dispatch_uid="kept_depends_on"
        )
        m2m_changed.connect(
            roles.forget_groups, sender=User.groups.through, dispatch_uid="roles_groups"
        )
