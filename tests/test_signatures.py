"""Pure-function tables: parked/for-sale, bot challenges, bot filters and TLS certificate
problems (soft-404s: tests/test_soft404.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from linkprospector.demo.web_model import html_page as page
from linkprospector.judge.signatures import (
    bot_filter_signs,
    challenge_signature,
    parked_signature,
    title_and_h1,
)
from linkprospector.judge.tlscheck import certificate_problem, hostname_matches

ARTICLE = page(
    "How to grow tomatoes",
    "<h1>Tomatoes</h1>" + "<p>Water them daily and feed them well in summer.</p>" * 80,
)


@pytest.mark.parametrize(
    ("text", "url", "final_url", "expected"),
    [
        # parking scripts and marketplaces
        ('<script src="//img.sedoparking.com/js/park.js"></script>', "http://a.test/", "", "sedo"),
        (
            "<a href='https://sedo.com/search/details/?domain=a.test'>buy</a>",
            "http://a.test/",
            "",
            "sedo",
        ),
        ('<script src="https://parking.bodis.com/x.js"></script>', "http://a.test/", "", "bodis"),
        (
            '<link href="//d38psrni17bvxu.parkingcrew.net/c.css">',
            "http://a.test/",
            "",
            "parkingcrew",
        ),
        ("<a href='https://www.above.com/marketplace/a.test'>", "http://a.test/", "", "above"),
        ("<a href='https://dan.com/buy-domain/a.test'>Buy</a>", "http://a.test/", "", "dan"),
        ("<a href='https://www.afternic.com/forsale/a.test'>", "http://a.test/", "", "afternic"),
        (
            "<a href='https://www.hugedomains.com/domain_profile.cfm?d=a'>",
            "http://a.test/",
            "",
            "hugedomains",
        ),
        ("<p>Parked FREE, courtesy of GoDaddy.com</p>", "http://a.test/", "", "godaddy"),
        (
            "<script src='//www.google.com/adsense/domains/caf.js'></script>",
            "http://a.test/",
            "",
            "parking_script",
        ),
        ("<script>window.park = 'eyJ1dWlk';</script>", "http://a.test/", "", "parking_script"),
        # redirected to a marketplace
        ("", "http://old.test/page", "https://dan.com/buy-domain/old.test", "redirect:dan.com"),
        (
            "",
            "http://old.test/",
            "https://www.hugedomains.com/domain_profile.cfm?d=old",
            "redirect:hugedomains.com",
        ),
        # sale wording: in the title, or on a near-empty page
        (
            page("old.test is for sale", "<p>Contact us</p>"),
            "http://old.test/",
            "",
            "for_sale_text",
        ),
        (
            page("old.test", "<h1>This domain is for sale!</h1>"),
            "http://old.test/",
            "",
            "for_sale_text",
        ),
        (
            page("x", "<p>Buy this domain.</p><p>Make an offer</p>"),
            "http://x.test/",
            "",
            "for_sale_text",
        ),
        (
            page("x", "This domain may be for sale. Inquire about this domain"),
            "http://x.test/",
            "",
            "for_sale_text",
        ),
        # not parked
        (ARTICLE, "http://a.test/", "", None),
        ("", "http://a.test/", "", None),
        (
            ARTICLE.replace("</body>", "<p>Make an offer on our tomato seeds!</p></body>"),
            "http://a.test/",
            "",
            None,
        ),
        (
            ARTICLE.replace("</body>", "<p>We sold it: buy this domain? make an offer?</p></body>"),
            "http://blog.test/domain-investing",
            "",
            None,
        ),
        ("<a href='https://dan.com/buy-domain/x'>", "https://dan.com/", "https://dan.com/", None),
        ("", "https://www.hugedomains.com/", "https://www.hugedomains.com/", None),
    ],
)
def test_parked_signature(text, url, final_url, expected):
    assert parked_signature(text, url, final_url) == expected


@pytest.mark.parametrize(
    ("status", "headers", "text", "expected"),
    [
        (403, {"cf-mitigated": "challenge", "server": "cloudflare"}, "", "cloudflare"),
        (200, {"cf-mitigated": "challenge"}, "", "cloudflare"),
        (503, {"server": "cloudflare"}, "<title>Just a moment...</title>", "cloudflare"),
        (403, {}, '<script src="/cdn-cgi/challenge-platform/h/b/x"></script>', "cloudflare"),
        (403, {}, "<title>Attention Required! | Cloudflare</title>", "cloudflare"),
        (403, {"x-datadome": "protected"}, "", "datadome"),
        (403, {"server": "DataDome"}, "", "datadome"),
        (403, {}, "<script src='https://ct.captcha-delivery.com/c.js'></script>", "datadome"),
        (403, {}, '<div id="px-captcha"></div>', "perimeterx"),
        (403, {}, "<iframe src='/_Incapsula_Resource?x=1'>", "incapsula"),
        (403, {}, "<title>Sucuri WebSite Firewall - Access Denied</title>", "sucuri"),
        (429, {}, "<p>DDoS-Guard</p>", "ddos_guard"),
        # not challenges
        (403, {"server": "nginx"}, "<h1>Forbidden</h1>", None),
        (503, {"server": "cloudflare"}, "<h1>Service unavailable</h1>", None),
        (200, {"server": "cloudflare"}, "<title>Just a moment</title>", None),
        (404, {}, "datadome", None),
        (401, {}, "<h1>Login</h1>", None),
    ],
)
def test_challenge_signature(status, headers, text, expected):
    assert challenge_signature(status, headers, text) == expected


@pytest.mark.parametrize(
    ("headers", "text", "expected"),
    [
        ({"cf-ray": "8c-AMS"}, "", "cloudflare"),
        ({"server": "cloudflare"}, "", "cloudflare"),
        ({"x-datadome": "1"}, "", "datadome"),
        ({"server": "AkamaiGHost"}, "", "akamai"),
        ({"x-sucuri-id": "1"}, "", "sucuri"),
        ({"x-iinfo": "1"}, "", "incapsula"),
        ({"x-amzn-waf-action": "captcha"}, "", "aws_waf"),
        ({}, "<div id='px-captcha'>", "perimeterx"),
        ({"server": "nginx"}, "<h1>Not Found</h1>", None),
        ({}, "", None),
    ],
)
def test_bot_filter_signs(headers, text, expected):
    assert bot_filter_signs(headers, text) == expected


def test_title_and_h1():
    assert title_and_h1(page("A &amp; B", "<h1>Big <b>news</b></h1>")) == "A & B | Big news"
    assert title_and_h1(page("Shop", "<h2>Gone</h2><h2>Other</h2>")) == "Shop | Gone"


# -- TLS -----------------------------------------------------------------------------------

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)


def certificate(names: list[str], days: tuple[int, int] = (-10, 10), ca_signed: bool = False):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    issuer = (
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test CA")]) if ca_signed else subject
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(NOW + dt.timedelta(days=days[0]))
        .not_valid_after(NOW + dt.timedelta(days=days[1]))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), False)
    )
    return builder.sign(key, hashes.SHA256())


@pytest.mark.parametrize(
    ("names", "days", "ca_signed", "host", "expected"),
    [
        (["a.test"], (-10, 10), True, "a.test", None),
        (["*.a.test"], (-10, 10), True, "www.a.test", None),
        (["a.test"], (-400, -1), True, "a.test", "expired"),
        (["a.test"], (5, 400), True, "a.test", "not_yet_valid"),
        (["b.test"], (-10, 10), True, "a.test", "hostname_mismatch"),
        (["*.a.test"], (-10, 10), True, "x.y.a.test", "hostname_mismatch"),
        (["*.a.test"], (-10, 10), True, "a.test", "hostname_mismatch"),
        (["a.test"], (-10, 10), False, "a.test", "self_signed"),
        (["a.test"], (-400, -1), False, "b.test", "expired"),
    ],
)
def test_certificate_problem(names, days, ca_signed, host, expected):
    assert certificate_problem(certificate(names, days, ca_signed), host, NOW) == expected


@pytest.mark.parametrize(
    ("pattern", "host", "expected"),
    [
        ("a.test", "A.TEST", True),
        ("*.a.test", "b.a.test", True),
        ("*.a.test", "a.test", False),
        ("*.test", "a.test", False),
        ("b*.a.test", "bb.a.test", False),
    ],
)
def test_hostname_matches(pattern, host, expected):
    assert hostname_matches(pattern, host) is expected
