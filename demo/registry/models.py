from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.constants import Gender
from cases.fields import BlindIndexField, EncryptedTextField
from cases.validators import normalise_id_number, normalise_phone


class DemoRegistryPerson(models.Model):
    """A person of the demo registry, seeded by ``manage.py seed_demo``."""

    id_number = EncryptedTextField(_("resident ID number"), normaliser=normalise_id_number)
    id_number_hash = BlindIndexField(source="id_number", unique=True)
    name = models.CharField(_("name"), max_length=100)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"))
    hukou_region = models.CharField(_("household registration"), max_length=100, blank=True)
    hukou_area_code = models.CharField(_("household's division code"), max_length=12, blank=True)
    flags = models.JSONField(_("profile flags"), default=dict)
    # The registry's family data: JSON [{"name", "relationship", "id_number"}],
    # encrypted as it holds other people's ID numbers.
    relatives = EncryptedTextField(_("close relatives"))
    # The death record: empty while the person is alive in the registry.
    died_at = models.DateTimeField(_("time of death"), null=True, blank=True)
    # Department codes of the banks and insurers, or null: not known.
    banks = models.JSONField(_("banks"), null=True, blank=True)
    insurers = models.JSONField(_("insurers"), null=True, blank=True)
    # The person arranged that relatives are not given their personal
    # information after death (PIPL Art. 49).
    arranged_otherwise = models.BooleanField(_("arranged otherwise"), default=False)
    death_contact_phone = EncryptedTextField(
        _("family contact recorded with the death"), normaliser=normalise_phone
    )

    class Meta:
        verbose_name = _("demo registry person")
        verbose_name_plural = _("demo registry people")

    def __str__(self):
        return f"demo registry person #{self.pk}"
