from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ..plugins import Registry

register = Registry("SMS back end")


def get_backend():
    if settings.SMS_BACKEND not in register:
        raise ImproperlyConfigured(
            f"SMS_BACKEND is '{settings.SMS_BACKEND}', which is not a registered SMS back end."
        )
    return register[settings.SMS_BACKEND]
