"""Table tests for linkprospector.reading.urls."""

from __future__ import annotations

import random

import pytest
from w3lib.url import safe_url_string

from linkprospector.reading import urls
from linkprospector.reading.url_traps import (
    looks_like_non_html,
    strip_query_variants_key,
    trap_reason,
)
from linkprospector.reading.urls import (
    MAX_URL_LENGTH,
    host_of,
    normalize_or_reason,
    normalize_url,
    registrable_domain,
    site_of,
)

PAGE = "https://www.example.com/dir/page.html?x=1"


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        # case, default ports, fragments, empty path
        ("HTTP://Example.COM:80/a#x", None, "http://example.com/a"),
        ("https://Example.com:443", None, "https://example.com/"),
        ("https://example.com:8443/a", None, "https://example.com:8443/a"),
        ("http://example.com:443/", None, "http://example.com:443/"),
        ("https://example.com:/a", None, "https://example.com/a"),
        ("http://example.com./a", None, "http://example.com/a"),
        ("http://example.com/A/B", None, "http://example.com/A/B"),
        # IDN hosts to punycode
        ("http://Bücher.example/", None, "http://xn--bcher-kva.example/"),
        ("https://münchen.de/straße", None, "https://xn--mnchen-3ya.de/stra%C3%9Fe"),
        ("http://faß.de/", None, "http://xn--fa-hia.de/"),
        ("http://☃.net/", None, "http://xn--n3h.net/"),  # IDNA 2003 fallback
        ("http://ＥＸＡＭＰＬＥ.com/", None, "http://example.com/"),
        ("http://xn--bcher-kva.example/", None, "http://xn--bcher-kva.example/"),
        # query kept as is, not reordered; only the fragment goes
        ("https://a.test/p?b=2&a=1&a=0#frag", None, "https://a.test/p?b=2&a=1&a=0"),
        ("https://a.test/p?", None, "https://a.test/p"),
        ("https://a.test/p?q=a+b&r=%20", None, "https://a.test/p?q=a+b&r=%20"),
        ("?q=1&copy=2", "http://a.test/p", "http://a.test/p?q=1&copy=2"),
        # entities still present, whitespace per WHATWG
        ("/search?q=1&amp;page=2", PAGE, "https://www.example.com/search?q=1&page=2"),
        ("/a?x=1&amp;amp;y=2", PAGE, "https://www.example.com/a?x=1&amp;y=2"),
        ("  https://a.test/x  ", None, "https://a.test/x"),
        ("\n\thttps://a.test/x\r\n", None, "https://a.test/x"),
        ("https://a.test/long\n/path\t/x", None, "https://a.test/long/path/x"),
        ("ht\ntp://a.test/", None, "http://a.test/"),
        ("\x00\x1fhttps://a.test/\x00", None, "https://a.test/"),
        ("\xa0https://a.test/\u3000", None, "https://a.test/"),
        # percent-encoding of unsafe characters, existing escapes untouched
        ("https://a.test/a b/c", None, "https://a.test/a%20b/c"),
        ("https://a.test/ä?q=é ü", None, "https://a.test/%C3%A4?q=%C3%A9%20%C3%BC"),
        ("https://a.test/%7Efoo/%zz", None, "https://a.test/%7Efoo/%zz"),
        ('https://a.test/<x>"y"{z}', None, "https://a.test/%3Cx%3E%22y%22%7Bz%7D"),
        ("https://a.test/p?a[]=1", None, "https://a.test/p?a%5B%5D=1"),
        # relative references
        ("other.html", PAGE, "https://www.example.com/dir/other.html"),
        ("../up", PAGE, "https://www.example.com/up"),
        ("../../../../up", PAGE, "https://www.example.com/up"),
        ("./", PAGE, "https://www.example.com/dir/"),
        ("/abs", PAGE, "https://www.example.com/abs"),
        ("?y=2", PAGE, "https://www.example.com/dir/page.html?y=2"),
        ("#section", PAGE, "https://www.example.com/dir/page.html?x=1"),
        ("//cdn.test/lib", PAGE, "https://cdn.test/lib"),
        ("http:other", "http://a.test/dir/x", "http://a.test/dir/other"),
        ("page", "https://a.test", "https://a.test/page"),
        ("https://other.test/", PAGE, "https://other.test/"),
        ("\\\\evil.test\\x", PAGE, "https://evil.test/x"),
        ("/a\\b?c=\\d", PAGE, "https://www.example.com/a/b?c=%5Cd"),
        ("/sub/", "https://a.test/x/../y/", "https://a.test/sub/"),
        ("rel", "  https://A.test/dir/p  ", "https://a.test/dir/rel"),
        # dot segments in absolute URLs
        ("http://a.test/a/./b/../c", None, "http://a.test/a/c"),
        ("http://a.test/a/..", None, "http://a.test/"),
        ("http://a.test/.hidden/x", None, "http://a.test/.hidden/x"),
        # userinfo kept, hosts with _ and edge hyphens accepted as browsers do
        ("http://user:pw@A.test/", None, "http://user:pw@a.test/"),
        ("http://a_b-.example.test/", None, "http://a_b-.example.test/"),
        # IP addresses (WHATWG IPv4 forms become dotted quads)
        ("http://127.0.0.1:8080/x", None, "http://127.0.0.1:8080/x"),
        ("http://0x7f.1/", None, "http://127.0.0.1/"),
        ("http://2130706433/", None, "http://127.0.0.1/"),
        ("http://0177.0.0.1/", None, "http://127.0.0.1/"),
        ("http://[::1]:8000/", None, "http://[::1]:8000/"),
        ("http://[2001:DB8:0:0::1]/", None, "http://[2001:db8::1]/"),
        # rejected
        ("javascript:void(0)", None, None),
        ("  JavaScript:alert(1)", PAGE, None),
        ("java\nscript:alert(1)", PAGE, None),
        ("mailto:someone@example.com", PAGE, None),
        ("tel:+441234567", PAGE, None),
        ("data:text/html,hi", PAGE, None),
        ("ftp://ftp.example.com/file", None, None),
        ("file:///etc/passwd", None, None),
        ("about:blank", None, None),
        ("", PAGE, None),
        ("   ", PAGE, None),
        ("relative/only", None, None),
        ("http://", None, None),
        ("http:///path", None, None),
        ("http://exa mple.com/", None, None),
        ("http://a..b/", None, None),
        ("http://ex%41mple.com/", None, None),
        ("http://a.test:99999/", None, None),
        ("http://a.test:0/", None, None),
        ("http://a.test:8o/", None, None),
        ("http://[::1/", None, None),
        ("http://[fe80::1%25eth0]/", None, None),
        ("http://1.2.3.256/", None, None),
        ("http://example.123/", None, None),
        ("http://" + "a" * 64 + ".test/", None, None),
        ("http://a.test/" + "x" * MAX_URL_LENGTH, None, None),
        ("http://a℀.test/", None, None),
    ],
)
def test_normalize_url(href: str, base: str | None, expected: str | None) -> None:
    assert normalize_url(href, base) == expected


@pytest.mark.parametrize(
    ("href", "base", "reason"),
    [
        ("https://a.test/", None, ""),
        ("", None, "empty"),
        (" \n ", PAGE, "empty"),
        ("javascript:void(0)", PAGE, "non_http"),
        ("tel:123", PAGE, "non_http"),
        ("data:image/png;base64,AAAA", PAGE, "non_http"),
        ("ftp://a.test/", PAGE, "non_http"),
        ("/x" * 1100, PAGE, "too_long"),
        ("/" + "x" * 2040, PAGE, "too_long"),  # short href, long once joined
        ("http://a.test:abc/", None, "invalid_url"),
        ("relative", None, "invalid_url"),
        ("relative", "not a url", "invalid_url"),
    ],
)
def test_normalize_or_reason(href: str, base: str | None, reason: str) -> None:
    url, why = normalize_or_reason(href, base)
    assert why == reason
    assert (url is not None) == (reason == "")


WEIRD_STRINGS = [
    "",
    "\x00",
    "%",
    "%%%",
    ":",
    "://",
    "http:",
    "http:/",
    "http://[",
    "http://]",
    "http://[]/",
    "http://:80",
    "http://@",
    "http://a@b@c/",
    "http://a:b:c/",
    "http://\ud800/",
    "http://\udcff.test/",
    "\ud83d\ude00",
    "http://😀.test/😀?😀#😀",
    "http://a.test/\x7f\x80\x9f",
    "http://..../",
    "http://-/",
    "http://xn--/",
    "http://xn--zz.test/",
    "http://[::ffff:999.1.1.1]/",
    "http://0x/",
    "http://0x100000000/",
    "http://4294967296/",
    "&#0;",
    "&#x110000;",
    "&amp;&amp;&lt;&gt;",
    "https://a.test/?q=&#10;x",
    "\\\\\\",
    "////",
    "?#?#",
    "#",
    "http://a.test:65535/",
    "http://a.test:65536/",
    "http://a.test:-1/",
    "HTTP://A.TEST/%2e%2e/",
    "http://a.test/" + "../" * 500,
    "http://" + "a." * 200 + "test/",
    "\u202ehttp://a.test/",
    "http://a.test/\u2028x",
    "http://ａ。test/",
]


@pytest.mark.parametrize("href", WEIRD_STRINGS)
@pytest.mark.parametrize("base", [None, PAGE, "http://[::1]/", "garbage", "http://\ud800/"])
def test_normalize_url_never_raises(href: str, base: str | None) -> None:
    _check_normalized(normalize_url(href, base))


def test_normalize_url_fuzz() -> None:
    rng = random.Random(20240601)
    alphabet = "htps:/.?#&=%[]@\\ \t\n\x00aé😀-_~0123456789xX;'\"<>{}|^`"
    for _ in range(5000):
        href = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.5:
            href = rng.choice(["http://", "https://", "//", "/"]) + href
        _check_normalized(normalize_url(href, rng.choice([None, PAGE])))


def _check_normalized(url: str | None) -> None:
    """A result is None or an http(s) URL that normalisation and Scrapy leave unchanged."""
    if url is None:
        return
    assert url.startswith(("http://", "https://"))
    assert len(url) <= MAX_URL_LENGTH
    assert "#" not in url
    assert normalize_url(url) == url
    assert safe_url_string(url) == url


@pytest.mark.parametrize("bad", [None, 42, b"http://a.test/", ["http://a.test/"]])
def test_normalize_url_rejects_non_strings(bad: object) -> None:
    assert normalize_url(bad) is None  # type: ignore[arg-type]
    assert normalize_url("/x", bad) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://WWW.Example.com:8080/a", "www.example.com"),
        ("http://user:pw@a.test/", "a.test"),
        ("http://[::1]:8000/", "::1"),
        ("http://127.0.0.1/", "127.0.0.1"),
        ("/relative/path", ""),
        ("mailto:a@b.test", ""),
        ("", ""),
        ("http://[::1/", ""),
    ],
)
def test_host_of(url: str, host: str) -> None:
    assert host_of(url) == host


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("www.example.com", "example.com"),
        ("example.com", "example.com"),
        ("WWW.Example.COM.", "example.com"),
        ("news.bbc.co.uk", "bbc.co.uk"),
        ("bbc.co.uk", "bbc.co.uk"),
        ("co.uk", "co.uk"),
        ("alice.github.io", "alice.github.io"),
        ("bob.github.io", "bob.github.io"),
        ("github.io", "github.io"),
        ("myblog.blogspot.com", "myblog.blogspot.com"),
        ("www.myblog.blogspot.com", "myblog.blogspot.com"),
        ("foo.s3.amazonaws.com", "foo.s3.amazonaws.com"),
        ("a.b.example.com.au", "example.com.au"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("shop.test", "shop.test"),
        ("www.shop.test", "shop.test"),
        ("a.b.gardening-hub.test", "gardening-hub.test"),
        ("gardening-hub.test", "gardening-hub.test"),
        ("brewing-supplies.test", "brewing-supplies.test"),
        ("printer.local", "printer.local"),
        ("intranet", "intranet"),
        ("localhost", "localhost"),
        ("LOCALHOST", "localhost"),
        ("127.0.0.1", "127.0.0.1"),
        ("10.1.2.3", "10.1.2.3"),
        ("::1", "::1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("", ""),
    ],
)
def test_registrable_domain(host: str, domain: str) -> None:
    assert registrable_domain(host) == domain


def test_public_suffix_list_is_never_downloaded() -> None:
    assert tuple(urls._EXTRACT.suffix_list_urls) == ()


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.example.co.uk/page", "example.co.uk"),
        ("http://a.b.gardening-hub.test:8080/x", "gardening-hub.test"),
        ("http://127.0.0.1:5000/", "127.0.0.1"),
        ("http://localhost:8000/", "localhost"),
        ("not a url", ""),
    ],
)
def test_site_of(url: str, site: str) -> None:
    assert site_of(url) == site


@pytest.mark.parametrize(
    ("page", "target", "outbound"),
    [
        ("https://www.example.com/a", "https://example.com/b", False),
        ("https://www.example.com/a", "https://blog.example.com/b", False),
        ("https://www.example.com/a", "https://example.org/", True),
        ("https://alice.github.io/", "https://bob.github.io/", True),
        ("http://shop.test/", "http://blog.test/", True),
        ("http://www.shop.test/", "http://shop.test/cart", False),
        ("http://127.0.0.1:8001/", "http://127.0.0.1:8002/", False),
        ("http://127.0.0.1/", "http://127.0.0.2/", True),
        ("https://a.co.uk/", "https://b.co.uk/", True),
    ],
)
def test_outbound_means_another_site(page: str, target: str, outbound: bool) -> None:
    assert (site_of(page) != site_of(target)) is outbound


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://example.com/", None),
        ("https://example.com/blog/2023/05/my-post/", None),
        ("https://example.com/resources/gardening/tools?page=3&sort=asc", None),
        ("https://example.com/docs/docs/intro", None),
        ("https://example.com/a/b/c/d/e/f/g/h/i/j/k/l", None),
        ("https://example.com/" + "x" * 1100, "too_long"),
        ("https://example.com/?q=" + "x" * MAX_URL_LENGTH, "too_long"),
        ("https://example.com/a/b/a/b/a/b", "repeating_segments"),
        ("https://example.com/en/blog/en/blog/", "repeating_segments"),
        ("https://example.com/x/a/b/c/a/b/c/y", "repeating_segments"),
        ("https://example.com/page/page/x/page", "repeating_segments"),
        ("https://example.com/a/b/c/d/e/f/g/h/i/j/k/l/m", "too_deep"),
        ("https://example.com/shop;jsessionid=0123ABC", "session_id"),
        ("https://example.com/list?PHPSESSID=abc123&p=2", "session_id"),
        ("https://example.com/list?sid=9f8e7d", "session_id"),
        ("https://example.com/list?session_id=1", "session_id"),
        ("https://example.com/(S(lit3py55t21z5v55vlm25s55))/default.aspx", "session_id"),
        ("https://example.com/calendar/2087/01", "calendar"),
        ("https://example.com/events/1850/", "calendar"),
        ("https://example.com/blog/2087/03/", "calendar"),
        ("https://example.com/day/2099-12-31", "calendar"),
        ("https://example.com/cal?year=1850", "calendar"),
        ("https://example.com/?month=3&year=2040", "calendar"),
        ("https://example.com/events/?tribe-bar-date=2099-01", "calendar"),
        ("https://example.com/calendar/2024/05", None),
        ("https://example.com/?month=3&year=2024", None),
        ("https://example.com/?year=1995", None),
        ("https://example.com/?year=2035", None),
        ("https://example.com/history/1850/", None),
        ("https://example.com/product?id=1850", None),
        ("https://example.com/item/5000/12", None),
        ("not a url at all", None),
        ("http://[::1/", None),
    ],
)
def test_trap_reason(url: str, reason: str | None) -> None:
    assert trap_reason(url) == reason


@pytest.mark.parametrize(
    ("url", "non_html"),
    [
        ("https://example.com/report.pdf", True),
        ("https://example.com/report.PDF?download=1", True),
        ("https://example.com/img/photo.jpeg", True),
        ("https://example.com/archive.tar.gz", True),
        ("https://example.com/setup.exe", True),
        ("https://example.com/feed.xml", True),
        ("https://example.com/static/site.min.js", True),
        ("https://example.com/fonts/x.woff2", True),
        ("https://example.com/data.csv;jsessionid=1", True),
        ("https://example.com/", False),
        ("https://example.com/page.html", False),
        ("https://example.com/index.php?file=a.pdf", False),
        ("https://example.com/download.pdf/", False),
        ("https://example.com/v1.2/docs", False),
        ("https://example.com/about", False),
        ("https://example.com/guide.aspx", False),
        ("", False),
    ],
)
def test_looks_like_non_html(url: str, non_html: bool) -> None:
    assert looks_like_non_html(url) is non_html


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://example.com/search?q=a&page=2", "https://example.com/search"),
        ("https://example.com/search?q=b#top", "https://example.com/search"),
        ("https://example.com/search", "https://example.com/search"),
        ("https://example.com/a#frag?not-query", "https://example.com/a"),
    ],
)
def test_strip_query_variants_key(url: str, key: str) -> None:
    assert strip_query_variants_key(url) == key
