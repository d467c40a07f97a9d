"""The standard's network on the ground: 村村都有 — an assistant in every
village. Areas are the statistical divisions (统计用区划代码: 6 digits for a
county, 9 for a town or street, 12 for a village or community); funeral
assistants (殡葬协理员) are assigned to villages, and count only while their
training is current."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import EncryptedTextField
from ..validators import normalise_phone


class AreaLevel(models.TextChoices):
    COUNTY = "county", _("County or district")
    TOWN = "town", _("Town or street")
    VILLAGE = "village", _("Village or community")


class Area(models.Model):
    code = models.CharField(
        _("division code"),
        max_length=12,
        unique=True,
        help_text=_("统计用区划代码: 6 digits for a county, 9 for a town, 12 for a village."),
    )
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("within"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"])]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name


class FuneralAssistant(models.Model):
    """A staff account in the funeral assistants' group, with the villages it
    serves and the work phone families call (shown to them in full)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="funeral_assistant"
    )
    name = models.CharField(_("name"), max_length=100)
    phone = EncryptedTextField(_("work phone"), normaliser=normalise_phone)
    villages = models.ManyToManyField(
        Area,
        blank=True,
        related_name="assistants",
        limit_choices_to={"level": AreaLevel.VILLAGE},
        verbose_name=_("villages served"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("funeral assistant")
        verbose_name_plural = _("funeral assistants")

    def __str__(self):
        return self.name


class AssistantTraining(models.Model):
    assistant = models.ForeignKey(
        FuneralAssistant, on_delete=models.CASCADE, related_name="trainings"
    )
    course = models.CharField(_("course"), max_length=200)
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    certificate_number = models.CharField(_("certificate number"), max_length=50, blank=True)
    refresher_due = models.DateField(
        _("refresher due"), help_text=_("The assistant counts as trained until this day.")
    )

    class Meta:
        ordering = ["-held_on"]
        indexes = [models.Index(fields=["assistant", "refresher_due"])]
        verbose_name = _("assistant training")
        verbose_name_plural = _("assistant trainings")

    def __str__(self):
        return f"{self.course} {self.held_on}"
