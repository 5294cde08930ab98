"""End-to-end: soft-404s on hosts that answer nonsense URLs with an honest 404. A deep URL
sent home is gone; otherwise the host's own not-found answer decides by its content, not
its status (a 200 page that is the host's 404 page is dead; look-alikes stay live)."""

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


def _not_found(path: str, html: str) -> Route:
    """The theme's not-found page with an honest 404, echoing the path asked for (Drupal)."""
    return Route(handler=lambda info: Route(status=404, body=html.replace(path, info.path)))


@pytest.fixture(scope="module")
def soft_crawl(tmp_path_factory):
    routes = {path: Route(body=html) for path, html in [*GONE, *LOOK_ALIKES]}
    routes.update({path: route for path, (route, _) in REDIRECTS.items()})
    routes["/"] = routes["/index.php"] = page("Honest CMS", "<h1>Welcome</h1><p>" + PROSE + "</p>")
    honest = Site("honest-cms.test", routes=routes)  # anything else: an honest 404
    # One host per theme: a removed page answers 200 with the theme's not-found page, which
    # the host sends with an honest 404 for URLs that never existed.
    themed = [
        Site(f"theme{i}.test", routes={path: Route(body=html)}, default=_not_found(path, html))
        for i, (path, html) in enumerate(GONE)
    ]
    new_brand = Site(
        "new-brand.test",
        routes={"/": page("New brand", "<h1>New brand</h1>"), "/guides/old-path": ARTICLE},
    )
    targets = [HOST + path for path in routes if path not in ("/", "/index.php")]
    targets += [f"http://theme{i}.test{path}" for i, (path, _html) in enumerate(GONE)]
    hub = Site(
        "soft-hub.test", routes={"/": page("Gardening resources", ul([(u, u) for u in targets]))}
    )
    with LocalWeb([hub, honest, new_brand, *themed]) as web:
        tmp = tmp_path_factory.mktemp("soft404")
        result = run_crawl(tmp, web, args={"seeds": "http://soft-hub.test/", "depth": "0"})
        yield result, None


@pytest.mark.parametrize(("index", "path"), list(enumerate(p for p, _ in GONE)))
def test_the_hosts_not_found_page_is_dead_although_the_host_404s_honestly(soft_crawl, index, path):
    result, _ = soft_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    row = result.targets()[f"http://theme{index}.test{path}"]
    assert (row["verdict"], row["reason"]) == ("dead", "soft_404"), row["evidence"]
    soft = json.loads(row["evidence"])["soft_404"]
    assert soft["basis"] == "probe_same_content" and soft["probe"]["status"] == 404


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


def test_every_probe_was_answered_with_an_honest_404(soft_crawl):
    """Content, not the probe's status, decided: every probe answered 404."""
    result, _ = soft_crawl
    evidence = [json.loads(r["evidence"]) for r in result.targets().values()]
    probed = [e["soft_404"]["probe"] for e in evidence if "probe" in e.get("soft_404", {})]
    assert len(probed) >= len(GONE) and all(p["status"] == 404 for p in probed)


#: GONE pages whose headline says this item is gone (page-specific evidence).
GONE_NOTICES = {"/noticias/2021/huerto-urbano.html", "/shop/heirloom-seed-kit"}


@pytest.mark.parametrize(("path", "_html"), GONE, ids=[p for p, _ in GONE])
def test_wording_alone_does_not_convict_on_a_host_whose_not_found_page_differs(
    soft_crawl, path, _html
):
    """honest-cms.test answers nonsense with a different 404 page: a "not found" heading
    is no verdict there; a short "this item is gone" notice is."""
    result, _ = soft_crawl
    row = result.targets()[HOST + path]
    soft = json.loads(row["evidence"])["soft_404"]
    if path in GONE_NOTICES:
        assert (row["verdict"], soft["basis"]) == ("dead", "gone_notice"), row["evidence"]
    else:
        assert (row["verdict"], soft["basis"]) == ("live", "unlike_not_found"), row["evidence"]
