"""Private-address guard and spider traps, end to end over loopback."""

from __future__ import annotations

import pytest

from linkprospector.demo.localweb import LocalWeb, Route, Site
from tests.conftest import run_crawl
from tests.webs import page


def trap_page(info) -> Route:
    """Every page links one level deeper, to the next calendar month and a new session."""
    path = info.path.rstrip("/")
    links = [
        f"{path}/more/",
        f"/calendar?year=2{len(path) % 10}99&month=1",
        f"/list?sid=abc{len(path)}",
        f"/list?page={len(path) + 1}",
        f"/x/x/x/{len(path)}",
        "http://outside.test/",
    ]
    body = "".join(f'<a href="{u}">l</a> ' for u in links)
    return Route(body=page(f"Trap {path}", body))


@pytest.fixture(scope="module")
def guarded_web():
    sites = [
        Site(
            "seed.test",
            routes={
                "/": page(
                    "Seed",
                    '<a href="http://rebind.test/">rebinding</a>'
                    '<a href="http://10.0.0.5/admin">intranet</a>'
                    '<a href="http://0x7f.0.0.2/">hex loopback</a>'
                    '<a href="http://fine.test/">fine</a>',
                )
            },
        ),
        Site("fine.test", routes={"/": page("Fine", "ok")}),
        Site("traps.test", default=Route(handler=trap_page)),
        Site("outside.test", routes={"/": page("Outside", "ok")}),
    ]
    with LocalWeb(sites) as web:
        yield web


def test_private_addresses_are_never_fetched(guarded_web, tmp_path):
    guarded_web.reset_hits()
    host_map = dict(guarded_web.host_map)
    # rebind.test resolves to another loopback address: a DNS trick, refused by address
    host_map["rebind.test"] = host_map["fine.test"].replace("127.0.0.1", "127.0.0.2")
    (tmp_path / "hosts.json").write_text(__import__("json").dumps(host_map))
    result = run_crawl(
        tmp_path,
        None,
        args={"seeds": "http://seed.test/"},
        settings={
            "LINKPROSPECTOR_ALLOW_PRIVATE": "0",
            # our own test server stays reachable; nothing else private is
            "LINKPROSPECTOR_ALLOWED_NETWORKS": "127.0.0.1/32",
            "LINKPROSPECTOR_HOST_MAP": str(tmp_path / "hosts.json"),
        },
    )
    assert result.returncode == 0, result.stderr[-2000:]
    targets = result.targets()
    for url in ("http://rebind.test/", "http://10.0.0.5/admin", "http://127.0.0.2/"):
        assert (targets[url]["verdict"], targets[url]["reason"]) == (
            "unknown",
            "private_address",
        ), url
    assert (targets["http://fine.test/"]["verdict"]) == "live"
    assert not [h for h in guarded_web.hits if h[1] == "rebind.test"]


def test_spider_traps_are_refused_and_the_crawl_ends(guarded_web, tmp_path):
    guarded_web.reset_hits()
    result = run_crawl(
        tmp_path, guarded_web, args={"seeds": "http://traps.test/", "depth": "50"}, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    paths = [p for _m, h, p in guarded_web.hits if h == "traps.test"]
    assert len(paths) < 60, paths
    assert not [p for p in paths if "sid=" in p or "/x/x/x/" in p or "year=2" in p]
    assert not [p for p in paths if p.count("/more") > 12]
    assert result.targets()["http://outside.test/"]["verdict"] == "live"


def test_max_pages_caps_pages_per_site(guarded_web, tmp_path):
    result = run_crawl(
        tmp_path, guarded_web, args={"seeds": "http://traps.test/", "max_pages": "5"}
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.db["pages"].count == 5
