"""What hotline agents looked up, and agents locked out for refused lookups."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HotlineAccess(models.Model):
    """One lookup by a hotline agent, answered or refused. Holds no clear
    personal data: what was asked and who called are kept masked and hashed."""

    class Reason(models.TextChoices):
        ANSWERED = "answered", _("Answered: the caller's number is on the case")
        NOT_FOUND = "not_found", _("Refused: no such case")
        WRONG_CALLER = "wrong_caller", _("Refused: the caller's number is not on the case")
        BAD_INPUT = "bad_input", _("Refused: reference or ID number malformed")
        LOCKED = "locked", _("Refused: the agent is locked out")

    class Via(models.TextChoices):
        API = "api", _("GraphQL API")
        CONSOLE = "console", _("Hotline console")

    wagtail_reference_index_ignore = True

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agent"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    via = models.CharField(_("via"), max_length=10, choices=Via.choices)
    asked_for = models.CharField(_("asked for (masked)"), max_length=40)
    caller_phone = models.CharField(_("caller's number (masked)"), max_length=20)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered = models.BooleanField(_("answered"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("hotline lookup")
        verbose_name_plural = _("hotline lookups")
        indexes = [models.Index(fields=["agent", "answered", "at"])]

    def __str__(self):
        return f"hotline lookup {self.pk}"


class HotlineLock(models.Model):
    """An agent who was refused too often in an hour; a supervisor releases."""

    wagtail_reference_index_ignore = True

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agent"),
    )
    locked_at = models.DateTimeField(_("locked at"), auto_now_add=True)
    refused_lookups = models.PositiveIntegerField(_("refused lookups in the hour"))
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    release_reason = models.TextField(_("why released"), blank=True)

    class Meta:
        ordering = ["-locked_at"]
        verbose_name = _("hotline lock-out")
        verbose_name_plural = _("hotline lock-outs")

    def __str__(self):
        return f"hotline lock {self.pk}"
