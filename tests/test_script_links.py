"""Link lists built by scripts are found on ordinary pages, however many navigation links
they have, including lists loaded as same-site JSON; analytics, tag
managers, JSON-LD, consent and social widgets, search indexes never trigger rendering
. Raw links come from the real extractor, as in a crawl."""

from __future__ import annotations

import time

import pytest

from linkprospector.reading.extract import extract_links
from linkprospector.reading.rendering import needs_rendering
from linkprospector.reading.script_data import fetched_link_data
from linkprospector.reading.script_links import (
    inline_scripts,
    script_filled_container,
    script_link_targets,
)
from tests.json_list_pages import JSON_NEGATIVES, JSON_STYLES, json_page
from tests.script_pages import NEGATIVE_PAGES, SCRIPT_STYLES, script_page

LINKS = [(f"https://resource-{i}.test/guide", f"Resource {i}") for i in range(6)]
PAGE_URL = "http://garden.test/links/"


def decide(html: str) -> str | None:
    raw = extract_links(html, PAGE_URL).links
    assert len(raw) > 20  # an ordinary page: navigation and footer links in the raw HTML
    return needs_rendering(html, len(raw), raw_links=[link.url for link in raw], page_url=PAGE_URL)


@pytest.mark.parametrize("style", list(SCRIPT_STYLES))
def test_script_built_lists_are_rendered(style):
    html = script_page(style, "garden.test", LINKS)
    assert decide(html) in ("links_in_scripts", "script_container")


@pytest.mark.parametrize("name", list(NEGATIVE_PAGES))
def test_ordinary_scripts_do_not_trigger_rendering(name):
    assert decide(NEGATIVE_PAGES[name]) is None


def test_two_script_urls_are_not_enough():
    html = script_page("template_string", "garden.test", LINKS[:2])
    assert decide(html) is None


def test_escaped_slashes_are_read_as_urls():
    html = script_page("escaped_document_write", "garden.test", LINKS)
    targets = script_link_targets(inline_scripts(html), "garden.test")
    assert {f"https://resource-{i}.test/guide" for i in range(6)} == targets


def test_own_site_and_subdomains_are_not_outbound():
    scripts = [
        'var a = ["https://garden.test/x", "https://www.garden.test/y", '
        '"https://shop.garden.test/z", "https://other.test/w"];'
    ]
    assert script_link_targets(scripts, "www.garden.test") == {"https://other.test/w"}


# -- link lists loaded as same-site JSON ------------------------------


@pytest.mark.parametrize("style", list(JSON_STYLES))
def test_lists_loaded_as_same_site_json_are_rendered(style):
    host, path, _builder = JSON_STYLES[style]
    html, json_path, _ = json_page(style, LINKS)
    page_url = f"http://{host}{path}"
    raw = extract_links(html, page_url).links
    assert len(raw) > 20  # an ordinary page: navigation and footer links
    # no earlier hint gives it away: no URL in the script, no empty or "Loading" container
    assert not script_link_targets(inline_scripts(html), host)
    assert not script_filled_container(html, inline_scripts(html))
    reason = needs_rendering(
        html, len(raw), raw_links=[link.url for link in raw], page_url=page_url
    )
    assert reason == "fetched_json"
    loaded = fetched_link_data(inline_scripts(html), host)
    assert loaded and json_path.rsplit("/", 1)[-1] in loaded[0]


@pytest.mark.parametrize("name", list(JSON_NEGATIVES))
def test_json_that_is_no_link_list_does_not_trigger_rendering(name):
    assert decide(JSON_NEGATIVES[name]) is None


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        (
            "fetch('/data/links.json').then(r=>r.json()).then(x=>el.innerHTML=x)",
            ["/data/links.json"],
        ),
        ("fetch(`${base}/friends.json`).then(f => ul.append(f))", ["/friends.json"]),
        ("$.getJSON('blogroll.json', d => $('#b').append(d))", ["blogroll.json"]),
        (
            "axios.get('/api/links?lang=fr').then(r => box.innerHTML = r.data)",
            ["/api/links"],
        ),
        (
            "fetch('https://www.garden.test/data/sites.json').then(r => el.innerHTML = r)",
            ["https://www.garden.test/data/sites.json"],
        ),
        ("fetch('https://other.test/data/sites.json').then(r => el.innerHTML = r)", []),
        ("fetch('/api/search?q=x').then(r => el.innerHTML = r)", []),
        ("const data = '/data/links.json'; el.innerHTML = data", []),  # never requested
    ],
)
def test_fetched_link_data(script, expected):
    assert fetched_link_data([script], "garden.test") == expected


@pytest.mark.parametrize(
    "script",
    [
        "fetch(x); el.innerHTML = y; " + "a" * 2_000_000,
        "fetch(x); el.innerHTML = y; " + ".json" * 400_000,
        "fetch(x); el.innerHTML = y; " + "/api/" * 400_000,
        "fetch(x); el.innerHTML = y; " + ("a" * 150 + ".json ") * 10_000,
    ],
    ids=["long-word", "many-json", "many-api", "long-paths"],
)
def test_reading_scripts_takes_linear_time(script):
    start = time.perf_counter()
    fetched_link_data([script], "garden.test")
    assert time.perf_counter() - start < 2.0
