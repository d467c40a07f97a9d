"""Sharing with the bodies that handle what follows a death (property
inheritance registration, notaries, banks): each is registered with the
purposes it may ask for, and reads a case only with the family's consent,
for the purposes the family chose, until the family withdraws it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .catalogue import in_active_language


class SharingScope(models.TextChoices):
    """One purpose per scope: what a receiving body may read."""

    DEATH_FACTS = "death-facts", _("who died, when and where, and the death certificate")
    HEIRS_AND_CONSENTS = "heirs-and-consents", _("the heirs and their consents")
    CERTIFICATES = "certificates", _("the certificates issued and whether each is valid")


class BodyKind(models.TextChoices):
    REAL_ESTATE = "real_estate", _("Real-estate registration")
    NOTARY = "notary", _("Notary office")
    BANK = "bank", _("Bank")


class ReceivingBody(models.Model):
    """A body registered to read shared data; its OAuth2 client (client
    credentials) is the only way it authenticates."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        on_delete=models.PROTECT,
        related_name="receiving_body",
        verbose_name=_("OAuth2 client"),
    )
    # The purposes the platform lets it ask for (SharingScope values).
    scopes = models.JSONField(_("purposes it may ask for"), default=list)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("receiving body")
        verbose_name_plural = _("receiving bodies")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return in_active_language(self.name_zh, self.name_en)


class SharingConsent(models.Model):
    """The family's consent that one body reads the case for the purposes
    chosen. Withdrawn, it is kept as the record of what was allowed when."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="sharing_consents"
    )
    body = models.ForeignKey(ReceivingBody, on_delete=models.PROTECT, related_name="consents")
    scopes = models.JSONField(_("purposes"), default=list)
    granted_at = models.DateTimeField(_("granted at"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sharing consent")
        verbose_name_plural = _("sharing consents")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "body"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_live_consent_per_body",
            )
        ]

    def __str__(self):
        return f"{self.case} → {self.body}"
