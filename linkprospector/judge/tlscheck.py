"""What is wrong with a server's TLS certificate: a pure function on a parsed certificate.

Scrapy's default TLS context does not verify certificates, so a check still sees the
answer behind a bad certificate. Browsers would warn, so a bad certificate makes a
target ``unknown``/``tls`` rather than ``live``, but never ``dead`` on its own.
"""

from __future__ import annotations

import datetime as dt
import ipaddress

from cryptography import x509
from cryptography.x509.oid import NameOID


def _names(cert: x509.Certificate) -> tuple[list[str], list[str]]:
    """(DNS names, IP addresses) the certificate is for."""
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        common = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return [str(a.value).lower() for a in common], []
    dns = [name.lower() for name in san.get_values_for_type(x509.DNSName)]
    ips = [str(ip) for ip in san.get_values_for_type(x509.IPAddress)]
    return dns, ips


def hostname_matches(pattern: str, hostname: str) -> bool:
    """RFC 6125 matching: exact, or one leftmost wildcard label (``*.example.com``)."""
    pattern, hostname = pattern.rstrip(".").lower(), hostname.rstrip(".").lower()
    if pattern == hostname:
        return True
    if not pattern.startswith("*.") or pattern.count("*") != 1:
        return False
    head, _, rest = hostname.partition(".")
    return bool(head) and rest == pattern[2:] and "." in rest


def certificate_problem(
    cert: x509.Certificate, hostname: str, now: dt.datetime | None = None
) -> str | None:
    """``expired``, ``not_yet_valid``, ``hostname_mismatch``, ``self_signed`` or None."""
    now = now or dt.datetime.now(dt.UTC)
    if now > cert.not_valid_after_utc:
        return "expired"
    if now < cert.not_valid_before_utc:
        return "not_yet_valid"
    dns, ips = _names(cert)
    try:
        ip = str(ipaddress.ip_address(hostname.strip("[]")))
    except ValueError:
        if not any(hostname_matches(name, hostname) for name in dns):
            return "hostname_mismatch"
    else:
        if ip not in ips:
            return "hostname_mismatch"
    if cert.issuer == cert.subject:
        return "self_signed"
    return None
