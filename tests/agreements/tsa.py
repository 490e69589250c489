"""A real RFC 3161 timestamp authority over HTTP, run in a thread for the seal tests.

Its own test CA (EC P-256) issues the TSA certificate (RSA 2048; extended key usage
timeStamping, critical, as RFC 3161 requires); pyHanko's ``DummyTimeStamper`` answers each
request with a token signed by it. The portal talks to it exactly as to a real TSA: an HTTP
POST of the DER request with ``Content-Type: application/timestamp-query``.
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def _certificates(folder: Path, crl_url: str):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    def name(common_name):
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Samarbeid test"),
                x509.NameAttribute(NameOID.COUNTRY_NAME, "NO"),
            ]
        )

    def usage(**chosen):
        flags = dict.fromkeys(
            (
                "digital_signature",
                "content_commitment",
                "key_encipherment",
                "data_encipherment",
                "key_agreement",
                "key_cert_sign",
                "crl_sign",
                "encipher_only",
                "decipher_only",
            ),
            False,
        )
        return x509.KeyUsage(**{**flags, **chosen})

    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("Samarbeid test TSA CA"))
        .issuer_name(name("Samarbeid test TSA CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage(key_cert_sign=True, crl_sign=True), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    # pyHanko's DummyTimeStamper signs with RSA only.
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa = (
        x509.CertificateBuilder()
        .subject_name(name("Samarbeid test TSA"))
        .issuer_name(ca.subject)
        .public_key(tsa_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage(digital_signature=True, content_commitment=True), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(_crl_point(crl_url), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_path = folder / "tsa-ca.pem"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    key_der = tsa_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.subject)
        .last_update(now - datetime.timedelta(minutes=5))
        .next_update(now + datetime.timedelta(days=7))
        .add_extension(x509.CRLNumber(1), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    (folder / "ca.crl").write_bytes(crl.public_bytes(serialization.Encoding.DER))
    seal_key_path = folder / "ca-issued-seal-key.pem"
    seal_key_path.write_bytes(
        issue_seal(ca, ca_key, folder / "ca-issued-seal.pem", crl_url).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_path, ca.public_bytes(serialization.Encoding.DER), tsa, key_der


def _crl_point(url: str):
    from cryptography import x509

    return x509.CRLDistributionPoints(
        [x509.DistributionPoint([x509.UniformResourceIdentifier(url)], None, None, None)]
    )


def issue_seal(ca, ca_key, cert_path: Path, crl_url: str):
    """A seal certificate the test CA issues, as a real CA (Buypass, Commfides) would."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Samarbeid CA-issued seal"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Samarbeid test"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "NO"),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
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
        .add_extension(_crl_point(crl_url), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key


@dataclass
class TimestampAuthority:
    url: str
    ca_path: Path
    # A seal certificate (and key) the same test CA issued: the "real CA" case.
    issued_seal_cert: Path
    issued_seal_key: Path
    requests: list[bytes] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        # The test CA's CRL, for the revocation data in the DSS.
        if self.path != "/ca.crl":
            self.send_error(404)
            return
        crl = self.server.crl_path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/pkix-crl")
        self.send_header("Content-Length", str(len(crl)))
        self.end_headers()
        self.wfile.write(crl)

    def do_POST(self):
        from asn1crypto import tsp

        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.authority.requests.append(body)
        if self.headers.get("Content-Type") != "application/timestamp-query":
            self.send_error(415)
            return
        reply = self.server.stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


def serve(folder: Path):
    """Start the TSA on a free local port; returns (authority, stop)."""
    from asn1crypto import keys, x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    ca_path, ca_der, tsa, key_der = _certificates(folder, f"{base}/ca.crl")
    server.crl_path = folder / "ca.crl"
    server.stamper = DummyTimeStamper(
        tsa_cert=x509.Certificate.load(tsa.public_bytes(serialization.Encoding.DER)),
        tsa_key=keys.PrivateKeyInfo.load(key_der),
        certs_to_embed=[x509.Certificate.load(ca_der)],
    )
    server.authority = TimestampAuthority(
        url=f"{base}/tsr",
        ca_path=ca_path,
        issued_seal_cert=folder / "ca-issued-seal.pem",
        issued_seal_key=folder / "ca-issued-seal-key.pem",
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        server.server_close()
        thread.join()

    return server.authority, stop


def unused_url() -> str:
    """An address where no TSA answers: the connection is refused at once."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/tsr"
