import string

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import BlindIndexField, EncryptedTextField
from ..validators import normalise_phone


class SmsTemplate(models.Model):
    """An SMS text administrators may reword. ``variables`` lists the only
    placeholders it may use, written ``{reference}``."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    text = models.TextField(_("text"))
    variables = models.JSONField(_("variables it may use"), default=list, editable=False)
    is_active = models.BooleanField(_("send it"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("SMS template")
        verbose_name_plural = _("SMS templates")

    def __str__(self):
        return self.name

    def placeholders(self):
        return {field for _, field, _, _ in string.Formatter().parse(self.text) if field}

    def clean(self):
        from ..notifications import LONG_NUMBER

        if LONG_NUMBER.search(self.text):
            raise ValidationError(
                {"text": _("An SMS may not contain a number of 11 digits or more.")}
            )
        unknown = self.placeholders() - set(self.variables)
        if unknown:
            raise ValidationError(
                {
                    "text": _("Unknown variables: %(unknown)s. This text may use: %(allowed)s.")
                    % {
                        "unknown": "、".join(f"{{{v}}}" for v in sorted(unknown)),
                        "allowed": "、".join(f"{{{v}}}" for v in self.variables) or "—",
                    }
                }
            )

    def render(self, context):
        return self.text.format_map({name: context.get(name, "") for name in self.variables})


class SmsStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Failed; will try again")
    FAILED = "failed", _("Could not be sent")
    SUPPRESSED = "suppressed", _("Not sent: daily limit for this number reached")


class SmsMessage(models.Model):
    # Not content: Wagtail's reference index has nothing to learn here.
    wagtail_reference_index_ignore = True
    template_code = models.CharField(_("template"), max_length=50)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="sms_messages"
    )
    phone = EncryptedTextField(_("mobile number"), normaliser=normalise_phone)
    phone_hash = BlindIndexField(source="phone")
    text = EncryptedTextField(_("text"))
    # Sign-in codes are not kept once sent (they must only exist hashed).
    discard_text_after_sending = models.BooleanField(default=False)
    # Same key, same message: a repeated event never sends a second SMS.
    dedupe_key = models.CharField(max_length=120, unique=True, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SmsStatus.choices, default=SmsStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    provider_id = models.CharField(_("provider's id"), max_length=100, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("SMS message")
        verbose_name_plural = _("SMS messages")
        indexes = [models.Index(fields=["phone_hash", "created_at"])]

    def __str__(self):
        return f"SMS #{self.pk} ({self.template_code})"
