from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsConfig(AppConfig):
    name = "forms"
    verbose_name = _("Application forms")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import datetime

        from cases.scheduling import PeriodicJob, register_job

        from .retention import prune_abandoned_drafts

        register_job(
            PeriodicJob(
                "prune_abandoned_drafts", datetime.timedelta(hours=6), prune_abandoned_drafts
            )
        )
