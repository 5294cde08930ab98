"""Links read as a browser reads them: table tests against the
real extractor, and malformed links stored as broken links by a real crawl."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from linkprospector.demo.localweb import LocalWeb, Site
from linkprospector.reading.element_text import visible_text
from linkprospector.reading.extract import extract_links, first_h1, parse_html
from linkprospector.reading.link_context import link_sentences
from tests.conftest import run_crawl
from tests.webs import page


def links(body: str, encoding: str = "utf-8", url: str = "http://a.test/dir/page"):
    return extract_links(parse_html(f"<html><body>{body}</body></html>"), url, encoding)


@pytest.mark.parametrize(
    ("tag", "opener"), [("div", "<div>"), ("font", "<font size=2>"), ("span", "<span>")]
)
def test_unclosed_soup_deeper_than_the_parser_keeps_every_link(tag, opener):
    body = "".join(f'{opener}<a href="http://s{i}.test/">Site {i}</a>' for i in range(10_000))
    found = links(body).links
    assert len(found) == 10_000
    assert found[-1].url == "http://s9999.test/" and found[-1].anchor_text == "Site 9999"


def test_a_link_left_open_around_the_page_is_not_the_next_links_text():
    # Tag soup: every <a> never closed, each in a <div> inside the one before. A browser
    # closes the open link at the next <a>; the reader takes the same text, in linear time.
    body = "".join(f"<div><a href='/p{i}'>Page {i} " for i in range(3000))
    extraction = links(body)
    assert len(extraction.links) == 3000
    assert extraction.links[0].anchor_text == "Page 0"
    assert extraction.links[2999].anchor_text == "Page 2999"


def test_an_svg_logo_is_its_title_not_its_paths():
    logo = "<svg><title>Acme logo</title>" + "<path d='M0 0h1'/>" * 300 + "</svg>"
    root = parse_html(f"<html><body><h1><a href='/'>{logo}Acme Gardening</a></h1></body></html>")
    assert first_h1(root) == "Acme logo Acme Gardening"
    assert extract_links(root, "http://a.test/").links[0].anchor_text == "Acme logo Acme Gardening"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (
            "<li><a href='/a'>Alpha tools</a><span>Mar 3, 2021</span></li>",
            "Alpha tools Mar 3, 2021",
        ),  # noqa: E501
        ("<h1><span>Write</span><span>for us</span></h1>", "Write for us"),
    ],
)
def test_spaced_text_keeps_inline_elements_apart(markup, expected):
    element = etree.fromstring(f"<body>{markup}</body>")[0]
    assert visible_text(element, spaced=True) == expected


def test_a_long_sentence_is_cut_around_the_link_whatever_its_markup():
    for inner in ("Great<br>Tool", "Great <script>x()</script>Tool", "<b>Great</b> <i>Tool</i>"):
        body = "<p>" + "word " * 80 + f"<a href='http://t.test/x'>{inner}</a> " + "more " * 80
        found = link_sentences(parse_html(f"<html><body>{body}</p></body></html>"),
                               "http://a.test/", ["http://t.test/x"])  # fmt: skip
        sentence = found["http://t.test/x"]
        assert "Great" in sentence and "Tool" in sentence and sentence.startswith("…"), inner


@pytest.mark.parametrize(
    ("markup", "tag", "expected"),
    [
        ("<a href='/a'>Outer <a href='/b'>inner</a> tail</a>", "a", "Outer tail"),
        ("<h2>Tools <h3>Seeds</h3></h2>", "h2", "Tools"),
        ("<div>Box <a href='/b'>link</a> end</div>", "div", "Box link end"),
        ("<p>" + "<span>x</span>" * 1000 + "</p>", "p", "x" * 200),  # bounded walk
    ],
)
def test_visible_text_stops_at_nested_links_and_headings(markup, tag, expected):
    element = etree.fromstring(f"<body>{markup}</body>").find(f".//{tag}")
    assert visible_text(element) == expected


@pytest.mark.parametrize(
    ("href", "encoding", "expected"),
    [
        ("/s?q=ž", "cp1250", "http://a.test/s?q=%9E"),
        ("/s?q=é", "latin-1", "http://a.test/s?q=%E9"),
        ("/s?q=é", "utf-8", "http://a.test/s?q=%C3%A9"),
        ("/ž?q=ž", "cp1250", "http://a.test/%C5%BE?q=%9E"),  # the path is always UTF-8
        ("/s?q=日本", "shift_jis", "http://a.test/s?q=%93%FA%96%7B"),
        ("/s?q=é", "utf-16", "http://a.test/s?q=%C3%A9"),
        ("/s?q=é", "no-such-codec", None),  # an unknown page encoding: not guessed
    ],
)
def test_query_strings_are_encoded_in_the_pages_encoding(href, encoding, expected):
    found = links(f'<a href="{href}">x</a>', encoding).links
    if expected is None:
        assert [link.url for link in found] in ([], ["http://a.test/s?q=%C3%A9"])
    else:
        assert [link.url for link in found] == [expected]


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("nofollow,ugc", "nofollow ugc"),
        ("nofollow, ugc", "nofollow ugc"),
        ("NOFOLLOW sponsored", "nofollow sponsored"),
        ("noopener noreferrer", ""),
        (",,sponsored,", "sponsored"),
    ],
)
def test_rel_tokens_separated_by_commas(rel, expected):
    assert links(f'<a rel="{rel}" href="/x">x</a>').links[0].rel == expected


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("Read<br>more", "Read more"),
        ("<div>One</div><div>Two</div>", "One Two"),
        ("<p>Intro</p>text", "Intro text"),
        ("Gar<b>den</b>ing", "Gardening"),  # inline markup joins, as on screen
        ("Tools<script>track('x')</script>", "Tools"),
        ("Seeds<style>.a{color:red}</style> &amp; bulbs", "Seeds & bulbs"),
        ("<span>A</span> <span>B</span>", "A B"),
    ],
)
def test_anchor_text_as_shown(inner, expected):
    assert links(f'<a href="/x">{inner}</a>').links[0].anchor_text == expected


@pytest.mark.parametrize(
    ("href", "encoding", "expected"),
    [
        ("mailto:%E9l%E8ve@ecole.test", "latin-1", ["élève@ecole.test"]),
        ("mailto:%C3%A9l%C3%A8ve@ecole.test", "latin-1", ["élève@ecole.test"]),
        ("mailto:info@garden.test?subject=Hi", "utf-8", ["info@garden.test"]),
    ],
)
def test_mailto_addresses_decoded_as_the_page_wrote_them(href, encoding, expected):
    assert links(f'<a href="{href}">m</a>', encoding).emails == expected


def test_svg_links_are_links():
    body = (
        '<svg><a xlink:href="http://svg-old.test/"><text>Old</text></a>'
        '<a href="http://svg-new.test/"><text>New</text></a></svg>'
    )
    assert [(lk.url, lk.anchor_text) for lk in links(body).links] == [
        ("http://svg-old.test/", "Old"),
        ("http://svg-new.test/", "New"),
    ]


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("http://z.test/a&amp;amp;b", "http://z.test/a&amp;b"),  # decoded once, by the parser
        ("http://z.test/nb&nbsp;", "http://z.test/nb%C2%A0"),  # a no-break space is kept
        ("  http://z.test/trim\t\n", "http://z.test/trim"),  # ASCII whitespace is trimmed
        ("http:/z.test/one-slash", "http://a.test/z.test/one-slash"),
        ("http:\\\\z.test\\back", "http://z.test/back"),
        ("http:rel/path", "http://a.test/dir/rel/path"),
    ],
)
def test_hrefs_resolved_as_browsers_resolve_them(href, expected):
    assert [lk.url for lk in links(f'<a href="{href}">x</a>').links] == [expected]


@pytest.mark.parametrize(
    "href",
    ["http://exa mple.test/", "http://[::1/", "http://a.test:99999/", "https://", "http://a..b:x/"],
)
def test_unparseable_hrefs_are_kept_as_invalid_links(href):
    result = links(f'<a href="{href}">Broken</a>')
    assert result.links == []
    assert [(lk.url, lk.anchor_text) for lk in result.invalid] == [(href, "Broken")]


def test_malformed_links_are_stored_as_dead_invalid_url(tmp_path):
    hub = Site(
        "malformed-hub.test",
        routes={
            "/": page(
                "Useful links",
                '<ul><li><a href="http://exa mple.test/">Spaced host</a></li>'
                '<li><a href="http://bad-port.test:99999/x">Bad port</a></li>'
                '<li><a href="/ok">Fine</a></li></ul>',
            ),
            "/ok": page("ok", "ok"),
        },
    )
    with LocalWeb([hub]) as web:
        result = run_crawl(tmp_path, web, args={"seeds": "http://malformed-hub.test/"})
        requested = {path for _m, host, path in web.hits}
    assert result.returncode == 0, result.stderr[-3000:]
    targets = result.targets()
    for href in ("http://exa mple.test/", "http://bad-port.test:99999/x"):
        row = targets[href]
        assert (row["verdict"], row["reason"]) == ("dead", "invalid_url")
        assert json.loads(row["evidence"])["error"] == "invalid_url"
    dead = {(r["source_url"], r["target_url"]) for r in result.db["dead_links"].rows}
    assert ("http://malformed-hub.test/", "http://exa mple.test/") in dead
    assert "/x" not in requested  # never requested: no browser could
