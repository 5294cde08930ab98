"""Link lists built by scripts are found on ordinary pages, however many navigation links
they have; analytics, tag managers, JSON-LD, consent and social widgets never trigger
rendering (issue 11, point 3). Raw links come from the real extractor, as in a crawl."""

from __future__ import annotations

import pytest

from linkprospector.reading.extract import extract_links
from linkprospector.reading.rendering import needs_rendering
from linkprospector.reading.script_links import inline_scripts, script_link_targets
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
