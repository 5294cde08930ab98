"""Answers a forward proxy made itself, not the target: pure functions, no Scrapy.

Behind ``http_proxy`` a name that does not resolve, a refused connection or a timeout
comes back as an HTTP answer of the *proxy* (squid's ``502`` with ``X-Squid-Error``,
tinyproxy's ``500 Unable to connect``). Read as the target's status it would be a false
``http_5xx``; :func:`proxy_failure` recognises such an answer and names the network
observation it stands for, so it is judged (and guarded against outages) like the same
failure seen directly.

Recognised: squid (``X-Squid-Error``, its error pages), tinyproxy (``Server:
tinyproxy/…`` on its own pages), Privoxy (its error pages), any intermediary that
writes RFC 9209's ``Proxy-Status`` with an ``error``, and a gateway error whose ``Server``
is a known forward proxy named by the only ``Via`` (the proxy answering in its own name).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

#: The proxy failed in a way that says nothing about the target (policy, its own uplink).
PROXY_ERROR = "proxy_error"
#: The proxy could not connect and does not say why (name not found, or refused):
#: :func:`settle_connect_failure` decides with the crawler's own lookup.
CONNECT_FAILED = "connect_failed"

#: Characters of a body the recognisers look at (proxies' error pages are small).
PAGE_CHARS = 8192
#: Linux errno squid appends to its error code (``ERR_CONNECT_FAIL 111``).
ERRNO_ERRORS = {
    "111": "refused",  # ECONNREFUSED
    "110": "timeout",  # ETIMEDOUT
    "113": "unreachable",  # EHOSTUNREACH
    "101": "unreachable",  # ENETUNREACH
    "104": "reset",  # ECONNRESET
    "32": "reset",  # EPIPE
}
#: squid's error pages (errors/templates/ERR_*) and what each stands for.
SQUID_ERRORS = {
    "ERR_DNS_FAIL": "dns",
    "ERR_CONNECT_FAIL": "unreachable",  # refined by the errno
    "ERR_READ_TIMEOUT": "timeout",
    "ERR_LIFETIME_EXP": "timeout",
    "ERR_READ_ERROR": "reset",  # refined by the errno; errno 0: see squid_error()
    "ERR_WRITE_ERROR": "reset",
    "ERR_ZERO_SIZE_OBJECT": "reset",
    "ERR_SECURE_CONNECT_FAIL": "tls",
    "ERR_TOO_BIG": "too_large",
    "ERR_INVALID_URL": "invalid_url",
}
#: tinyproxy's own pages (src/reqs.c ``indicate_http_error``): their cause, then status.
TINYPROXY_CAUSES = (
    ("unable to connect to upstream proxy", PROXY_ERROR),
    ("unable to connect", CONNECT_FAILED),
    ("could not retrieve all the headers", "reset"),
    ("could not send data to remote server", "reset"),
)
TINYPROXY_STATUSES = {500: CONNECT_FAILED, 502: PROXY_ERROR}
#: Privoxy's error templates, by the words of their title ("503 - Connect failed (Privoxy@…)").
PRIVOXY_TITLES = (
    ("no such domain", "dns"),
    ("connect failed", CONNECT_FAILED),
    ("no server or forwarder data received", "reset"),
)
#: RFC 9209 ``Proxy-Status`` error types.
PROXY_STATUS_ERRORS = {
    "dns_timeout": "dns_timeout",
    "dns_error": "dns",  # refined by rcode
    "destination_ip_unroutable": "unreachable",
    "connection_refused": "refused",
    "connection_terminated": "reset",
    "connection_timeout": "timeout",
    "connection_read_timeout": "timeout",
    "connection_write_timeout": "timeout",
    "http_response_timeout": "timeout",
    "http_response_incomplete": "reset",
    "tls_protocol_error": "tls",
    "tls_certificate_error": "tls",
    "tls_alert_received": "tls",
}

#: Scrapy's TunnelError: "Could not open CONNECT tunnel with proxy H:P [{'status': 500,
#: 'reason': b'Unable to connect'}]" (https targets through a proxy).
_TUNNEL = re.compile(
    r"connect tunnel with proxy \S+ \[\{'status': (\d+), 'reason': b?['\"]([^'\"]*)"
)
#: Forward proxies and corporate gateways that name themselves in ``Server`` and ``Via``
#: (lower-case product tokens).
FORWARD_PROXIES = frozenset(
    {
        "squid",
        "tinyproxy",
        "privoxy",
        "polipo",
        "zscaler",
        "bluecoat",
        "proxysg",
        "mcafee web gateway",
        "ironport",
        "websense",
        "forcepoint",
        "fortigate",
        "sophos",
        "ccproxy",
        "wingate",
        "kerio",
    }
)
_SQUID_PAGE = re.compile(r"<body id=\"?(ERR_[A-Z_]+)")
_TITLE = re.compile(r"<title>([^<]{0,200})</title>", re.I)
_PRODUCT = re.compile(r"\(([A-Za-z][\w.-]*)/")
_RCODE = re.compile(r"rcode=\"?([A-Za-z]+)")


@dataclass(frozen=True)
class ProxyAnswer:
    """A proxy's own answer: which proxy, what it said, the observation error it means."""

    proxy: str
    said: str
    error: str

    @property
    def evidence(self) -> str:
        """How the report names it: ``squid: ERR_DNS_FAIL``."""
        return f"{self.proxy}: {self.said}"


def proxy_failure(status: int, headers: Mapping[str, str], text: str = "") -> ProxyAnswer | None:
    """The proxy's own failure an answer is, or None when the target (or nobody known) spoke.

    ``headers`` has lower-case names; ``text`` is the decoded start of the body ('' for
    HEAD). Only meaningful for requests sent through a proxy.
    """
    if status < 400:
        return None
    squid = headers.get("x-squid-error", "").strip()
    if squid or _server_is(headers, "squid"):
        code = squid or _first(_SQUID_PAGE, text[:4096])
        if code:
            return squid_error(code, text)
    found = _proxy_status(headers.get("proxy-status", ""))
    if found is not None:
        return found
    if _server_is(headers, "tinyproxy") and "tinyproxy" not in headers.get("via", "").lower():
        return _tinyproxy(status, text)
    title = (_first(_TITLE, text[:2048]) or "").lower()
    if "(privoxy@" in title:
        for words, error in PRIVOXY_TITLES:
            if words in title:
                return ProxyAnswer("privoxy", title.split("(privoxy@")[0].strip(), error)
        return ProxyAnswer("privoxy", title.split("(privoxy@")[0].strip(), PROXY_ERROR)
    return _via_answer(status, headers)


def tunnel_failure(text: str) -> ProxyAnswer | None:
    """The proxy's refusal to open a CONNECT tunnel (an https target), from the error's
    text: only a status and a reason phrase are left, so less can be told than for http."""
    match = _TUNNEL.search(text[:2000].lower())
    if match is None:
        return None
    status, reason = int(match.group(1)), match.group(2).strip()
    if "unable to connect to upstream" in reason:
        error = PROXY_ERROR
    elif "unable to connect" in reason or "connect failed" in reason:
        error = CONNECT_FAILED  # tinyproxy, Privoxy: name not found or refused
    elif status == 504 or "timeout" in reason or "timed out" in reason:
        error = "timeout"
    else:
        error = PROXY_ERROR
    return ProxyAnswer("proxy", f"CONNECT {status} {reason}".strip(), error)


def squid_error(code: str, text: str = "") -> ProxyAnswer:
    """What squid's ``X-Squid-Error`` (``ERR_CONNECT_FAIL 111``) stands for."""
    name, _, errno = code.partition(" ")
    errno = errno.strip()
    error = SQUID_ERRORS.get(name, PROXY_ERROR)
    if name in ("ERR_CONNECT_FAIL", "ERR_READ_ERROR") and errno in ERRNO_ERRORS:
        error = ERRNO_ERRORS[errno]
    elif name == "ERR_READ_ERROR" and errno == "0":
        # squid 5 (before the fix of its bug 5294, in squid 6) answers a name it could not
        # resolve with ERR_READ_ERROR and no errno: no connection was made, nothing read.
        error = "dns"
    elif name == "ERR_DNS_FAIL":
        said = text[:PAGE_CHARS].lower()
        if "timeout" in said:
            error = "dns_timeout"
        elif "server failure" in said or "refused:" in said:
            error = "dns_temporary"
    return ProxyAnswer("squid", code, error)


def settle_connect_failure(lookup_failure: str | None, resolved: bool) -> str:
    """The error of a proxy's "unable to connect" given the crawler's own lookup of the
    name: NXDOMAIN → ``dns``; the name resolves → ``refused`` (the proxy found it and
    could not connect); the lookup itself failing says nothing → ``proxy_error``."""
    if resolved or lookup_failure == "private_address":
        return "refused"
    if lookup_failure == "nxdomain":
        return "dns"
    return PROXY_ERROR


def _tinyproxy(status: int, text: str) -> ProxyAnswer:
    title = (_first(_TITLE, text[:2048]) or "").strip()
    cause = title.lower()
    for words, error in TINYPROXY_CAUSES:
        if words in cause:
            return ProxyAnswer("tinyproxy", title, error)
    return ProxyAnswer(
        "tinyproxy", title or str(status), TINYPROXY_STATUSES.get(status, PROXY_ERROR)
    )


def _proxy_status(value: str) -> ProxyAnswer | None:
    """The first member of an RFC 9209 ``Proxy-Status`` that carries an ``error``."""
    for member in value.split(","):
        name, _, params = member.strip().partition(";")
        fields = dict(
            (key.strip().lower(), val.strip().strip('"'))
            for key, _, val in (p.partition("=") for p in params.split(";"))
            if key.strip()
        )
        kind = fields.get("error", "").lower()
        if not kind:
            continue
        error = PROXY_STATUS_ERRORS.get(kind, PROXY_ERROR)
        if kind == "dns_error":
            rcode = (_first(_RCODE, params) or "").upper()
            error = "dns" if rcode in ("", "NXDOMAIN") else "dns_temporary"
        return ProxyAnswer(name.strip().strip('"') or "proxy", f"Proxy-Status {kind}", error)
    return None


def _via_answer(status: int, headers: Mapping[str, str]) -> ProxyAnswer | None:
    """A gateway error (502/503/504) from a forward proxy or corporate gateway answering in
    its own name: its product is the ``Server`` and the only ``Via`` (a site's own cache,
    Varnish say, answering 503 for its backend is the site's answer, and through our proxy
    it carries two ``Via`` entries)."""
    if status not in (502, 503, 504):
        return None
    server = headers.get("server", "").split("/")[0].strip().lower()
    vias = [v for v in headers.get("via", "").split(",") if v.strip()]
    products = [p.lower() for p in _PRODUCT.findall(vias[0])] if len(vias) == 1 else []
    if server in FORWARD_PROXIES and server in products:
        error = "timeout" if status == 504 else PROXY_ERROR
        return ProxyAnswer(server, f"{status} from the proxy", error)
    return None


def _server_is(headers: Mapping[str, str], product: str) -> bool:
    return headers.get("server", "").lower().startswith(product + "/")


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(1) if match else None
