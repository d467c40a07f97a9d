"""SMS to families: queued in the transaction of the event that causes them,
sent by a background job, deduplicated, capped per number and day."""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language

from . import queue, retrying
from .fields import hash_for
from .masking import LONG_NUMBER
from .models import SmsMessage, SmsStatus, SmsTemplate
from .sms.base import SmsSendFailed
from .sms.registry import get_backend

logger = logging.getLogger(__name__)


def notify(
    template_code, *, phone, context, case=None, dedupe_key=None, secret=False, language=None
):
    """Queue one SMS; return it, or None when it is a duplicate or the
    template is switched off. Call inside the transaction of the event.

    The text is in the language the family chose (the case's, else
    ``language``, else the active one)."""
    sign_in = template_code == SIGN_IN_TEMPLATE
    # The template and the number's texts today, in one query.
    template = (
        SmsTemplate.objects.filter(code=template_code, is_active=True)
        .annotate(sent_today=_counted(_today(phone, sign_in=sign_in)))
        .first()
    )
    if template is None:
        return None
    if case is not None and getattr(case, "language", ""):
        language = case.language
    text = template.render(context, language or get_language() or "")
    if LONG_NUMBER.search(text):
        # Never sent, and never allowed to break the event that caused it.
        logger.error("SMS template %s would send a full personal number; not sent", template_code)
        status, text = SmsStatus.FAILED, ""
    elif template.sent_today >= _daily_cap(sign_in):
        status = SmsStatus.SUPPRESSED
    else:
        status = SmsStatus.QUEUED
    try:
        with transaction.atomic():
            message = SmsMessage.objects.create(
                template_code=template_code,
                case=case,
                phone=phone,
                text=text,
                dedupe_key=dedupe_key,
                status=status,
                discard_text_after_sending=secret,
            )
    except IntegrityError:
        return None  # the same event already queued its message
    if status == SmsStatus.SUPPRESSED:
        logger.warning("SMS #%s not sent: daily limit for the number reached", message.pk)
    elif status == SmsStatus.QUEUED:
        queue.enqueue(queue.SEND_SMS, message.pk)
    return message


# Sign-in codes have an allowance of their own (SIGN_IN_CODES_PER_PHONE_PER_DAY):
# anyone can ask for them to any number, so they never spend the texts a
# family's case needs.
SIGN_IN_TEMPLATE = "login_code"


def _today(phone, *, sign_in):
    """Texts queued or sent to ``phone`` today (Beijing): the sign-in codes,
    or everything else."""
    start_of_day = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time.min)
    )
    today = SmsMessage.objects.filter(
        phone_hash=hash_for(SmsMessage, "phone", phone), created_at__gte=start_of_day
    ).exclude(status=SmsStatus.SUPPRESSED)
    if sign_in:
        return today.filter(template_code=SIGN_IN_TEMPLATE)
    return today.exclude(template_code=SIGN_IN_TEMPLATE)


def _counted(messages):
    """How many ``messages``, as a subquery (0 when none)."""
    rows = messages.order_by().values("phone_hash").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows), 0)


def sent_today(phone, *, sign_in):
    """How many texts ``phone`` was sent today (Beijing): sign-in codes or the rest."""
    return _today(phone, sign_in=sign_in).count()


def _daily_cap(sign_in):
    if sign_in:
        return settings.SIGN_IN_CODES_PER_PHONE_PER_DAY
    return settings.SMS_DAILY_CAP_PER_PHONE


def send(message_id):
    """One attempt to hand a message to the provider (the ``send_sms`` job)."""
    with transaction.atomic():
        # The lock keeps a second worker from sending the same message.
        message = SmsMessage.objects.select_for_update().get(pk=message_id)
        if message.status not in (SmsStatus.QUEUED, SmsStatus.RETRYING):
            return message.status
        message.attempts += 1
        try:
            message.provider_id = get_backend().send(message.phone, message.text)
        except SmsSendFailed as exc:
            message.last_error = str(exc)[:300]
            if message.attempts >= settings.SMS_MAX_ATTEMPTS:
                message.status = SmsStatus.FAILED
            else:
                message.status = SmsStatus.RETRYING
                wait = retrying.backoff(
                    message.attempts,
                    base=settings.SMS_RETRY_BASE_SECONDS,
                    cap=settings.SMS_RETRY_CAP_SECONDS,
                )
                queue.enqueue(queue.SEND_SMS, message.pk, run_after=timezone.now() + wait)
        else:
            message.status = SmsStatus.SENT
            message.sent_at = timezone.now()
            message.last_error = ""
            if message.discard_text_after_sending:
                message.text = ""
        message.save()
    return message.status
