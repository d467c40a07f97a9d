"""Keys and certificates that sign the sealed certificates (PAdES).

Each department signs with its own key and certificate, issued by a CA the
verification page trusts. ``manage.py create_dev_pki`` makes a development CA
and one certificate per department under PKI_DIR; production points PKI_DIR
at the real department certificates (and their keys, ideally in an HSM —
pyHanko supports PKCS#11 signers; not wired up here).
"""

import datetime
from functools import lru_cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CA_NAME = "身后一件事 开发用根证书"


def _name(common_name, unit=""):
    parts = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "身后一件事（开发环境）"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ]
    if unit:
        parts.insert(2, x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    return x509.Name(parts)


def _write(path, key, cert):
    path.parent.mkdir(parents=True, exist_ok=True)
    key_path = path.with_suffix(".key.pem")
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    path.with_suffix(".cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def create_dev_pki(directory, departments, *, years=5):
    """A CA and a signing certificate per department code; returns the codes
    that were created (existing files are kept)."""
    directory = Path(directory)
    now = datetime.datetime.now(datetime.UTC)
    ca_path = directory / "ca"
    if ca_path.with_suffix(".cert.pem").exists():
        ca_key = serialization.load_pem_private_key(
            ca_path.with_suffix(".key.pem").read_bytes(), password=None
        )
        ca_cert = x509.load_pem_x509_certificate(ca_path.with_suffix(".cert.pem").read_bytes())
    else:
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_cert = (
            x509.CertificateBuilder()
            .subject_name(_name(CA_NAME))
            .issuer_name(_name(CA_NAME))
            .public_key(ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=365 * years + 365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
            )
            .sign(ca_key, hashes.SHA256())
        )
        _write(ca_path, ca_key, ca_cert)
    created = []
    for code, name in departments:
        path = directory / code
        if path.with_suffix(".cert.pem").exists():
            continue
        key = ec.generate_private_key(ec.SECP256R1())
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(f"{name} 电子印章", unit=name))
            .issuer_name(ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=365 * years))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                critical=False,
            )
            .sign(ca_key, hashes.SHA256())
        )
        _write(path, key, cert)
        created.append(code)
    return created


def _paths(code):
    directory = Path(settings.PKI_DIR)
    key = directory / f"{code}.key.pem"
    cert = directory / f"{code}.cert.pem"
    if not cert.exists() and settings.DEMO_DATA_ALLOWED:
        # Development and tests: a department added in the admin gets a
        # development certificate the first time it signs.
        create_dev_pki(directory, [(code, code)])
    if not key.exists() or not cert.exists():
        raise ImproperlyConfigured(
            f"No signing key and certificate for department '{code}' in {directory}. "
            "For development run `python manage.py create_dev_pki`; in production put the "
            "department's certificate and key there (PKI_DIR)."
        )
    return key, cert


@lru_cache(maxsize=32)
def signer_for(code):
    """pyHanko signer of a department (cached per process)."""
    from pyhanko.sign import signers

    key, cert = _paths(code)
    ca = Path(settings.PKI_DIR) / "ca.cert.pem"
    return signers.SimpleSigner.load(
        str(key), str(cert), ca_chain_files=(str(ca),) if ca.exists() else ()
    )


@lru_cache(maxsize=1)
def trust_roots():
    from pyhanko.keys import load_cert_from_pemder

    ca = Path(settings.PKI_DIR) / "ca.cert.pem"
    if not ca.exists():
        raise ImproperlyConfigured(f"The CA certificate is missing: {ca}.")
    return (load_cert_from_pemder(str(ca)),)
