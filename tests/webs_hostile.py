"""Loopback webs of a hostile internet: soft-404s, parked domains, bot walls, hostile bodies, TLS,
and a resolver that can be cut mid-crawl (a simulated local outage)."""

from __future__ import annotations

import datetime as dt
import ssl
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import brotli
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from twisted.internet import defer

from linkprospector.crawl.resolver import NXDOMAIN, LinkProspectorResolver
from linkprospector.demo.localweb import LocalWeb, RequestInfo, Route, Site
from tests.webs import page, ul

# -- soft-404 / parked / bot walls / hostile bodies ------------------------------------


def _soft_content(info: RequestInfo) -> Route:
    # Echoes the path, like many CMS "not found" pages served with 200.
    return Route(
        body=page(
            "Oops! That page can&rsquo;t be found.",
            f"<h1>Nothing here</h1><p>Sorry, {info.path} is not here. Try the search.</p>"
            "<p>Popular: <a href='/'>home</a> <a href='/blog/'>blog</a></p>",
        )
    )


def _bot_404(info: RequestInfo) -> tuple[int, dict, str]:
    browser = "Chrome/" in info.headers.get("user-agent", "") and info.headers.get(
        "accept-language"
    )
    headers = {"Server": "cloudflare", "CF-RAY": "8c0ffee-AMS"}
    if browser:
        return 200, headers, page("Members directory", "<h1>Directory</h1><p>Real page.</p>")
    return 404, headers, page("404", "not found")


CLOUDFLARE_CHALLENGE = page(
    "Just a moment...",
    '<div id="cf-chl-widget"></div><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/'
    'chl_page/v1"></script>',
)
DATADOME_CHALLENGE = (
    "<html><head><title>example.com</title></head><body>"
    "<script>var dd={'cid':'AHrlqAAAAAMA','hsh':'abc','t':'fe','host':'geo.captcha-delivery.com'}"
    '</script><script src="https://ct.captcha-delivery.com/c.js"></script></body></html>'
)
SEDO_LANDER = (
    "<html><head><title>parked-sedo.test</title>"
    '<script src="https://img.sedoparking.com/js/park.js"></script></head>'
    "<body><div id='ads'></div><p>Related searches: gardening tools, seeds</p></body></html>"
)
FOR_SALE_LANDER = page(
    "forsale.test",
    "<h2>This domain is for sale!</h2><p>Make an offer today. Fast and secure transfer.</p>",
)
GODADDY_LANDER = page(
    "bodis-style.test",
    "<p>Related links</p><script src='https://www.google.com/adsense/domains/caf.js'></script>",
)

#: An article's worth of prose (an article *about* 404s is long; a 404 notice is not).
ARTICLE_PROSE = (
    "When nginx cannot map a request to a file it answers 404. Check the root and the "
    "try_files directive first, then the location blocks in the order nginx evaluates "
    "them, and look at the error log, which names the path it tried. "
) * 12

#: (target URL, expected verdict, expected reason)
HOSTILE_TARGETS = [
    # soft-404s
    ("http://softcontent.test/guides/old-article", "dead", "soft_404"),
    ("http://softcontent.test/guides/another-gone", "dead", "soft_404"),
    ("http://softcontent.test/", "live", "ok"),
    ("http://softhome.test/blog/2019/deleted-post", "dead", "soft_404"),
    ("http://catchall.test/tools/compost-calculator", "dead", "soft_404"),
    ("http://honest.test/articles/fixing-404-not-found-errors", "live", "ok"),
    # a deep URL sent to the home page is gone, whatever the probe says
    ("http://honest.test/old-section/page", "dead", "soft_404"),
    ("http://honest.test/old-section/", "live", "redirect_ok"),
    ("http://honest.test/missing", "dead", "http_404"),
    # parked / for sale: whole domain
    ("http://parked-sedo.test/", "dead", "parked"),
    ("http://parked-sedo.test/seeds/heirloom", "dead", "parked"),
    ("http://forsale.test/", "dead", "parked"),
    ("http://caf-parked.test/garden", "dead", "parked"),
    ("http://sold-redirect.test/old/page", "dead", "parked"),
    ("http://parked-sedo.test/old.pdf", "dead", "parked"),  # 404, but the domain is parked
    ("http://short.test/x", "dead", "parked"),  # a shortener leading to a lander
    ("http://dan.com/about", "live", "ok"),  # the marketplace itself is not parked
    # blocked, not dead
    ("http://cf-challenge.test/article", "blocked", "challenge"),
    ("http://cf-wait.test/article", "blocked", "challenge"),
    ("http://datadome.test/product/1", "blocked", "challenge"),
    ("http://bot404.test/members", "live", "ok"),
    ("http://cdn404.test/really-gone", "dead", "http_404"),
    ("http://always429.test/", "blocked", "http_429"),
    # hostile bodies
    ("http://bomb.test/", "unknown", "too_large"),
    ("http://deflate-bomb.test/", "unknown", "too_large"),
    ("http://br-bomb.test/", "unknown", "too_large"),
    ("http://endless.test/", "live", "ok"),
    ("http://drip.test/", "unknown", "timeout"),
    ("http://binary.test/file", "live", "ok"),
    ("http://badenc.test/", "live", "ok"),
    ("http://ftp-redirect.test/", "unknown", "bad_redirect"),
    ("http://live.test/", "live", "ok"),
]


def hostile_web() -> tuple[list[Site], dict]:
    """A hub whose resource page links to one target per hostile class."""
    resources = ul([(url, f"Resource {i}") for i, (url, *_rest) in enumerate(HOSTILE_TARGETS)])
    hub = Site(
        host="hostile-hub.test",
        robots="User-agent: *\nAllow: /\n",
        routes={
            "/": page(
                "Gardening hub",
                '<a href="/resources/">Resources</a> '
                '<a href="/binary">Binary</a> <a href="/latin">Latin</a> '
                '<a href="/trap/a/">Trap</a> <a href="/session;jsessionid=ABC123">S</a>'
                '<a href="/badurls">Odd links</a>',
            ),
            # Absurd and invalid URLs; the page's other links must survive them.
            "/badurls": page(
                "Odd links",
                '<a href="http://[::1">v6</a> <a href="http://exa mple.com/x">space</a> <a href="http://'
                + "x" * 300
                + '.test/">'
                'long</a> <a href="http://live.test:99999/">port</a> <a href="gopher://x/">g</a>'
                '<a href="http://live.test/">live</a>',
            ),
            "/resources/": page(
                "Useful gardening resources and links",
                f"<h1>Useful resources</h1><p>Sites we like.</p>{resources}",
            ),
            "/binary": Route(body=bytes(range(256)) * 400, content_type="text/html"),
            "/latin": Route(
                body=b"<html><title>Caf\xe9 \xff\xfe</title><body><a href='http://live.test/'>"
                b"\x80\x81</a><p>unclosed <div><span>",
                content_type="text/html; charset=utf-8",
            ),
        },
        default=Route(handler=_hub_default),
    )

    sites = [
        hub,
        Site(
            "softcontent.test",
            routes={"/": page("Soft home", "home")},
            default=Route(handler=_soft_content),
        ),
        Site(
            "softhome.test",
            routes={"/": page("Softhome", "<h1>Welcome</h1><p>Our latest posts.</p>")},
            default=Route(redirect="/", status=302),
        ),
        Site("catchall.test", default=Route(handler=_soft_content)),
        Site(
            "honest.test",
            routes={
                "/": page("Honest", "home"),
                "/articles/fixing-404-not-found-errors": page(
                    "Fixing 404 Not Found errors in nginx",
                    "<h1>404 Not Found: a guide</h1>" + "<p>" + ARTICLE_PROSE + "</p>",
                ),
                "/old-section/page": Route(redirect="/", status=301),
                "/old-section/": Route(redirect="/old-section/index.html", status=301),
                "/old-section/index.html": page("Old section", "<p>Still here.</p>"),
            },
        ),
        Site(
            "parked-sedo.test",
            routes={"/old.pdf": Route(status=404, body="", content_type="application/pdf")},
            default=Route(body=SEDO_LANDER),
        ),
        Site("short.test", default=Route(redirect="http://forsale.test/")),
        Site("forsale.test", default=Route(body=FOR_SALE_LANDER)),
        Site("caf-parked.test", default=Route(body=GODADDY_LANDER)),
        Site(
            "sold-redirect.test",
            default=Route(redirect="http://dan.com/buy-domain/sold-redirect.test", status=302),
        ),
        Site("dan.com", default=Route(body=page("Buy sold-redirect.test", "<h1>Buy now</h1>"))),
        Site(
            "cf-challenge.test",
            default=Route(
                status=403,
                body=CLOUDFLARE_CHALLENGE,
                headers={"cf-mitigated": "challenge", "Server": "cloudflare"},
            ),
        ),
        Site(
            "cf-wait.test",
            default=Route(status=503, body=CLOUDFLARE_CHALLENGE, headers={"Server": "cloudflare"}),
        ),
        Site(
            "datadome.test",
            default=Route(status=403, body=DATADOME_CHALLENGE, headers={"X-DataDome": "protected"}),
        ),
        Site("bot404.test", default=Route(handler=_bot_404)),
        Site(
            "cdn404.test",
            default=Route(status=404, body=page("404", "gone"), headers={"CF-RAY": "1-AMS"}),
        ),
        Site("always429.test", default=Route(status=429, body="slow down")),
        Site("bomb.test", default=Route.gzip_bomb(200)),
        Site(
            "deflate-bomb.test",
            default=Route(body=_bomb(zlib.compress), headers={"Content-Encoding": "deflate"}),
        ),
        Site(
            "br-bomb.test",
            default=Route(body=_bomb(brotli.compress), headers={"Content-Encoding": "br"}),
        ),
        Site("endless.test", default=Route.endless()),
        Site("drip.test", default=Route.slow_drip(interval=0.5)),
        Site(
            "binary.test",
            default=Route(
                body=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 100, content_type="text/html"
            ),
        ),
        Site(
            "badenc.test",
            default=Route(
                body=b"<html><head><meta charset='shift_jis'><title>\xff\xfe\x00bad</title>"
                b"</head><body>\xe9\xe8\x80</body></html>",
                content_type="text/html; charset=utf-8",
            ),
        ),
        Site("ftp-redirect.test", default=Route(redirect="ftp://files.example.org/pub/x")),
        Site("live.test", default=Route(body=page("Live", "ok"))),
    ]
    return sites, {}


def huge_web(links: int = 20000) -> tuple[list[Site], dict]:
    """A site with one page holding ``links`` links (internal calendar days, and outbound)."""
    many = "".join(f'<a href="/calendar?day={i}">day {i}</a> ' for i in range(links))
    outbound = "".join(f'<a href="http://live.test/p{i}">p{i}</a> ' for i in range(links // 100))
    hub = Site(
        host="huge-hub.test",
        routes={
            "/": page("Huge hub", '<a href="/archive">Archive</a> <a href="/about">About</a>'),
            "/archive": page("Archive", many + outbound + '<a href="http://gone.test/">g</a>'),
            "/about": page("About", '<a href="http://live.test/about">about</a>'),
        },
        default=Route(handler=_hub_default),
    )
    return [hub, Site("live.test", default=Route(body=page("Live", "ok")))], {}


def _bomb(compress: Any, size_mb: int = 64) -> bytes:
    """``size_mb`` MiB of zeros, compressed (a few KB on the wire)."""
    return compress(b"\0" * (size_mb << 20))


def _hub_default(info: RequestInfo) -> Route:
    """Spider traps: ever-deeper paths and an endless calendar; 404 for the rest."""
    if info.path.startswith("/trap/"):
        return Route(body=page("Trap", f'<a href="{info.path}a/">deeper</a>'))
    if info.path == "/calendar":
        day = int(info.query.rpartition("=")[2] or 0) if info.query[-1:].isdigit() else 0
        return Route(body=page("Calendar", f'<a href="/calendar?day={day + 1}">next</a>'))
    return Route(status=404, body=page("Not Found", "no such page"))


# -- TLS: loopback HTTPS servers with bad certificates -----------------------------------


def make_certificate(
    directory: Path, name: str, hostnames: list[str], *, expired: bool = False
) -> tuple[Path, Path]:
    """A self-signed certificate (expired if asked) and its key, written as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostnames[0])])
    now = dt.datetime.now(dt.UTC)
    start, end = (
        (now - dt.timedelta(days=400), now - dt.timedelta(days=30))
        if expired
        else (
            now - dt.timedelta(days=1),
            now + dt.timedelta(days=30),
        )
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName(h) for h in hostnames]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / f"{name}.crt", directory / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class _TLSHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        status = 200 if self.path in ("/", "/page") else 404
        body = page("Secure" if status == 200 else "Not Found", "tls page").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET


class TLSServer:
    """An HTTPS server on 127.0.0.1 with the given certificate (a context manager)."""

    def __init__(self, cert: Path, key: Path):
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _TLSHandler)
        self.server.daemon_threads = True
        self.server.socket = self.context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> TLSServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


class HostMap:
    """A LocalWeb's host map with extra names (what run_crawl needs of a web)."""

    def __init__(self, web: LocalWeb, extra: dict[str, str | None]):
        self.host_map = {**web.host_map, **extra}


# -- a resolver that can be cut mid-crawl ------------------------------------------------


class CuttableResolver(LinkProspectorResolver):
    """The host-map resolver, cut after ``LINKPROSPECTOR_TEST_CUT_AFTER`` fresh lookups:
    from then on every fresh lookup is NXDOMAIN, like a resolver gone bad mid-run."""

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> CuttableResolver:
        resolver = super().from_crawler(crawler, reactor)
        resolver.cut_after = crawler.settings.getint("LINKPROSPECTOR_TEST_CUT_AFTER", 0)
        resolver.fresh = 0
        return resolver

    def _lookup(self, host: str) -> defer.Deferred:
        self.fresh += 1
        if self.cut_after and self.fresh > self.cut_after:
            return defer.succeed(([], NXDOMAIN))
        return super()._lookup(host)
