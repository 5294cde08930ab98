"""Table tests for linkprospector.reading.extract."""

from __future__ import annotations

import random
import time

import lxml.html
import pytest
from lxml import etree

from linkprospector.demo.web_model import html_page as page
from linkprospector.reading.extract import (
    ExtractedLink,
    LinkExtraction,
    extract_links,
    first_h1,
    page_title,
    parse_html,
)

W = "https://www.example.com"
PAGE = f"{W}/dir/page.html"


def _page(body: str, head: str = "") -> str:
    return page("", body, head=head)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # URLs: relative, absolute, IDN, entities, whitespace, fragments dropped
        ('<a href="/about">About us</a>', (f"{W}/about", "About us")),
        ('<a href="next.html">Next</a>', (f"{W}/dir/next.html", "Next")),
        ('<a href="../up">Up</a>', (f"{W}/up", "Up")),
        ('<a href="HTTP://Example.COM:80/a#x">X</a>', ("http://example.com/a", "X")),
        ('<a href="http://Bücher.example/">Books</a>', ("http://xn--bcher-kva.example/", "Books")),
        ('<a href="/s?a=1&amp;b=2">S</a>', (f"{W}/s?a=1&b=2", "S")),
        # decoded once, by the parser: the reader's browser requests "&amp;"
        ('<a href="/s?a=1&amp;amp;b=2">S</a>', (f"{W}/s?a=1&amp;b=2", "S")),
        ('<a href="  https://a.test/x\n  ">Padded</a>', ("https://a.test/x", "Padded")),
        ('<a href="//cdn.test/lib">CDN</a>', ("https://cdn.test/lib", "CDN")),
        ('<a href="/a b">Space</a>', (f"{W}/a%20b", "Space")),
        # anchor text: collapsed whitespace, nested markup, fallbacks
        ("<a href='/t'>  Gardening\n\t <b>tools</b>  </a>", (f"{W}/t", "Gardening tools")),
        ("<a href='/t'>Caf&eacute;&nbsp;guide</a>", (f"{W}/t", "Café guide")),
        (
            '<a href="/i"><img src="i.png" alt=" Seed  catalogue "></a>',
            (f"{W}/i", "Seed catalogue"),
        ),
        (
            '<a href="/i"><img src="a.png" alt=""><img src="b.png" alt="Second"></a>',
            (f"{W}/i", "Second"),
        ),
        ('<a href="/i" title="By title"><img src="i.png"></a>', (f"{W}/i", "By title")),
        ('<a href="/i" aria-label="Twitter"><svg></svg></a>', (f"{W}/i", "Twitter")),
        ('<a href="/i"><img src="i.png"></a>', (f"{W}/i", "")),
        ('<a href="/t" title="ignored">Text wins</a>', (f"{W}/t", "Text wins")),
        ('<a href="/long">' + "word " * 300 + "</a>", (f"{W}/long", ("word " * 100).strip())),
        # <area> links use their alt
        (
            '<map name="m"><area shape="rect" coords="0,0,1,1" href="/region" alt="North"></map>',
            (f"{W}/region", "North"),
        ),
    ],
)
def test_link_url_and_anchor(body: str, expected: tuple[str, str]) -> None:
    links = extract_links(_page(body), PAGE).links
    assert [(link.url, link.anchor_text) for link in links] == [expected]


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        (None, ""),
        ("", ""),
        ("nofollow", "nofollow"),
        ("NoFollow", "nofollow"),
        ("noopener noreferrer", ""),
        ("ugc nofollow", "nofollow ugc"),
        ("  sponsored\tnofollow  noopener ", "nofollow sponsored"),
        ("nofollow nofollow", "nofollow"),
        ("external", ""),
    ],
)
def test_rel_keeps_only_link_attributes(rel: str | None, expected: str) -> None:
    attr = "" if rel is None else f' rel="{rel}"'
    (link,) = extract_links(_page(f'<a href="/x"{attr}>x</a>'), PAGE).links
    assert link.rel == expected


@pytest.mark.parametrize(
    ("body", "placement"),
    [
        ('<p><a href="/x">x</a></p>', "main"),
        ('<nav><ul><li><a href="/x">x</a></li></ul></nav>', "nav"),
        ('<header><a href="/x">x</a></header>', "header"),
        ('<footer><p><a href="/x">x</a></p></footer>', "footer"),
        ('<aside><a href="/x">x</a></aside>', "sidebar"),
        ('<header><nav><a href="/x">x</a></nav></header>', "nav"),
        # roles
        ('<div role="navigation"><a href="/x">x</a></div>', "nav"),
        ('<div role="contentinfo"><a href="/x">x</a></div>', "footer"),
        ('<div role="complementary"><a href="/x">x</a></div>', "sidebar"),
        ('<div role="banner"><a href="/x">x</a></div>', "header"),
        ('<article><div role="contentinfo"><a href="/x">x</a></div></article>', "footer"),
        # id and class tokens, whole or in part
        ('<div id="nav"><a href="/x">x</a></div>', "nav"),
        ('<ul class="main-menu"><li><a href="/x">x</a></li></ul>', "nav"),
        ('<div class="navbar navbar-expand"><a href="/x">x</a></div>', "nav"),
        ('<div id="mainNav"><a href="/x">x</a></div>', "nav"),
        ('<div class="topnav"><a href="/x">x</a></div>', "nav"),
        ('<ol class="breadcrumbs"><li><a href="/x">x</a></li></ol>', "nav"),
        ('<div id="site-footer"><a href="/x">x</a></div>', "footer"),
        ('<div class="footer-nav"><a href="/x">x</a></div>', "footer"),
        ('<div class="sidebar"><a href="/x">x</a></div>', "sidebar"),
        ('<section class="widget_recent_entries"><a href="/x">x</a></section>', "sidebar"),
        ('<div id="masthead"><a href="/x">x</a></div>', "header"),
        ('<div class="site-header"><a href="/x">x</a></div>', "header"),
        ('<div class="header-menu"><a href="/x">x</a></div>', "nav"),
        # the nearest classified ancestor wins, even for widgets in a footer
        ('<footer><div class="widget"><a href="/x">x</a></div></footer>', "sidebar"),
        ('<div class="sidebar"><div class="menu"><a href="/x">x</a></div></div>', "nav"),
        ('<div class="footer"><div class="sidebar"><a href="/x">x</a></div></div>', "sidebar"),
        # look-alikes and layout classes stay main
        ('<div class="canvas"><a href="/x">x</a></div>', "main"),
        ('<div class="bg-navy unavailable"><a href="/x">x</a></div>', "main"),
        ('<div class="headline"><a href="/x">x</a></div>', "main"),
        ('<div class="has-sidebar with-header"><a href="/x">x</a></div>', "main"),
        ('<div class="content-sidebar-wrap"><p><a href="/x">x</a></p></div>', "main"),
        # header/footer inside article, main, section, nav or aside are not the page's
        (
            '<article><header class="entry-header"><h2><a href="/x">x</a></h2></header></article>',
            "main",
        ),
        ('<article><footer class="entry-footer"><a href="/x">x</a></footer></article>', "main"),
        ('<main><div class="card-header"><a href="/x">x</a></div></main>', "main"),
        ('<article><nav><a href="/x">x</a></nav></article>', "nav"),
        ('<nav><div class="content"><footer><a href="/x">x</a></footer></div></nav>', "nav"),
    ],
)
def test_placement(body: str, placement: str) -> None:
    (link,) = extract_links(_page(body), PAGE).links
    assert link.placement == placement


def test_body_classes_do_not_classify_the_page() -> None:
    html = (
        '<html><body class="has-navbar-fixed sidebar-left"><p><a href="/x">x</a></p></body></html>'
    )
    assert extract_links(html, PAGE).links[0].placement == "main"


@pytest.mark.parametrize(
    ("head", "body", "base_url", "url"),
    [
        ("", '<a href="a">a</a>', PAGE, f"{W}/dir/a"),
        (
            '<base href="https://cdn.test/assets/">',
            '<a href="img/a">a</a>',
            "https://cdn.test/assets/",
            "https://cdn.test/assets/img/a",
        ),
        ('<base href="/other/">', '<a href="a">a</a>', f"{W}/other/", f"{W}/other/a"),
        ('<base href="sub/">', '<a href="a">a</a>', f"{W}/dir/sub/", f"{W}/dir/sub/a"),
        (
            '<base href="/first/"><base href="/second/">',
            '<a href="a">a</a>',
            f"{W}/first/",
            f"{W}/first/a",
        ),
        (
            '<base target="_blank"><base href="/second/">',
            '<a href="a">a</a>',
            f"{W}/second/",
            f"{W}/second/a",
        ),
        ('<base href="javascript:alert(1)">', '<a href="a">a</a>', PAGE, f"{W}/dir/a"),
        ("", '<base href="/late/"><a href="a">a</a>', f"{W}/late/", f"{W}/late/a"),
        (
            '<base href="/b/">',
            '<a href="https://abs.test/x">a</a>',
            f"{W}/b/",
            "https://abs.test/x",
        ),
        ('<base href="/b/">', '<a href="?q=1">a</a>', f"{W}/b/", f"{W}/b/?q=1"),
    ],
)
def test_base_href(head: str, body: str, base_url: str, url: str) -> None:
    result = extract_links(_page(body, head), PAGE)
    assert result.base_url == base_url
    assert [link.url for link in result.links] == [url]


@pytest.mark.parametrize(
    ("body", "emails", "skipped"),
    [
        ('<a href="mailto:Editor@Example.com">Mail</a>', ["editor@example.com"], {}),
        ('<a href="mailto:a@x.test?subject=Hi%20there&cc=b@x.test">m</a>', ["a@x.test"], {}),
        ('<a href="MAILTO:a@x.test">m</a><a href=" mailto:A@X.test ">m</a>', ["a@x.test"], {}),
        ('<a href="mailto:a@x.test,b@x.test">m</a>', ["a@x.test", "b@x.test"], {}),
        ('<a href="mailto:info%40shop.test">m</a>', ["info@shop.test"], {}),
        (
            '<a href="mailto:b@x.test">m</a><a href="mailto:a@x.test">m</a>',
            ["b@x.test", "a@x.test"],
            {},
        ),
        ('<a href="mailto:">m</a><a href="mailto:?subject=x">m</a>', [], {}),
        ('<a href="mailto:not-an-address">m</a>', [], {"invalid_email": 1}),
        (
            '<a href="javascript:void(0)">js</a><a href="JavaScript:go()">js</a>',
            [],
            {"non_http": 2},
        ),
        ('<a href="tel:+44123">t</a><a href="data:text/plain,x">d</a>', [], {"non_http": 2}),
        ('<a href="ftp://files.test/x">f</a>', [], {"non_http": 1}),
        ('<a href="">e</a><a href="   ">e</a>', [], {"empty": 2}),
        ('<a href="#top">t</a><a href="#">t</a>', [], {"fragment": 2}),
        (
            '<a href="http://a.test:99999/">p</a><a href="http://exa mple.com/">h</a>',
            [],
            {"invalid_url": 2},
        ),
        ('<a href="/' + "x" * 3000 + '">long</a>', [], {"too_long": 1}),
        ('<a name="anchor">no href</a><a>none</a>', [], {}),
    ],
)
def test_emails_and_skipped(body: str, emails: list[str], skipped: dict[str, int]) -> None:
    result = extract_links(_page(body), PAGE)
    assert result.links == []
    assert result.emails == emails
    assert result.skipped == skipped


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # first occurrence wins ...
        (
            '<nav><a href="/x">Menu</a></nav><p><a href="/x#frag">Body</a></p>',
            [(f"{W}/x", "Menu", "nav")],
        ),
        ('<a href="/x" rel="nofollow">A</a><a href="/x">B</a>', [(f"{W}/x", "A", "main")]),
        # ... but a non-empty anchor text replaces an empty one, keeping the first position
        (
            '<header><a href="/"><img src="logo.png"></a></header><a href="/">Home</a>',
            [(f"{W}/", "Home", "header")],
        ),
        (
            '<a href="/a">A</a><a href="/b"></a><a href="/b">B</a><a href="/c">C</a>',
            [
                (f"{W}/a", "A", "main"),
                (f"{W}/b", "B", "main"),
                (f"{W}/c", "C", "main"),
            ],
        ),
        # normalisation makes these the same URL
        (
            '<a href="HTTPS://WWW.EXAMPLE.COM:443/x">1</a><a href="/x">2</a>',
            [(f"{W}/x", "1", "main")],
        ),
    ],
)
def test_deduplication(body: str, expected: list[tuple[str, str, str]]) -> None:
    links = extract_links(_page(body), PAGE).links
    assert [(link.url, link.anchor_text, link.placement) for link in links] == expected


def test_full_page() -> None:
    html = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>  Useful   gardening
 resources </title></head>
<body>
<header id="masthead"><a href="/"><img src="/logo.png" alt="Garden Hub"></a>
  <nav class="primary-menu"><a href="/blog/">Blog</a><a href="/contact">Contact</a></nav></header>
<main><h1> Best <em>gardening</em> links </h1>
  <p>See <a href="http://seeds.test/catalogue" rel="nofollow noopener">the seed catalogue</a>
  and <a href="https://tools.test/spades?ref=hub&amp;utm=1#reviews">spade reviews</a>.</p>
  <p><a href="javascript:void(0)" onclick="share()">Share</a>
  <a href="mailto:Editor@Garden-Hub.test?subject=Link">Suggest a link</a></p>
  <img src="/map.png" usemap="#m"><map name="m"><area href="/north" alt="North beds"></map>
</main>
<aside class="sidebar"><a href="https://ads.test/" rel="sponsored">Sponsor</a></aside>
<footer><a href="/privacy">Privacy</a></footer>
</body></html>"""
    result = extract_links(html, "https://garden-hub.test/resources")
    assert result.title == "Useful gardening resources"
    assert result.h1 == "Best gardening links"
    assert result.base_url == "https://garden-hub.test/resources"
    assert result.emails == ["editor@garden-hub.test"]
    assert result.skipped == {"non_http": 1}
    assert result.links == [
        ExtractedLink("https://garden-hub.test/", "Garden Hub", "", "header"),
        ExtractedLink("https://garden-hub.test/blog/", "Blog", "", "nav"),
        ExtractedLink("https://garden-hub.test/contact", "Contact", "", "nav"),
        ExtractedLink("http://seeds.test/catalogue", "the seed catalogue", "nofollow", "main"),
        ExtractedLink("https://tools.test/spades?ref=hub&utm=1", "spade reviews", "", "main"),
        ExtractedLink("https://garden-hub.test/north", "North beds", "", "main"),
        ExtractedLink("https://ads.test/", "Sponsor", "sponsored", "sidebar"),
        ExtractedLink("https://garden-hub.test/privacy", "Privacy", "", "footer"),
    ]


@pytest.mark.parametrize(
    ("html", "title", "h1"),
    [
        ("<title>Simple</title><h1>Heading</h1>", "Simple", "Heading"),
        ("<title>\n  Spaced \t out\n</title>", "Spaced out", ""),
        ("<title>Fish &amp; Chips</title>", "Fish & Chips", ""),
        ("<h1></h1><h1><img alt='logo'></h1><h1>Real <span>title</span></h1>", "", "Real title"),
        ("<title>" + "t" * 600 + "</title>", "t" * 500, ""),
        ("<p>no title</p>", "", ""),
        ("<title></title><title>Second</title>", "", ""),
    ],
)
def test_title_and_h1(html: str, title: str, h1: str) -> None:
    root = parse_html(html)
    assert page_title(root) == title
    assert first_h1(root) == h1
    result = extract_links(html, PAGE)
    assert (result.title, result.h1) == (title, h1)


@pytest.mark.parametrize(
    ("html", "parsed"),
    [
        ("<html><body><p>hi</p></body></html>", True),
        ("plain text", True),
        (b"<p>bytes</p>", True),
        (bytearray(b"<p>bytes</p>"), True),
        ('<?xml version="1.0" encoding="ISO-8859-1"?><html><body>x</body></html>', True),
        ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html><html><p>x</p></html>', True),
        ("a\x00b<p>nul</p>\x00", True),
        (b"<p>nul\x00byte</p>", True),
        ("\ud800<p>lone surrogate</p>", True),
        ("<", True),
        ("", False),
        ("   \n ", False),
        (b"", False),
        (b"\x00\x00\x00", False),
        ("<p>" + "\x00" * 100 + "</p>", True),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, False),
        (b"\x1f\x8b\x08\x00" + random.Random(1).randbytes(2000), False),
        (None, False),
        (12345, False),
    ],
)
def test_parse_html(html: object, parsed: bool) -> None:
    root = parse_html(html)  # type: ignore[arg-type]
    assert (root is not None) == parsed
    if root is not None:
        assert isinstance(root, lxml.html.HtmlElement)
        assert root.tag == "html"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ('<meta charset="iso-8859-1"><p>café</p>'.encode("latin-1"), "café"),
        ("<p>Привет</p>".encode("cp1251"), "\ufffd" * 6),  # undeclared: replaced, still parsed
        ("<html><body><p>café</p></body></html>".encode(), "café"),
        ("\ufeff<p>café</p>".encode("utf-16"), "café"),
        ('<?xml version="1.0" encoding="ISO-8859-1"?><p>café</p>', "café"),
        ('<meta charset="iso-8859-1"><p>café</p>', "café"),
    ],
)
def test_parse_html_decodes_text(html: str | bytes, text: str) -> None:
    root = parse_html(html)
    assert root is not None
    assert root.findtext(".//p") == text


@pytest.mark.parametrize(
    "html",
    [
        "",
        b"",
        None,
        b"\x00\xff" * 1000,
        "<a href=",
        "<a href='/x'",
        "<a href='/x'>unclosed <b>bold <i>italic",
        "<table><a href='/t'>in table</a><tr><td><a href='/u'>u</a>",
        "</a></a><a href='/v'>v</a></div></body></html></html>",
        "<a href='/w'><a href='/nested'>nested</a></a>",
        "<svg><a xlink:href='/svg'>svg</a></svg><a href='/after'>after</a>",
        "<!-- <a href='/commented'>c</a> --><a href='/real'>r</a>",
        "<script>document.write('<a href=\"/js\">js</a>')</script>",
        "<a href='/x' rel>empty rel</a><a href='/y' class>empty class</a>",
        "<a href='\x01\x02'>control</a>",
        "<a href='http://\ud800/'>surrogate host</a>",
        "<html><body><a href=/x>x</a>\x00\x00\x00</body></html>",
    ],
)
def test_extract_links_never_raises(html: object) -> None:
    result = extract_links(html, PAGE)
    assert isinstance(result, LinkExtraction)
    assert all(link.url.startswith(("http://", "https://")) for link in result.links)


def test_extract_links_fuzz() -> None:
    rng = random.Random(7)
    pieces = ["<a href='", "'>", "</a>", "<nav>", "</nav>", "<base href='", "mailto:", "#"]
    pieces += ["javascript:", "/x", "http://", "<img alt='", "<div class='footer'>", "</div>"]
    pieces += ["&amp;", "\x00", "é", " ", "\n", "<", ">", "'", '"', "<area href='"]
    for _ in range(500):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        result = extract_links(html, PAGE)
        assert len({link.url for link in result.links}) == len(result.links)


def test_accepts_parsed_trees() -> None:
    html = _page('<footer><a href="/x">X</a></footer>')
    expected = [ExtractedLink(f"{W}/x", "X", "", "footer")]
    assert extract_links(parse_html(html), PAGE).links == expected
    assert extract_links(html.encode(), PAGE).links == expected
    assert extract_links(etree.fromstring(html, etree.HTMLParser()), PAGE).links == expected


def test_invalid_page_url_keeps_absolute_links() -> None:
    result = extract_links(_page('<a href="https://a.test/">a</a><a href="rel">r</a>'), "nonsense")
    assert [link.url for link in result.links] == ["https://a.test/"]
    assert result.skipped == {"invalid_url": 1}
    assert result.base_url == ""


def test_fifty_thousand_links_in_linear_time() -> None:
    menu = "".join(
        f'<li class="menu-item"><a href="/p/{i}">Page {i}</a></li>' for i in range(25_000)
    )
    body = "".join(f'<a href="https://site{i % 500}.test/{i}">L {i}</a> ' for i in range(25_000))
    html = _page(f'<nav><ul>{menu}</ul></nav><div class="content"><p>{body}</p></div>')
    started = time.perf_counter()
    result = extract_links(html, PAGE)
    elapsed = time.perf_counter() - started
    assert len(result.links) == 50_000
    assert result.links[0].placement == "nav"
    assert result.links[-1].placement == "main"
    assert elapsed < 5  # about half a second; a quadratic ancestor walk takes minutes


def test_deeply_nested_links() -> None:
    depth = 2000
    html = "<html><body>" + "".join(f'<div><a href="/d/{i}">{i}</a>' for i in range(depth))
    result = extract_links(html + "</div>" * depth + "<footer><a href='/f'>f</a></footer>", PAGE)
    assert len(result.links) == depth + 1
    assert result.links[-1].placement == "footer"
