"""Nightly benchmark: how much work later nights do over an unchanged web.

Uses bench_crawl's generated web and server, then runs the real ``scrapy crawl
resource_pages`` into one database three times with simulated time
(``LINKPROSPECTOR_NOW``): night 1, night 2 (a day later: only dead/unknown targets are
due) and night 8 (a week later: live targets are due again). Prints target requests per
night and the ratio to the first night::

    python benchmarks/bench_nightly.py            # 600 targets (quick web)
    python benchmarks/bench_nightly.py --full     # bench_crawl's full web (22,000 targets)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_crawl import (  # noqa: E402
    BenchServer,
    WebSpec,
    build_web,
    run_real_crawl,
    target_requests,
)

NIGHTS = (
    ("night 1", "2026-11-01T02:30:00+00:00"),
    ("night 2 (a day later)", "2026-11-02T02:30:00+00:00"),
    ("night 8 (a week later)", "2026-11-08T02:30:00+00:00"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="bench_crawl's full-size web")
    args = parser.parse_args(argv)
    spec = (
        WebSpec()
        if args.full
        else WebSpec(targets=600, hosts=150, nxdomain_hosts=20, pages=12, popular=10)
    )
    web = build_web(spec)
    served = [url for url in web.target_urls if web.fetches[url]]
    print(f"nightly benchmark: {len(web.target_urls)} distinct targets, {spec.pages} pages")
    failed = False
    with (
        tempfile.TemporaryDirectory(prefix="linkprospector-nightly-") as name,
        BenchServer(web) as server,
    ):
        work = Path(name)
        db_path = work / "nightly.db"
        first = None
        for index, (label, now) in enumerate(NIGHTS):
            run = run_real_crawl(
                server,
                work,
                db_path,
                name=f"night-{index}",
                extra_settings={"LINKPROSPECTOR_NOW": now},
            )
            requests = target_requests(web, run.hits, served)
            first = requests if first is None else first
            checked = run.stats.get("linkprospector/targets/checked", 0)
            fresh = run.stats.get("linkprospector/targets/fresh", 0)
            print(
                f"  {label:<24} exit {run.returncode}, {run.elapsed:5.1f} s, "
                f"{checked:>6} targets checked, {fresh:>6} fresh (skipped), "
                f"{requests:>6} target requests = {requests / max(first, 1):.0%} of night 1"
            )
            failed = failed or run.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
