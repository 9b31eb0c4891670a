"""CMS (PKCS#7) enveloped data: how Fiks IO encrypts a message for the receiving account.

The sender encrypts the whole ASiC-E zip for the receiver's public certificate (RSA key transport,
AES-CBC content encryption; KS's Java handler ``ks-no/fiks-io-asice-handler`` does this with
BouncyCastle). We decrypt with ``cryptography``'s ``pkcs7_decrypt_der`` (since cryptography 44.0;
AES-256-CBC encryption in ``PKCS7EnvelopeBuilder`` since 45.0, which the test sender uses).
The receiving service's private key and certificate are PEM files (``BARNEVERN_FIKS_KEY_FILE``,
``BARNEVERN_FIKS_CERT_FILE``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID


class DecryptionFailed(ValueError):
    """The message could not be decrypted with our key; the message is Norwegian."""


@dataclass(frozen=True, slots=True)
class Keys:
    private_key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    @classmethod
    def load(cls, key_file: str | Path, cert_file: str | Path) -> Keys:
        key = serialization.load_pem_private_key(Path(key_file).read_bytes(), password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise ValueError("Fiks IO-nøkkelen må være en RSA-nøkkel.")
        return cls(key, x509.load_pem_x509_certificate(Path(cert_file).read_bytes()))

    @classmethod
    def generate(cls, common_name: str = "Barnevern Fiks IO test", days: int = 3650) -> Keys:
        """A fresh RSA key and self-signed certificate (tests, demo, a first set-up)."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
        now = dt.datetime.now(dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=days))
            .sign(key, hashes.SHA256())
        )
        return cls(key, cert)

    def write(self, key_file: str | Path, cert_file: str | Path) -> None:
        key_path = Path(key_file)
        key_path.touch(mode=0o600, exist_ok=True)
        key_path.write_bytes(
            self.private_key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        Path(cert_file).write_bytes(self.certificate.public_bytes(serialization.Encoding.PEM))


def decrypt(data: bytes, keys: Keys) -> bytes:
    """The plaintext of a DER CMS enveloped-data blob. Raises ``DecryptionFailed``."""
    try:
        return pkcs7.pkcs7_decrypt_der(data, keys.certificate, keys.private_key, [])
    except (ValueError, TypeError) as exc:
        raise DecryptionFailed(
            "Meldingen kunne ikke dekrypteres med tjenestens nøkkel (feil nøkkel, eller ikke CMS-kryptert)."
        ) from exc
    except Exception as exc:  # cryptography raises UnsupportedAlgorithm and Rust errors too
        raise DecryptionFailed(f"Meldingen kunne ikke dekrypteres: {type(exc).__name__}.") from exc


def encrypt(data: bytes, certificate: x509.Certificate) -> bytes:
    """DER CMS enveloped data for ``certificate`` (AES-256-CBC), as a Fiks IO sender makes it."""
    return (
        pkcs7.PKCS7EnvelopeBuilder()
        .set_data(data)
        .add_recipient(certificate)
        .set_content_encryption_algorithm(pkcs7.algorithms.AES256)
        .encrypt(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])
    )
