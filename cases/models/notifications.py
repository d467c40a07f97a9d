import datetime
import string

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..fields import BlindIndexField, EncryptedTextField
from ..masking import LONG_NUMBER
from ..validators import normalise_phone


class SmsTemplate(models.Model):
    """An SMS text administrators may reword. ``variables`` lists the only
    placeholders it may use, written ``{reference}``."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    text = models.TextField(_("text"))
    text_en = models.TextField(
        _("text in English"),
        blank=True,
        help_text=_("Sent to families who use the service in English; empty: the Chinese text."),
    )
    variables = models.JSONField(_("variables it may use"), default=list, editable=False)
    is_active = models.BooleanField(_("send it"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("SMS template")
        verbose_name_plural = _("SMS templates")

    def __str__(self):
        return self.name

    def placeholders(self, text=None):
        text = self.text if text is None else text
        return {field for _, field, _, _ in string.Formatter().parse(text) if field}

    def clean(self):
        errors = {}
        for field in ("text", "text_en"):
            text = getattr(self, field)
            if LONG_NUMBER.search(text):
                errors[field] = _("An SMS may not contain a number of 11 digits or more.")
                continue
            unknown = self.placeholders(text) - set(self.variables)
            if unknown:
                errors[field] = _(
                    "Unknown variables: %(unknown)s. This text may use: %(allowed)s."
                ) % {
                    "unknown": "、".join(f"{{{v}}}" for v in sorted(unknown)),
                    "allowed": "、".join(f"{{{v}}}" for v in self.variables) or "—",
                }
        if errors:
            raise ValidationError(errors)

    def render(self, context, language=""):
        """The text in ``language`` (English where there is an English text).

        A value stands inside the template's own sentence: its own closing
        full stop goes (a clerk's "已支付。" before the template's "。" read
        "已支付。。")."""
        english = language.startswith("en") and bool(self.text_en)
        text = self.text_en if english else self.text
        return text.format_map(
            {name: _as_text(context.get(name, ""), english) for name in self.variables}
        )


ENGLISH_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _as_text(value, english):
    """A value as the text's language writes it: dates and times as people
    read them (9 December 17:24, 12月9日17:24), in Beijing time."""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        return f"{_day(local, english)}{' ' if english else ''}{local:%H:%M}"
    if isinstance(value, datetime.date):
        return _day(value, english)
    return _inside_a_sentence(value)


def _day(day, english):
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]}" if english else f"{day.month}月{day.day}日"


def _inside_a_sentence(value):
    return str(value).rstrip().rstrip("。.！!")


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
        indexes = [
            models.Index(fields=["phone_hash", "created_at"]),
            # /metrics counts the failures at every scrape; they are few.
            models.Index(fields=["status"], condition=models.Q(status="failed"), name="sms_failed"),
        ]

    def __str__(self):
        return f"SMS #{self.pk} ({self.template_code})"
