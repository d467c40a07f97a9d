"""django-oauth-toolkit's scopes back end for the receiving bodies: a
body's OAuth2 client may ask only for the purposes it is registered for
(``cases.ReceivingBody.scopes``), and gets exactly those by default."""

from django.conf import settings
from oauth2_provider.scopes import BaseScopes

from cases.models import ReceivingBody


def _registered(application):
    if application is None:
        return []
    body = ReceivingBody.objects.filter(application=application, active=True).first()
    return [
        scope
        for scope in (body.scopes if body else [])
        if scope in settings.OAUTH2_PROVIDER["SCOPES"]
    ]


class ReceivingBodyScopes(BaseScopes):
    def get_all_scopes(self):
        return dict(settings.OAUTH2_PROVIDER["SCOPES"])

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        return _registered(application)

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        return _registered(application)
