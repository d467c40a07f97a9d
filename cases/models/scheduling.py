from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledJobRun(models.Model):
    """When each periodic job last ran. ``manage.py run_scheduled`` locks the
    row while the job runs, so cron on several machines runs it once."""

    # Not content: Wagtail's reference index has nothing to learn here.
    wagtail_reference_index_ignore = True

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_outcome = models.CharField(_("last outcome"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self):
        return self.name


class Heartbeat(models.Model):
    """The last sign of life of a background process (the scheduler, the
    worker), read by the health endpoint: a stopped worker answers no request
    and logs nothing, so only its silence can tell."""

    wagtail_reference_index_ignore = True

    name = models.CharField(_("process"), max_length=50, unique=True)
    beat_at = models.DateTimeField(_("last sign of life"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return self.name

    @classmethod
    def beat(cls, name, at):
        cls.objects.update_or_create(name=name, defaults={"beat_at": at})

    @classmethod
    def last(cls, name):
        return cls.objects.filter(name=name).values_list("beat_at", flat=True).first()
