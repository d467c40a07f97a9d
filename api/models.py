import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_token(key):
    # Tokens are 256 random bits, so a plain SHA-256 cannot be brute-forced;
    # what is stored cannot be used to authenticate.
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A bearer token for the mobile app (a citizen) or a hotline agent."""

    class Kind(models.TextChoices):
        APP = "app", _("Mobile app")
        HOTLINE = "hotline", _("Hotline agent")

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="graphql_tokens"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("why revoked"), max_length=100, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"API token {self.pk}"

    @classmethod
    def issue(cls, user, kind, lifetime):
        """Create a token; return (token, key). The key is shown this once."""
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            kind=kind,
            key_hash=hash_token(key),
            expires_at=timezone.now() + lifetime,
        )
        return token, key

    def revoke(self, reason):
        self.revoked_at = timezone.now()
        self.revoked_reason = reason
        self.save(update_fields=["revoked_at", "revoked_reason"])
