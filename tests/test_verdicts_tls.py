"""End-to-end: certificate problems are observed and reported, never `dead` on their own."""

from __future__ import annotations

import json

import pytest

from linkprospector.demo.localweb import LocalWeb, Site
from tests.conftest import run_crawl
from tests.webs import page, ul
from tests.webs_hostile import HostMap, TLSServer, make_certificate

#: (target URL, verdict, reason, certificate problem in the evidence)
TLS_TARGETS = [
    ("https://tls-expired.test/", "unknown", "tls", "expired"),
    ("https://tls-expired.test/missing", "dead", "http_404", "expired"),
    ("https://tls-mismatch.test/page", "unknown", "tls", "hostname_mismatch"),
    ("https://tls-selfsigned.test/", "unknown", "tls", "self_signed"),
    ("https://plain-http.test/", "unknown", "tls", None),  # TLS spoken to an HTTP server
    ("http://live.test/", "live", "ok", None),
]


@pytest.fixture(scope="module")
def tls_crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tls")
    expired = make_certificate(tmp, "expired", ["tls-expired.test"], expired=True)
    other = make_certificate(tmp, "other", ["other.test"])
    selfsigned = make_certificate(tmp, "self", ["tls-selfsigned.test"])
    hub = Site(
        "tls-hub.test",
        routes={"/": page("Secure links and resources", ul([(u, u) for u, *_ in TLS_TARGETS]))},
    )
    sites = [hub, Site("live.test", routes={"/": page("Live", "ok")})]
    with (
        LocalWeb(sites) as web,
        TLSServer(*expired) as s1,
        TLSServer(*other) as s2,
        TLSServer(*selfsigned) as s3,
    ):
        hosts = HostMap(
            web,
            {
                "tls-expired.test": f"127.0.0.1:{s1.port}",
                "tls-mismatch.test": f"127.0.0.1:{s2.port}",
                "tls-selfsigned.test": f"127.0.0.1:{s3.port}",
                "plain-http.test": f"127.0.0.1:{web.port}",
            },
        )
        yield run_crawl(tmp, hosts, args={"seeds": "http://tls-hub.test/"})


def test_tls_crawl_finishes(tls_crawl):
    assert tls_crawl.returncode == 0, tls_crawl.stderr[-3000:]
    assert "Traceback" not in tls_crawl.stderr


@pytest.mark.parametrize(("url", "verdict", "reason", "problem"), TLS_TARGETS)
def test_tls_verdicts_and_evidence(tls_crawl, url, verdict, reason, problem):
    row = tls_crawl.targets()[url]
    assert (row["verdict"], row["reason"]) == (verdict, reason), row["evidence"]
    evidence = json.loads(row["evidence"])
    assert evidence.get("tls") == problem
    if url == "https://plain-http.test/":
        assert evidence["error"] == "tls" and evidence["detail"]
