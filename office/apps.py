from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    """The staff face: every screen clerks, supervisors, hotline agents and
    administrators use in the Wagtail admin. It renders; ``cases`` decides."""

    name = "office"
    verbose_name = _("Staff screens")
