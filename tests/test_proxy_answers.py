"""Table tests of judge/proxy_answers.py: a forward proxy's own answers (real ones, captured
from squid and tinyproxy, see tests/fixtures/proxy_answers/SOURCES.md) are the network
failures they stand for; the site's answers passed through a proxy are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linkprospector.judge.proxy_answers import (
    CONNECT_FAILED,
    PROXY_ERROR,
    proxy_failure,
    settle_connect_failure,
    squid_error,
    tunnel_failure,
)
from linkprospector.judge.verdicts import Observation, classify_check
from linkprospector.outreach.evidence_text import why_dead

FIXTURES = Path(__file__).parent / "fixtures" / "proxy_answers"


def captured(name: str) -> tuple[int, dict[str, str], str]:
    """(status, lower-case headers, body) of a captured ``curl -i`` answer."""
    head, _, body = (FIXTURES / name).read_text(encoding="utf-8").partition("\n\n")
    status_line, *lines = head.splitlines()
    headers = {}
    for line in lines:
        name_, _, value = line.partition(":")
        headers[name_.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


@pytest.mark.parametrize(
    ("fixture", "proxy", "said", "error"),
    [
        ("squid-5.7-nxdomain.http", "squid", "ERR_READ_ERROR 0", "dns"),
        ("squid-5.7-refused.http", "squid", "ERR_CONNECT_FAIL 111", "refused"),
        ("squid-5.7-read-timeout.http", "squid", "ERR_READ_TIMEOUT 0", "timeout"),
        ("tinyproxy-1.11-nxdomain.http", "tinyproxy", "500 Unable to connect", CONNECT_FAILED),
        ("tinyproxy-1.11-refused.http", "tinyproxy", "500 Unable to connect", CONNECT_FAILED),
        (
            "tinyproxy-1.11-upstream-down.http",
            "tinyproxy",
            "502 Unable to connect to upstream proxy",
            PROXY_ERROR,
        ),
    ],
)
def test_a_proxys_own_answer_is_the_failure_it_stands_for(fixture, proxy, said, error):
    status, headers, body = captured(fixture)
    answer = proxy_failure(status, headers, body)
    assert answer is not None
    assert (answer.proxy, answer.said, answer.error) == (proxy, said, error)
    assert answer.evidence == f"{proxy}: {said}"


@pytest.mark.parametrize("fixture", ["squid-5.7-nxdomain.http", "tinyproxy-1.11-nxdomain.http"])
def test_a_head_answer_without_body_is_recognised_by_its_headers(fixture):
    status, headers, _ = captured(fixture)
    assert proxy_failure(status, headers, "") is not None


@pytest.mark.parametrize(
    "fixture",
    [
        "squid-5.7-site-404.http",
        "squid-5.7-site-502.http",
        "tinyproxy-1.11-site-404.http",
        "tinyproxy-1.11-site-502.http",
    ],
)
def test_the_sites_own_answer_passed_through_a_proxy_is_the_sites(fixture):
    status, headers, body = captured(fixture)
    assert "via" in headers  # the proxy carried it
    assert proxy_failure(status, headers, body) is None


@pytest.mark.parametrize(
    ("resolver_said", "error"),
    [
        ("Name Error: The domain name does not exist.", "dns"),
        ("Timeout", "dns_timeout"),
        ("Server Failure: The name server was unable to process this query.", "dns_temporary"),
    ],
)
def test_squid_dns_fail_page_says_what_the_resolver_answered(resolver_said, error):
    page = (FIXTURES / "squid-ERR_DNS_FAIL.template").read_text().replace("%z", resolver_said)
    answer = proxy_failure(503, {"x-squid-error": "ERR_DNS_FAIL 0", "server": "squid/6.10"}, page)
    assert answer is not None and answer.error == error


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("ERR_CONNECT_FAIL 111", "refused"),
        ("ERR_CONNECT_FAIL 110", "timeout"),
        ("ERR_CONNECT_FAIL 113", "unreachable"),
        ("ERR_CONNECT_FAIL 101", "unreachable"),
        ("ERR_READ_ERROR 104", "reset"),
        ("ERR_READ_ERROR 0", "dns"),
        ("ERR_ZERO_SIZE_OBJECT 0", "reset"),
        ("ERR_LIFETIME_EXP 0", "timeout"),
        ("ERR_SECURE_CONNECT_FAIL 0", "tls"),
        ("ERR_ACCESS_DENIED 0", PROXY_ERROR),
        ("ERR_CANNOT_FORWARD 0", PROXY_ERROR),
        ("ERR_GATEWAY_FAILURE 0", PROXY_ERROR),
    ],
)
def test_squid_error_codes(code, error):
    assert squid_error(code).error == error


@pytest.mark.parametrize(
    ("proxy_status", "error"),
    [
        ('corp-gw; error=dns_error; rcode="NXDOMAIN"', "dns"),
        ('corp-gw; error=dns_error; rcode="SERVFAIL"', "dns_temporary"),
        ("corp-gw; error=dns_timeout", "dns_timeout"),
        ("corp-gw; error=connection_refused", "refused"),
        ("corp-gw; error=connection_timeout", "timeout"),
        ("corp-gw; error=destination_ip_unroutable", "unreachable"),
        ("corp-gw; error=tls_certificate_error", "tls"),
        ("corp-gw; error=http_request_denied", PROXY_ERROR),
        ("cdn; received-status=200, corp-gw; error=connection_terminated", "reset"),
    ],
)
def test_rfc9209_proxy_status(proxy_status, error):
    answer = proxy_failure(502, {"proxy-status": proxy_status}, "")
    assert answer is not None and answer.error == error


def test_proxy_status_without_an_error_is_not_a_failure():
    assert proxy_failure(404, {"proxy-status": "corp-gw; received-status=404"}, "") is None


@pytest.mark.parametrize(
    ("title", "error"),
    [
        # the title of Privoxy's templates/no-server-data, with its host filled in
        ("502 - No server or forwarder data received (Privoxy@proxy.lan)", "reset"),
        ("404 - No such domain (Privoxy@proxy.lan)", "dns"),
        ("503 - Connect failed (Privoxy@proxy.lan)", CONNECT_FAILED),
        ("403 - Request blocked by Privoxy (Privoxy@proxy.lan)", PROXY_ERROR),
    ],
)
def test_privoxy_pages(title, error):
    status = int(title.split()[0])
    answer = proxy_failure(status, {}, f"<html><head><title>{title}</title></head></html>")
    assert answer is not None and answer.proxy == "privoxy" and answer.error == error


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        # a gateway speaking in its own name: Server is the product its Via names
        (502, {"server": "Zscaler/6.2", "via": "1.1 gw (Zscaler/6.2)"}, PROXY_ERROR),
        (504, {"server": "Zscaler/6.2", "via": "1.1 gw (Zscaler/6.2)"}, "timeout"),
        # the site's own 502 carried by that gateway
        (502, {"server": "nginx/1.24", "via": "1.1 gw (Zscaler/6.2)"}, None),
        # a site's own cache answering for its backend, directly or through our proxy
        (503, {"server": "Varnish", "via": "1.1 varnish (Varnish/6.0)"}, None),
        (
            503,
            {"server": "Varnish", "via": "1.1 varnish (Varnish/6.0), 1.1 gw (Zscaler/6.2)"},
            None,
        ),
        (
            503,
            {"server": "Zscaler/6.2", "via": "1.1 cache (Zscaler/6.2), 1.1 gw (squid/5.7)"},
            None,
        ),
        # a site whose server happens to be squid, no squid error: the site's answer
        (404, {"server": "squid/5.7"}, None),
        (200, {"x-squid-error": "ERR_DNS_FAIL 0"}, None),
    ],
)
def test_via_and_server_name_the_speaker(status, headers, expected):
    answer = proxy_failure(status, headers, "")
    assert (answer.error if answer else None) == expected


@pytest.mark.parametrize(
    ("lookup_failure", "resolved", "error"),
    [
        ("nxdomain", False, "dns"),
        (None, True, "refused"),
        ("private_address", False, "refused"),
        ("timeout", False, PROXY_ERROR),
        ("temporary", False, PROXY_ERROR),
    ],
)
def test_an_unexplained_connect_failure_is_settled_by_our_own_lookup(
    lookup_failure, resolved, error
):
    assert settle_connect_failure(lookup_failure, resolved) == error


def test_a_proxy_error_is_unknown_never_dead():
    verdict = classify_check(Observation(url="http://a.test/", error=PROXY_ERROR))
    assert (verdict.verdict, verdict.reason) == ("unknown", "proxy_error")


@pytest.mark.parametrize(
    ("text", "said", "error"),
    [
        # Scrapy's TunnelError texts for the answers tinyproxy and squid 5.7 give CONNECT
        (
            "Could not open CONNECT tunnel with proxy 127.0.0.1:8888 "
            "[{'status': 500, 'reason': b'Unable to connect'}]",
            "CONNECT 500 unable to connect",
            CONNECT_FAILED,
        ),
        (
            "Could not open CONNECT tunnel with proxy 127.0.0.1:8888 "
            "[{'status': 502, 'reason': b'Unable to connect to upstream proxy'}]",
            "CONNECT 502 unable to connect to upstream proxy",
            PROXY_ERROR,
        ),
        (
            "Could not open CONNECT tunnel with proxy 127.0.0.1:3128 "
            "[{'status': 500, 'reason': b'Internal Server Error'}]",
            "CONNECT 500 internal server error",
            PROXY_ERROR,
        ),
        (
            "Could not open CONNECT tunnel with proxy 127.0.0.1:3128 "
            "[{'status': 504, 'reason': b'Gateway Timeout'}]",
            "CONNECT 504 gateway timeout",
            "timeout",
        ),
    ],
)
def test_a_refused_tunnel(text, said, error):
    answer = tunnel_failure(text)
    assert answer is not None and (answer.said, answer.error) == (said, error)


def test_other_errors_are_no_tunnel_refusal():
    assert tunnel_failure("Connection was refused by other side: 111: Connection refused.") is None


@pytest.mark.parametrize(
    ("evidence", "text"),
    [
        (
            {
                "chain": [],
                "error": "dns",
                "detail": "squid: ERR_DNS_FAIL 0",
                "proxy": "squid: ERR_DNS_FAIL 0",
            },
            "error dns (the proxy answered, not the site: squid: ERR_DNS_FAIL 0)",
        ),
        (
            {"chain": [], "error": "refused", "proxy": "tinyproxy: 500 Unable to connect"},
            "error refused (the proxy answered, not the site: tinyproxy: 500 Unable to connect)",
        ),
        (
            {"chain": [], "error": "dns", "detail": "DNS lookup failed"},
            "error dns (DNS lookup failed)",
        ),
    ],
)
def test_why_dead_says_the_proxy_answered(evidence, text):
    assert why_dead("dns", None, json.dumps(evidence)) == text
