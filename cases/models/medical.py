"""Medical institutions and the 《居民死亡医学证明》 their liaisons issue.

A hospital (or, after a death at home, the community health centre) records
the death in the system and issues the medical certificate of death of the
2026 national rules; that starts the family's case: they are texted, find the
deceased's data filled in, and the certificate matter (H01) done."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import Gender, Scenario
from ..fields import BlindIndexField, EncryptedTextField
from ..validators import normalise_id_number, normalise_phone
from .catalogue import BilingualNameMixin


class InstitutionKind(models.TextChoices):
    HOSPITAL = "hospital", _("Hospital")
    COMMUNITY_HEALTH_CENTRE = "community", _("Community health centre")


class MedicalInstitution(BilingualNameMixin, models.Model):
    """A hospital or community health centre; its liaisons (医疗卫生机构专人)
    are the members of its group and see only its deaths. Its certificates
    are sealed with its own key (``PKI_DIR/<code>``)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=InstitutionKind.choices)
    county = models.CharField(_("county or district"), max_length=50, blank=True)
    liaison_group = models.OneToOneField(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="liaisons_of_institution",
        verbose_name=_("liaisons' group"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("medical institution")
        verbose_name_plural = _("medical institutions")

    def __str__(self):
        return self.name_zh

    @property
    def scenario(self):
        """The death scenario its certificates start: a hospital's deaths
        are in hospital; a community health centre certifies deaths at home."""
        return Scenario.HOSPITAL if self.kind == InstitutionKind.HOSPITAL else Scenario.HOME


class MedicalDeathCertificateQuerySet(models.QuerySet):
    def current(self):
        """Not replaced by a correction and not revoked."""
        return self.filter(revoked_at__isnull=True)


class MedicalDeathCertificate(models.Model):
    """One issue of a 《居民死亡医学证明》: the facts the institution
    recorded, and the sealed PDF as a ``Certificate`` (revoked, verified and
    downloaded like the others; its case and task set when the family files).
    A correction is a new row that ``replaces`` this one, sealed again; the
    old is revoked with the supervisor's reason. Its number is the
    deceased's ID number; the certificate's serial is what /verify/ and the
    QR code use, so no ID number is ever in a link."""

    wagtail_reference_index_ignore = True

    institution = models.ForeignKey(
        MedicalInstitution, on_delete=models.PROTECT, related_name="death_certificates"
    )
    certificate = models.OneToOneField(
        "cases.Certificate", on_delete=models.PROTECT, related_name="medical_record"
    )
    id_number = EncryptedTextField(_("resident ID number"), normaliser=normalise_id_number)
    id_number_hash = BlindIndexField(source="id_number")
    name = models.CharField(_("name"), max_length=100)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    died_at = models.DateTimeField(_("time of death"))
    place_of_death = models.CharField(_("place of death"), max_length=200)
    # The cause chain as on the national form, direct cause first:
    # [{"cause": "急性心肌梗死", "icd10": "I21.9", "interval": "2小时"}].
    cause_chain = models.JSONField(_("causes of death"), default=list)
    doctor = models.CharField(_("doctor"), max_length=50)
    contact_name = models.CharField(_("family contact"), max_length=100)
    contact_phone = EncryptedTextField(_("family contact's phone"), normaliser=normalise_phone)
    contact_phone_hash = BlindIndexField(source="contact_phone")
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    correction_reason = models.TextField(_("why corrected"), blank=True)
    # Set when a correction replaces it (the certificate is revoked too).
    revoked_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    # The case the family filed with it (its H01 was done by this certificate).
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medical_certificates",
    )

    objects = MedicalDeathCertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            # One death, one certificate in force: a second is a correction.
            models.UniqueConstraint(
                fields=["id_number_hash"],
                condition=Q(revoked_at__isnull=True),
                name="one_current_medical_certificate_per_deceased",
            )
        ]
        indexes = [
            models.Index(fields=["institution", "-issued_at"]),
            models.Index(fields=["-issued_at"]),
            models.Index(fields=["contact_phone_hash"]),
        ]
        verbose_name = _("medical certificate of death")
        verbose_name_plural = _("medical certificates of death")

    def __str__(self):
        return self.certificate.serial

    @property
    def scenario(self):
        return self.institution.scenario
