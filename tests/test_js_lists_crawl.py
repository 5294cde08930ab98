"""End-to-end with a real Chromium: link lists that scripts build on ordinary pages (with
navigation and footer links) are found and checked; pages whose scripts are analytics,
consent or social widgets are not rendered."""

from __future__ import annotations

import json

import pytest

from linkprospector.demo.localweb import LocalWeb, Route, Site
from linkprospector.reading.rendering import BrowserNotFound, find_browser
from tests.conftest import run_crawl
from tests.script_pages import NEGATIVE_PAGES, SCRIPT_STYLES, script_page
from tests.webs import page

STYLES = list(SCRIPT_STYLES)


def links_of(style: str) -> list[tuple[str, str]]:
    return [
        (f"http://{style.replace('_', '-')}-live{i}.test/guide", f"{style} live {i}")
        for i in range(3)
    ] + [(f"http://{style.replace('_', '-')}-gone.test/missing", f"{style} gone")]


@pytest.fixture(scope="module")
def lists_crawl(tmp_path_factory):
    try:
        find_browser()
    except BrowserNotFound as exc:
        pytest.fail(f"the JavaScript tests need a real Chromium: {exc}", pytrace=False)
    routes: dict = {"/assets/site.js": Route(body="", content_type="text/javascript")}
    index = []
    for style in STYLES:
        routes[f"/{style}/"] = script_page(style, "lists.test", links_of(style))
        index.append(f'<a href="/{style}/">{style}</a>')
    routes["/fetched_json/links.json"] = Route(
        body=json.dumps([list(link) for link in links_of("fetched_json")]),
        content_type="application/json",
    )
    # the fetched_json page fetches /links.json relative to itself
    routes["/links.json"] = routes["/fetched_json/links.json"]
    routes["/"] = page("Lists", " ".join(index))
    # the ordinary pages live on the site their scripts were written for
    garden = {f"/plain/{name}": html for name, html in NEGATIVE_PAGES.items()}
    garden["/"] = page("Garden", " ".join(f'<a href="{path}">{path}</a>' for path in garden))
    garden["/assets/site.js"] = routes["/assets/site.js"]
    targets = []
    for style in STYLES:
        for url, _text in links_of(style):
            host = url.split("/")[2]
            if "gone" in host:
                targets.append(Site(host, routes={}))
            else:
                targets.append(Site(host, routes={"/guide": page("Guide", "ok")}))
    sites = [Site("lists.test", routes=routes), Site("garden.test", routes=garden), *targets]
    with LocalWeb(sites) as web:
        result = run_crawl(
            tmp_path_factory.mktemp("js_lists"),
            web,
            args={"seeds": "http://lists.test/,http://garden.test/", "depth": "1"},
        )
    return result


def test_crawl_finishes(lists_crawl):
    assert lists_crawl.returncode == 0, lists_crawl.stderr[-3000:]
    assert "Traceback" not in lists_crawl.stderr


@pytest.mark.parametrize("style", STYLES)
def test_script_built_list_found_and_checked(lists_crawl, style):
    source = f"http://lists.test/{style}/"
    targets = lists_crawl.targets()
    for url, text in links_of(style):
        link = lists_crawl.db["links"].get((source, url))
        assert link["rendered"] == 1 and link["anchor_text"] == text
        expected = ("dead", "http_404") if "gone" in url else ("live", "ok")
        assert (targets[url]["verdict"], targets[url]["reason"]) == expected


def test_pages_with_widget_scripts_are_not_rendered(lists_crawl):
    crawled = {row["url"] for row in lists_crawl.db["pages"].rows}
    assert {f"http://garden.test/plain/{name}" for name in NEGATIVE_PAGES} <= crawled
    stats = json.loads(next(iter(lists_crawl.db["runs"].rows))["stats"])
    assert stats["linkprospector/rendered/pages"] == len(STYLES)
    rendered = {
        row["source_url"]
        for row in lists_crawl.db.query("select distinct source_url from links where rendered = 1")
    }
    assert rendered == {f"http://lists.test/{style}/" for style in STYLES}
