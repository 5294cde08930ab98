"""End to end with a real Chromium: link lists that a script loads as JSON from the page's
own site (fetch with a template literal, XMLHttpRequest, async/await, an axios-like
wrapper, nested JSON) are rendered, their links stored as rendered and checked, and the
pages scored as the resource pages they are. The JavaScript tests never skip: without a
browser they fail and say how to install one."""

from __future__ import annotations

import json

import pytest

from linkprospector.demo.localweb import LocalWeb, Route, Site
from linkprospector.reading.rendering import BrowserNotFound, find_browser
from tests.conftest import run_crawl
from tests.json_list_pages import JSON_STYLES, json_page

#: Each page lists four live sites and one page that is gone.
LIVE_HOSTS = [f"jsonlive{i}.test" for i in range(4)]
GONE = "http://jsongone.test/removed"


def links_of(style: str) -> list[tuple[str, str]]:
    return [
        (f"http://{host}/{style}", f"Site {i} for {style}") for i, host in enumerate(LIVE_HOSTS)
    ] + [(GONE, "A page that is gone")]


def page_url(style: str) -> str:
    host, path, _ = JSON_STYLES[style]
    return f"http://{host}{path}"


def json_web() -> list[Site]:
    sites = []
    for style, (host, path, _builder) in JSON_STYLES.items():
        html, json_path, body = json_page(style, links_of(style))
        routes = {
            path: html,
            json_path: Route(body=body, content_type="application/json"),
            "/assets/site.js": Route(body="/* site */", content_type="text/javascript"),
        }
        sites.append(Site(host, routes=routes, robots=""))
    ok = Route(body="<!doctype html><title>Live</title><p>Here.</p>")
    sites += [Site(host, default=ok, robots="") for host in LIVE_HOSTS]
    sites.append(Site("jsongone.test", robots=""))  # every path answers 404
    return sites


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    try:
        find_browser()
    except BrowserNotFound as exc:
        pytest.fail(f"the JavaScript tests need a real Chromium: {exc}", pytrace=False)
    with LocalWeb(json_web()) as web:
        seeds = ",".join(page_url(style) for style in JSON_STYLES)
        result = run_crawl(
            tmp_path_factory.mktemp("json_lists"),
            web,
            args={"seeds": seeds, "depth": "0"},
            timeout=240,
        )
        hits = list(web.hits)
    return result, hits


def test_crawl_finishes_and_renders_every_json_page(crawled):
    result, _ = crawled
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    stats = json.loads(next(iter(result.db["runs"].rows))["stats"])
    assert stats["linkprospector/rendered/pages"] == len(JSON_STYLES)
    assert stats["linkprospector/rendered/reason/fetched_json"] == len(JSON_STYLES)


@pytest.mark.parametrize("style", list(JSON_STYLES))
def test_json_loaded_links_are_found_checked_and_scored(crawled, style):
    result, hits = crawled
    url = page_url(style)
    host, _path, _ = JSON_STYLES[style]
    _, json_path, _ = json_page(style, links_of(style))
    assert json_path.split("?")[0] in {p.split("?")[0] for _m, h, p in hits if h == host}
    stored = {
        row["target_url"]: row for row in result.db["links"].rows_where("source_url = ?", [url])
    }
    for target, title in links_of(style):
        assert target in stored, sorted(stored)
        assert stored[target]["rendered"] == 1
        assert stored[target]["anchor_text"] == title
    targets = result.targets()
    assert (targets[GONE]["verdict"], targets[GONE]["reason"]) == ("dead", "http_404")
    for target, _ in links_of(style)[:-1]:
        assert targets[target]["verdict"] == "live"
    page = result.db["pages"].get(url)
    assert page["rendered"] == 1
    assert page["is_resource"] == 1, page["resource_reasons"]
