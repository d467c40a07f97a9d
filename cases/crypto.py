"""Encryption at rest and the blind index for personal data.

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256). Keys come from
``settings.FIELD_ENCRYPTION_KEYS``, newest first: the newest encrypts, every
key decrypts, so a key is rotated by putting a new one in front and running
``manage.py rotate_encryption_keys``. Lookups use a keyed hash of the
normalised value (the blind index), never the ciphertext.
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


@lru_cache(maxsize=1)
def _fernet(keys):
    if not keys:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS is empty: personal data cannot be encrypted."
        )
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key "
            "(32 url-safe base64-encoded bytes)."
        ) from exc


def fernet():
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(plaintext: str) -> str:
    return fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # The message must not carry the token: it is personal data encrypted.
        raise DecryptionError(
            "A stored value could not be decrypted with any key in "
            "FIELD_ENCRYPTION_KEYS; was a key removed before rotation finished?"
        ) from None


def encrypted_with_newest_key(token: str | bytes) -> bool:
    newest = Fernet(settings.FIELD_ENCRYPTION_KEYS[0])
    try:
        newest.decrypt(token.encode() if isinstance(token, str) else token)
    except InvalidToken:
        return False
    return True


def blind_index(normalised: str) -> str:
    key = settings.BLIND_INDEX_KEY
    if not key:
        raise ImproperlyConfigured("BLIND_INDEX_KEY is not set.")
    return hmac.new(key.encode(), normalised.encode(), hashlib.sha256).hexdigest()


@receiver(setting_changed)
def _forget_keys(setting, **kwargs):
    if setting == "FIELD_ENCRYPTION_KEYS":
        _fernet.cache_clear()
