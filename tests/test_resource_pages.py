"""Resource pages, not articles that mention links:
table tests over many page shapes with the real extractor and scorer, as the spider calls
them."""

from __future__ import annotations

import pytest

from linkprospector.reading.extract import extract_links, parse_html
from linkprospector.reading.scoring import is_resource_page, resource_features, score_resource_page
from linkprospector.reading.urls import site_of
from tests.resource_pages import LOOK_ALIKES, RESOURCE_PAGES


def judge(url: str, html: str) -> tuple[float, list[str]]:
    root = parse_html(html)
    links = extract_links(root, url).links
    return score_resource_page(resource_features(root, url, links, site_of(url)))


@pytest.mark.parametrize(("url", "html"), RESOURCE_PAGES, ids=[u for u, _ in RESOURCE_PAGES])
def test_resource_pages_in_many_layouts(url, html):
    score, reasons = judge(url, html)
    assert is_resource_page(score), (score, reasons)


@pytest.mark.parametrize(("url", "html"), LOOK_ALIKES, ids=[u for u, _ in LOOK_ALIKES])
def test_look_alikes_are_not_resource_pages(url, html):
    score, reasons = judge(url, html)
    assert not is_resource_page(score), (score, reasons)


def test_an_article_about_links_is_told_apart_by_where_its_links_sit():
    url, html = LOOK_ALIKES[0]
    score, reasons = judge(url, html)
    assert "8 blocks of prose with outbound links (not entries)" in reasons, reasons
    assert "title mentions 'links'" in reasons  # the keyword alone does not decide


def test_a_list_without_keywords_is_a_resource_page():
    url, html = next((u, h) for u, h in RESOURCE_PAGES if "favourite-blogs" in u)
    score, reasons = judge(url, html)
    assert is_resource_page(score)
    assert not any("mentions" in reason for reason in reasons)
    # each card's heading holds the link, the paragraph after it describes it
    assert "12 entries (a link plus at most a sentence) to 12 sites: 12 headings" in reasons
    assert "entries are 100% of the main text" in reasons
