"""Politeness and the hang tail, measured on loopback webs with the real ``scrapy crawl``.

Two crawls of webs built with ``linkprospector.demo.localweb``:

1. the hang web: ``--hosts`` ordinary hosts with ``--urls`` linked URLs each, 1% of them
   accepting connections and never answering;
2. the rate web: one host that answers 429 (``Retry-After: 2``) to a request arriving
   while another one is open, next to a few ordinary hosts.

    python benchmarks/bench_politeness.py [--hosts 200] [--urls 12] [--timeout 5]

Prints the most requests open at once on any answering host (server side) and in the
crawler (``linkprospector/politeness/max_in_flight_per_host``; want <= 2, the cap), the
rate-limited host's URLs that ended live (want all), and the hang tail: the time from
the last answer of a host that answers to the end of the crawl (want about one check
timeout at most).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from linkprospector.demo.localweb import CANARY_URL, LocalWeb, RequestInfo, Route, Site  # noqa: E402
from linkprospector.demo.web_model import html_page  # noqa: E402

CAP = 2


_page = html_page


def _hub(links: list[str]) -> Site:
    pages = [links[i : i + 200] for i in range(0, len(links), 200)]
    routes = {
        f"/links/{n}/": _page(
            "Useful links", "<ul>" + "".join(f'<li><a href="{u}">{u}</a></li>' for u in chunk)
        )
        for n, chunk in enumerate(pages)
    }
    routes["/"] = _page("Hub", "".join(f'<a href="{p}">{p}</a> ' for p in routes))
    return Site("bench-hub.test", routes=routes, robots="User-agent: *\nAllow: /\n")


@dataclass
class Crawl:
    stats: dict
    verdicts: dict[str, str]
    most_open: dict[str, int]
    starts: dict[str, list[float]]
    wall: float


def crawl(sites: list[Site], timeout: float, web_ref: list | None = None) -> Crawl:
    with tempfile.TemporaryDirectory() as tmp, LocalWeb(sites) as web:
        if web_ref is not None:
            web_ref.append(web)
        hosts_file = Path(tmp) / "hosts.json"
        hosts_file.write_text(json.dumps(web.host_map))
        db = Path(tmp) / "bench.db"
        settings = {
            "LINKPROSPECTOR_DB": str(db),
            "LINKPROSPECTOR_HOST_MAP": str(hosts_file),
            "LINKPROSPECTOR_ALLOW_PRIVATE": "1",
            "LINKPROSPECTOR_CANARY_URL": CANARY_URL,
            "LINKPROSPECTOR_CHECK_TIMEOUT": str(timeout),
            "DOWNLOAD_TIMEOUT": str(timeout),
            "LINKPROSPECTOR_RETRY_AFTER_MAX": "0.5",
            "LINKPROSPECTOR_RETRY_BACKOFF": "0.2",
            "LINKPROSPECTOR_PROGRESS_INTERVAL": "0",
        }
        cmd = [sys.executable, "-m", "scrapy", "crawl", "resource_pages"]
        cmd += ["-a", "seeds=http://bench-hub.test/", "-a", "depth=1"]
        for key, value in settings.items():
            cmd += ["-s", f"{key}={value}"]
        started = time.time()
        proc = subprocess.run(
            cmd,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        wall = time.time() - started
        if proc.returncode != 0:
            raise RuntimeError(f"crawl exited {proc.returncode}:\n{proc.stderr[-3000:]}")
        con = sqlite3.connect(db)
        stats = json.loads(con.execute("select stats from runs order by id desc").fetchone()[0])
        verdicts = dict(con.execute("select url, verdict from targets").fetchall())
        con.close()
        return Crawl(stats, verdicts, dict(web.most_open), dict(web.request_starts), wall)


def hang_web(hosts: int, urls: int) -> tuple[list[Site], list[str]]:
    hanging = [f"hang{i}.test" for i in range(max(1, hosts // 100))]
    ordinary = [f"site{i}.test" for i in range(hosts - len(hanging))]
    links = [f"http://{h}/p/{k}" for h in ordinary + hanging for k in range(urls)]
    sites = [
        _hub(links),
        *(Site(h, default=Route(body=_page("ok", "ok"))) for h in ordinary),
        *(Site(h, default=Route(hang=600)) for h in hanging),
    ]
    return sites, hanging


def rate_web(urls: int, web_ref: list) -> tuple[list[Site], list[str]]:
    def rate_limited(info: RequestInfo) -> Route:
        time.sleep(0.02)
        if web_ref[0].open_requests(info.host) > 1:
            return Route(status=429, body="slow down", headers={"Retry-After": "2"})
        return Route(body=_page("item", "ok"))

    rate = [f"http://ratelimited.test/item/{k}" for k in range(urls)]
    others = [f"http://other{i}.test/p/{k}" for i in range(5) for k in range(urls)]
    sites = [
        _hub(rate + others),
        Site("ratelimited.test", default=Route(handler=rate_limited)),
        *(Site(f"other{i}.test", default=Route(body=_page("ok", "ok"))) for i in range(5)),
    ]
    return sites, rate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--urls", type=int, default=12, help="linked URLs per host")
    parser.add_argument("--timeout", type=float, default=5.0, help="check timeout, seconds")
    args = parser.parse_args(argv)
    if args.hosts < 2 or args.urls < 1 or args.timeout <= 0:
        print("bench_politeness: error: --hosts >= 2, --urls >= 1, --timeout > 0", file=sys.stderr)
        return 2
    sites, hanging = hang_web(args.hosts, args.urls)
    try:
        hang = crawl(sites, args.timeout)
        web_ref: list = []
        rate_sites, rate_urls = rate_web(args.urls * 3, web_ref)
        rated = crawl(rate_sites, args.timeout, web_ref)
    except RuntimeError as exc:
        print(f"bench_politeness: error: {exc}", file=sys.stderr)
        return 1
    last_answer = max(t for h, ts in hang.starts.items() if h not in hanging for t in ts)
    tail = datetime.fromisoformat(str(hang.stats["finish_time"])).timestamp() - last_answer
    answering = [n for h, n in {**hang.most_open, **rated.most_open}.items() if h not in hanging]
    most_server = max(answering)
    key = "linkprospector/politeness/max_in_flight_per_host"
    most_client = max(hang.stats.get(key, 0), rated.stats.get(key, 0))
    rate_live = sum(1 for u in rate_urls if rated.verdicts.get(u) == "live")
    ok_cap = most_server <= CAP and most_client <= CAP
    ok_rate = rate_live == len(rate_urls)
    ok_tail = tail <= args.timeout * 1.5 + 1
    print(
        f"hang web: {args.hosts - len(hanging)} ordinary hosts x {args.urls} URLs and "
        f"{len(hanging)} hanging host(s), crawl {hang.wall:.1f} s; rate web: 1 rate-limited "
        f"host with {len(rate_urls)} URLs and 5 others, crawl {rated.wall:.1f} s"
    )
    mark = {True: "ok", False: "FAIL"}
    print(f"  max requests open per host (server):   {most_server}  (cap {CAP})  {mark[ok_cap]}")
    print(
        f"  max requests in flight per host (crawler): {most_client}  (cap {CAP})  {mark[ok_cap]}"
    )
    throttled = rated.stats.get("linkprospector/politeness/rate_limited", 0)
    print(
        f"  rate-limited host's URLs live:         {rate_live}/{len(rate_urls)}  "
        f"(429 answers: {throttled})  {mark[ok_rate]}"
    )
    print(
        f"  hang tail (last answer to end of run): {tail:.1f} s  "
        f"(check timeout {args.timeout:g} s)  {mark[ok_tail]}"
    )
    return 0 if ok_cap and ok_rate and ok_tail else 1


if __name__ == "__main__":
    sys.exit(main())
