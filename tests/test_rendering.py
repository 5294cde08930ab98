"""Pure tables for linkprospector.reading.rendering: when to render, which browser, how."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from linkprospector.reading.rendering import (
    BrowserNotFound,
    browser_error_kind,
    browser_problem,
    domain_listed,
    find_browser,
    has_empty_app_root,
    host_resolver_rules,
    launch_options,
    needs_rendering,
    parse_domains,
    render_reason,
)


def html(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head><title>t</title>{head}</head><body>{body}</body></html>"


TEXT = "<p>" + "Plenty of words written on the server for people to read. " * 10 + "</p>"
BUNDLE = '<script src="/static/js/main.3f9a1c.js"></script>'
LINKS_20 = "".join(f'<a href="https://site{i}.example/">Site {i}</a>' for i in range(20))


@pytest.mark.parametrize(
    ("page", "links", "reason"),
    [
        (html('<div id="root"></div>' + BUNDLE), 0, "empty_app_root"),
        (html("<div id='app'>  </div>" + BUNDLE), 1, "empty_app_root"),
        (html('<div id="__next"><!-- ssr off --></div>'), 0, "empty_app_root"),
        (html('<main class="x" id="app"></main>'), 2, "empty_app_root"),
        (html("<app-root></app-root>" + BUNDLE), 0, "empty_app_root"),
        (
            html(
                TEXT + '<script>const l=["https://a.example/","https://b.example/",'
                '"https://c.example/"];</script>'
            ),
            0,
            "links_in_scripts",
        ),
        (
            html(TEXT + "<script>x.innerHTML = `<a href=${u}>`; y.href = z; w.href=v</script>"),
            1,
            "links_in_scripts",
        ),
        (
            html(TEXT + "<noscript>Please enable JavaScript to view this site.</noscript>"),
            0,
            "noscript_hint",
        ),
        (html(TEXT + "<noscript>You need to   ENABLE JAVASCRIPT</noscript>"), 3, "noscript_hint"),
        (html("<p>Loading…</p>" + BUNDLE), 0, "script_heavy"),
        (html(TEXT + "<script>" + "var a=1;" * 20_000 + "</script>"), 2, "script_heavy"),
        # server-rendered pages: no rendering
        (html(TEXT + LINKS_20), 20, None),
        (html(TEXT + '<a href="/a">a</a><a href="/b">b</a>'), 2, None),
        (html(TEXT + BUNDLE + '<a href="/a">a</a>'), 1, None),
        (html('<div id="root"><ul><li><a href="/x">x</a></li></ul></div>' + TEXT), 1, None),
        (html('<div id="rooted"></div>' + TEXT), 0, None),
        (html('<div id="root"></div>' + LINKS_20 * 2), 40, None),
        (html(TEXT + '<noscript><img src="https://px.example/t.gif"></noscript>'), 0, None),
        (
            html(
                TEXT,
                head='<script type="application/ld+json">{"url":"https://a.example/",'
                '"logo":"https://b.example/","sameAs":"https://c.example/"}</script>',
            ),
            0,
            None,
        ),
        (html(TEXT + "<script>console.log(1)</script>"), 0, None),
    ],
)
def test_needs_rendering(page, links, reason):
    assert needs_rendering(page, links) == reason


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('<div id="root"></div>', True),
        ('<div  data-x="1" id="app" class="c">\n</div>', True),
        ("<section id=root></section>", True),
        ('<div id="root"><p>hi</p></div>', False),
        ('<div id="root">text</div>', False),
        ('<div class="root"></div>', False),
        ('<div id="approot"></div>', False),
    ],
)
def test_has_empty_app_root(fragment, expected):
    assert has_empty_app_root(fragment) is expected


@pytest.mark.parametrize(
    ("mode", "host", "domains", "raw", "expected"),
    [
        ("never", "a.com", ("a.com",), "empty_app_root", None),
        ("always", "a.com", (), None, "always"),
        ("auto", "a.com", (), None, None),
        ("auto", "a.com", (), "noscript_hint", "noscript_hint"),
        ("auto", "www.a.com", ("a.com",), None, "domain"),
        ("auto", "blog.b.org", ("b.org",), None, "domain"),
        ("auto", "notb.org", ("b.org",), None, None),
    ],
)
def test_render_reason(mode, host, domains, raw, expected):
    assert render_reason(mode, host, domains, raw) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ()),
        ("", ()),
        ("a.com,b.org", ("a.com", "b.org")),
        (" A.com , https://www.B.org/path ,a.com", ("a.com", "b.org")),
        ("x.test:8080 y.test", ("x.test", "y.test")),
    ],
)
def test_parse_domains(value, expected):
    assert parse_domains(value) == expected


def test_domain_listed_matches_subdomains_only():
    assert domain_listed("shop.a.com", ("a.com",))
    assert not domain_listed("evila.com", ("a.com",))


def _exe(tmp_path: Path, rel: str) -> Path:
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_find_browser_prefers_configured_then_path_then_playwright(tmp_path):
    mine = _exe(tmp_path, "bin/my-chrome")
    downloads = tmp_path / "ms-playwright"
    pw = _exe(downloads, "chromium-1200/chrome-linux64/chrome")
    on_path = {"chromium-browser": "/usr/bin/chromium-browser"}
    assert find_browser(str(mine), which=on_path.get, browsers_dir=downloads) == str(mine)
    assert find_browser(None, which=on_path.get, browsers_dir=downloads) == (
        "/usr/bin/chromium-browser"
    )
    assert find_browser(None, which=lambda _n: None, browsers_dir=downloads) == str(pw)


def test_find_browser_configured_by_name_on_path():
    assert find_browser("sh", is_executable=lambda p: os.path.basename(p) == "sh").endswith("sh")


def test_find_browser_errors_are_one_line(tmp_path):
    with pytest.raises(BrowserNotFound) as missing:
        find_browser(None, which=lambda _n: None, browsers_dir=tmp_path)
    assert "\n" not in str(missing.value)
    assert "apt-get install chromium" in str(missing.value)
    with pytest.raises(BrowserNotFound, match="LINKPROSPECTOR_BROWSER=/nope/chrome"):
        find_browser("/nope/chrome", which=lambda _n: None, browsers_dir=tmp_path)


@pytest.mark.parametrize(
    ("mode", "domains", "error", "configured", "expected"),
    [
        ("auto", (), "no browser", False, ""),
        ("auto", ("a.com",), "no browser", False, "no browser"),
        ("auto", (), "bad path", True, "bad path"),
        ("always", (), "no browser", False, "no browser"),
        ("never", ("a.com",), "no browser", True, ""),
        ("always", (), None, False, ""),
    ],
)
def test_browser_problem(mode, domains, error, configured, expected):
    assert browser_problem(mode, domains, error, configured) == expected


def test_host_resolver_rules_from_host_map():
    rules = host_resolver_rules(
        {"*": None, "shop.test": "127.0.0.1:4321", "gone.test": None, "*.x.test": "127.0.0.1:1"}
    )
    assert rules == (
        "MAP shop.test 127.0.0.1:4321, MAP gone.test ~NOTFOUND, MAP *.x.test 127.0.0.1:1, "
        "MAP * ~NOTFOUND"
    )


def test_launch_options_are_headless_and_server_safe():
    options = launch_options("/usr/bin/chromium", {"a.test": "127.0.0.1:1"})
    assert options["executable_path"] == "/usr/bin/chromium"
    assert options["headless"] is True
    for flag in ("--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking"):
        assert flag in options["args"]
    assert "--host-resolver-rules=MAP a.test 127.0.0.1:1" in options["args"]
    assert not [a for a in launch_options("/c")["args"] if "host-resolver" in a]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Error: page.goto: net::ERR_NAME_NOT_RESOLVED at http://x.test/", "dns"),
        ("page.goto: net::ERR_CONNECTION_REFUSED at http://x.test/", "refused"),
        ("net::ERR_CONNECTION_TIMED_OUT", "timeout"),
        ("net::ERR_TIMED_OUT", "timeout"),
        ("net::ERR_CERT_AUTHORITY_INVALID", "tls"),
        ("net::ERR_SSL_PROTOCOL_ERROR", "tls"),
        ("net::ERR_CONNECTION_RESET", "reset"),
        ("net::ERR_EMPTY_RESPONSE", "reset"),
        ("net::ERR_ADDRESS_UNREACHABLE", "unreachable"),
        ("net::ERR_INTERNET_DISCONNECTED", "network_down"),
        ("net::ERR_TOO_MANY_REDIRECTS", "too_many_redirects"),
        ("net::ERR_BLOCKED_BY_CLIENT", "error"),
        ("TimeoutError: page.goto: Timeout 30000ms exceeded.", "timeout"),
        ("DNSLookupError: no such host", None),
        ("Connection was refused by other side", None),
    ],
)
def test_browser_error_kind(text, kind):
    assert browser_error_kind(text) == kind
