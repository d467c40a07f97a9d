"""Model fields for personal data: encrypted at rest, found by blind index."""

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Stores ``normalise(value)`` encrypted; Python sees the plaintext.

    Ciphertext is random, so these fields cannot be filtered on: pair one with
    a :class:`BlindIndexField` to look values up.
    """

    def __init__(self, *args, normaliser=None, **kwargs):
        self.normaliser = normaliser
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.normaliser is not None:
            kwargs["normaliser"] = self.normaliser
        return name, path, args, kwargs

    def normalise(self, value):
        if value in (None, ""):
            return ""
        value = str(value)
        return self.normaliser(value) if self.normaliser else value

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return ""
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = self.normalise(value)
        if value == "":
            return ""
        return crypto.encrypt(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        # Lookups would compare ciphertexts, which never match.
        return value if prepared else self.get_prep_value(value)


class BlindIndexField(models.CharField):
    """A keyed hash of another field's normalised value, filled in on save
    (``pre_save`` runs for ``save()`` and ``bulk_create()`` alike)."""

    def __init__(self, *args, source, **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key, default in (("max_length", 64), ("editable", False), ("blank", True)):
            if kwargs.get(key) == default:
                kwargs.pop(key)
        kwargs.pop("db_index", None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = hash_for(
            model_instance.__class__, self.source, getattr(model_instance, self.source)
        )
        setattr(model_instance, self.attname, value)
        return value


def hash_for(model, field_name, value):
    """The blind index of ``value`` as ``model.field_name`` would store it, for
    queries: ``Person.objects.filter(id_number_hash=hash_for(Person, "id_number", x))``."""
    field = model._meta.get_field(field_name)
    normalised = field.normalise(value)
    if normalised == "":
        return ""
    return crypto.blind_index(f"{model._meta.label_lower}.{field_name}:{normalised}")
