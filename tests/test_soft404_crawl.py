"""End-to-end: soft-404s on a host that answers nonsense URLs with an honest 404 (issue 11,
point 2). The pages' own words and redirects to a home page decide, not the probe."""

from __future__ import annotations

import json

import pytest

from linkprospector.demo.localweb import LocalWeb, Route, Site
from tests.conftest import run_crawl
from tests.soft404_pages import GONE, LOOK_ALIKES, PROSE
from tests.webs import page, ul

HOST = "http://honest-cms.test"
ARTICLE = page("Seed saving", "<h1>Seed saving</h1><p>" + PROSE * 2 + "</p>")
REFRESH_HOME = (
    '<html><head><meta http-equiv="refresh" content="0; url=/"></head><body></body></html>'
)

#: path -> route of redirects on the honest host, and the expected (verdict, reason).
REDIRECTS = {
    "/guides/pruning-roses": (Route(redirect="/", status=301), ("dead", "soft_404")),
    "/shop/trowel-classic": (Route(redirect="/index.php", status=302), ("dead", "soft_404")),
    "/2018/06/compost-tea/": (Route(body=REFRESH_HOME), ("dead", "soft_404")),
    "/blog/moved-to-new-brand": (
        Route(redirect="http://new-brand.test/", status=301),
        ("dead", "soft_404"),
    ),
    "/en/": (Route(redirect="/", status=302), ("live", "redirect_ok")),
    "/index.html": (Route(redirect="/", status=301), ("live", "redirect_ok")),
    "/guides/seed-saving": (
        Route(redirect="/guides/seed-saving/", status=301),
        ("live", "redirect_ok"),
    ),
    "/guides/seed-saving/": (Route(body=ARTICLE), ("live", "ok")),
    "/members/seed-swap": (
        Route(redirect="/login?next=/members/seed-swap"),
        ("live", "redirect_ok"),
    ),
    "/login": (Route(body=page("Sign in", "<form><input name=user></form>")), ("live", "ok")),
    "/go/seed-shop": (
        Route(redirect="http://new-brand.test/", status=302),
        ("live", "redirect_ok"),
    ),
    "/guides/old-path": (
        Route(redirect="http://new-brand.test/guides/old-path", status=301),
        ("live", "redirect_ok"),
    ),
}


@pytest.fixture(scope="module")
def soft_crawl(tmp_path_factory):
    routes = {path: Route(body=html) for path, html in [*GONE, *LOOK_ALIKES]}
    routes.update({path: route for path, (route, _) in REDIRECTS.items()})
    routes["/"] = routes["/index.php"] = page("Honest CMS", "<h1>Welcome</h1><p>" + PROSE + "</p>")
    honest = Site("honest-cms.test", routes=routes)  # anything else: an honest 404
    new_brand = Site(
        "new-brand.test",
        routes={"/": page("New brand", "<h1>New brand</h1>"), "/guides/old-path": ARTICLE},
    )
    targets = [HOST + path for path in routes if path not in ("/", "/index.php")]
    hub = Site(
        "soft-hub.test", routes={"/": page("Gardening resources", ul([(u, u) for u in targets]))}
    )
    with LocalWeb([hub, honest, new_brand]) as web:
        tmp = tmp_path_factory.mktemp("soft404")
        result = run_crawl(tmp, web, args={"seeds": "http://soft-hub.test/", "depth": "0"})
        yield result, None


@pytest.mark.parametrize(("path", "_html"), GONE, ids=[p for p, _ in GONE])
def test_missing_page_is_dead_although_the_host_404s_honestly(soft_crawl, path, _html):
    result, _ = soft_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    row = result.targets()[HOST + path]
    assert (row["verdict"], row["reason"]) == ("dead", "soft_404"), row["evidence"]
    assert json.loads(row["evidence"])["soft_404"]["basis"] == "missing_page"


@pytest.mark.parametrize(("path", "_html"), LOOK_ALIKES, ids=[p for p, _ in LOOK_ALIKES])
def test_look_alikes_stay_live(soft_crawl, path, _html):
    result, _ = soft_crawl
    row = result.targets()[HOST + path]
    assert (row["verdict"], row["reason"]) == ("live", "ok"), row["evidence"]


@pytest.mark.parametrize("path", list(REDIRECTS))
def test_redirects(soft_crawl, path):
    result, _ = soft_crawl
    row = result.targets()[HOST + path]
    expected = REDIRECTS[path][1]
    assert (row["verdict"], row["reason"]) == expected, row["evidence"]
    if expected[1] == "soft_404":
        assert json.loads(row["evidence"])["soft_404"]["basis"] == "redirect_home"


def test_the_probe_answer_did_not_decide(soft_crawl):
    """The host was probed only for the look-alikes' weak signals, and answered 404."""
    result, _ = soft_crawl
    evidence = [json.loads(r["evidence"]) for r in result.targets().values()]
    probed = [e["soft_404"]["probe"] for e in evidence if "probe" in e.get("soft_404", {})]
    assert probed and all(p["status"] == 404 for p in probed)
